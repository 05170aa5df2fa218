package io.trunkline.camel.cdr;

import java.nio.charset.Charset;
import java.time.ZoneId;

/**
 * One configured producer of call records: a PBX (whose dial plan turns its numbers into E.164) or a carrier,
 * the format it writes, and where its files come from: a local inbox folder always, an SFTP directory polled
 * when {@code sftp} is set, and the HTTP push endpoint.
 *
 * @param pbx     the PBX whose dial plan normalizes the numbers; null for a carrier
 * @param carrier the carrier the records are from; null for a PBX
 * @param country ISO 3166 region for numbers a carrier writes without a country code
 * @param sftp    a Camel sftp endpoint URI ({@code sftp://user@host:port/dir?password=...}), or null
 */
public record CdrSource(String id, String formatName, CdrFormat format, String pbx, String carrier, ZoneId zone,
                        String country, Charset charset, String inbox, String sftp) {

    public boolean isPbx() {
        return pbx != null;
    }
}
