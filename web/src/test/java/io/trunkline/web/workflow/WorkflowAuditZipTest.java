package io.trunkline.web.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.ejb.workflow.api.DocumentView;
import io.trunkline.ejb.workflow.api.StoredDocument;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;

/** The evidence ZIP read back as a regulator would: every entry there, and the manifest's hashes true. */
class WorkflowAuditZipTest {

    private static StoredDocument document(long id, String name, byte[] content) {
        return new StoredDocument(new DocumentView(id, 42, name, "UPLOAD", "application/pdf", content.length,
                WorkflowAuditZip.sha256(content), "carol", Instant.parse("2026-12-04T10:00:00Z")), content);
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    @Test
    void theZipHoldsTheTrailTheDocumentsAndAManifestWhoseHashesMatch() throws IOException {
        byte[] loa = "%PDF-1.4 signed".getBytes(StandardCharsets.US_ASCII);
        byte[] scan = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkflowAuditZip.write(out, "{\"workflow\":42,\"events\":[]}", "seq,at\r\n1,x\r\n",
                List.of(document(3, "LOA, signed.pdf", loa), document(5, "../scan.png", scan)));

        Map<String, byte[]> entries = entries(out.toByteArray());
        assertThat(entries.keySet()).containsExactly("audit.json", "audit.csv", "documents/3-LOA, signed.pdf",
                "documents/5-.._scan.png", "manifest.csv");
        assertThat(entries.get("documents/3-LOA, signed.pdf")).isEqualTo(loa);
        assertThat(entries.get("documents/5-.._scan.png")).isEqualTo(scan);
        assertThat(new String(entries.get("audit.json"), StandardCharsets.UTF_8)).isEqualTo("{\"workflow\":42,\"events\":[]}");

        String[] lines = new String(entries.get("manifest.csv"), StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).isEqualTo("file,size,sha256");
        assertThat(lines).hasSize(5);
        assertThat(lines[3]).isEqualTo("\"documents/3-LOA, signed.pdf\"," + loa.length + "," + WorkflowAuditZip.sha256(loa));
        for (String line : List.of(lines).subList(1, lines.length)) {
            int last = line.lastIndexOf(',');
            int size = line.lastIndexOf(',', last - 1);
            String file = line.substring(0, size).replaceAll("^\"|\"$", "");
            byte[] content = entries.get(file);
            assertThat(content).as(file).isNotNull();
            assertThat(line.substring(size + 1, last)).isEqualTo(String.valueOf(content.length));
            assertThat(line.substring(last + 1)).as(file).isEqualTo(WorkflowAuditZip.sha256(content));
        }
    }

    @Test
    void aDocumentAlteredSinceItWasStoredNoLongerMatchesTheManifest() throws IOException {
        StoredDocument stored = document(3, "loa.pdf", "%PDF-1.4 original".getBytes(StandardCharsets.US_ASCII));
        StoredDocument altered = new StoredDocument(stored.view(), "%PDF-1.4 altered!".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkflowAuditZip.write(out, "{}", "", List.of(altered));

        Map<String, byte[]> entries = entries(out.toByteArray());
        String manifest = new String(entries.get("manifest.csv"), StandardCharsets.UTF_8);
        assertThat(manifest).contains(stored.view().sha256())
                .doesNotContain(WorkflowAuditZip.sha256(entries.get("documents/3-loa.pdf")));
    }

    @Test
    void theZipIsAnsweredOnlyWhenPreferredToJson() {
        MediaType zip = new MediaType("application", "zip");
        assertThat(WorkflowResource.auditFormat(List.of(zip))).isEqualTo(WorkflowResource.ZIP);
        assertThat(WorkflowResource.auditFormat(List.of(zip, MediaType.APPLICATION_JSON_TYPE))).isEqualTo(WorkflowResource.ZIP);
        assertThat(WorkflowResource.auditFormat(List.of(MediaType.APPLICATION_JSON_TYPE, zip)))
                .isEqualTo(MediaType.APPLICATION_JSON_TYPE);
        assertThat(WorkflowResource.auditFormat(List.of(MediaType.WILDCARD_TYPE))).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
        assertThat(WorkflowResource.auditFormat(List.of(new MediaType("text", "csv")))).isEqualTo(WorkflowResource.CSV);
    }
}
