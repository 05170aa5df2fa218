package io.trunkline.web.workflow;

import io.trunkline.ejb.workflow.api.StoredDocument;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A workflow's evidence as one ZIP for a regulator or a carrier: {@code audit.json} and {@code audit.csv} (the
 * trail), {@code documents/<id>-<name>} for each document, and {@code manifest.csv} ({@code file,size,sha256}, RFC
 * 4180) listing every other entry with its SHA-256, so whoever receives it can check nothing was changed. A
 * document's hash is the one stored when it was added, so the manifest also proves the file is the one recorded
 * in the audit trail's {@code DOCUMENT_ADDED} row.
 */
final class WorkflowAuditZip {

    static final String MANIFEST_HEADER = "file,size,sha256";
    private static final String CRLF = "\r\n";

    private WorkflowAuditZip() {
    }

    static void write(OutputStream out, String auditJson, String auditCsv, List<StoredDocument> documents) throws IOException {
        StringBuilder manifest = new StringBuilder(MANIFEST_HEADER).append(CRLF);
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            entry(zip, manifest, "audit.json", auditJson.getBytes(StandardCharsets.UTF_8), null);
            entry(zip, manifest, "audit.csv", auditCsv.getBytes(StandardCharsets.UTF_8), null);
            for (StoredDocument d : documents) {
                entry(zip, manifest, path(d), d.content(), d.view().sha256());
            }
            ZipEntry m = new ZipEntry("manifest.csv");
            zip.putNextEntry(m);
            zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    /** {@code documents/<id>-<name>}, the name kept to one path segment whatever it holds. */
    static String path(StoredDocument d) {
        String name = d.view().name().replaceAll("[/\\\\\\p{Cntrl}]", "_");
        return "documents/" + d.view().id() + "-" + name;
    }

    private static void entry(ZipOutputStream zip, StringBuilder manifest, String name, byte[] content, String sha256)
            throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
        manifest.append(WorkflowAuditCsv.cell(name)).append(',').append(content.length).append(',')
                .append(sha256 != null ? sha256 : sha256(content)).append(CRLF);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
