package io.trunkline.edge.stir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The TN Authorization List of an STI certificate (RFC 8226 §9, extension 1.3.6.1.5.5.7.1.26): the numbers and
 * number ranges its holder may sign for, and its service provider codes. A SHAKEN certificate usually carries only an
 * SPC (ATIS-1000080), which scopes the holder, not numbers: then any number is in scope. When it lists numbers or
 * ranges, the calling number must be one of them. Read with a small DER reader (explicit tags, as the RFC's module
 * says): a list that cannot be read is out of scope for every number.
 */
final class TnAuthList {

    static final String OID = "1.3.6.1.5.5.7.1.26";

    private record Range(BigInteger start, int digits, BigInteger count) {
    }

    private final List<String> spcs;
    private final List<String> ones;
    private final List<Range> ranges;

    private TnAuthList(List<String> spcs, List<String> ones, List<Range> ranges) {
        this.spcs = spcs;
        this.ones = ones;
        this.ranges = ranges;
    }

    /** The certificate's list; empty when it has none. @throws IllegalArgumentException when it is unreadable */
    static Optional<TnAuthList> of(X509Certificate certificate) {
        byte[] wrapped = certificate.getExtensionValue(OID);
        if (wrapped == null) {
            return Optional.empty();
        }
        Der outer = new Der(wrapped, 0);
        Der seq = outer.expect(0x04).inner().expect(0x30);
        List<String> spcs = new ArrayList<>();
        List<String> ones = new ArrayList<>();
        List<Range> ranges = new ArrayList<>();
        for (Der entry : seq.children()) {
            Der value = entry.inner();
            switch (entry.tag) {
                case 0xA0 -> spcs.add(value.expect(0x16).text());
                case 0xA2 -> ones.add(value.expect(0x16).text());
                case 0xA1 -> {
                    List<Der> parts = value.expect(0x30).children();
                    if (parts.size() != 2) {
                        throw new IllegalArgumentException("a TN range is a start and a count");
                    }
                    String start = parts.get(0).expect(0x16).text();
                    ranges.add(new Range(new BigInteger(start), start.length(), parts.get(1).expect(0x02).integer()));
                }
                default -> throw new IllegalArgumentException("unknown TN entry tag " + Integer.toHexString(entry.tag));
            }
        }
        return Optional.of(new TnAuthList(List.copyOf(spcs), List.copyOf(ones), List.copyOf(ranges)));
    }

    /** Whether the list lets its holder sign for {@code tn} (digits only). */
    boolean covers(String tn) {
        if (ones.isEmpty() && ranges.isEmpty()) {
            return !spcs.isEmpty();
        }
        if (ones.contains(tn)) {
            return true;
        }
        for (Range r : ranges) {
            if (tn.length() == r.digits()) {
                BigInteger n = new BigInteger(tn);
                if (n.compareTo(r.start()) >= 0 && n.compareTo(r.start().add(r.count())) < 0) {
                    return true;
                }
            }
        }
        return false;
    }

    List<String> spcs() {
        return spcs;
    }

    /** One DER element: its tag, and where its content lies. Definite lengths only (DER has no other). */
    private static final class Der {
        final byte[] data;
        final int tag;
        final int start;
        final int end;
        final int next;

        Der(byte[] data, int at) {
            if (at + 2 > data.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            this.data = data;
            this.tag = data[at] & 0xff;
            int len = data[at + 1] & 0xff;
            int pos = at + 2;
            if (len > 0x80) {
                int n = len & 0x7f;
                if (n > 3 || pos + n > data.length) {
                    throw new IllegalArgumentException("bad DER length");
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (data[pos++] & 0xff);
                }
            } else if (len == 0x80) {
                throw new IllegalArgumentException("indefinite length in DER");
            }
            if (pos + len > data.length) {
                throw new IllegalArgumentException("DER element longer than its data");
            }
            this.start = pos;
            this.end = pos + len;
            this.next = end;
        }

        Der expect(int expected) {
            if (tag != expected) {
                throw new IllegalArgumentException("DER tag " + Integer.toHexString(tag) + " where "
                        + Integer.toHexString(expected) + " was expected");
            }
            return this;
        }

        /** The element inside this one (an OCTET STRING's or an explicit tag's content). */
        Der inner() {
            Der d = new Der(java.util.Arrays.copyOfRange(data, start, end), 0);
            if (d.next != end - start) {
                throw new IllegalArgumentException("trailing bytes in DER");
            }
            return d;
        }

        List<Der> children() {
            byte[] content = java.util.Arrays.copyOfRange(data, start, end);
            List<Der> out = new ArrayList<>();
            int at = 0;
            while (at < content.length) {
                Der d = new Der(content, at);
                out.add(d);
                at = d.next;
            }
            return out;
        }

        String text() {
            return new String(data, start, end - start, StandardCharsets.US_ASCII);
        }

        BigInteger integer() {
            return new BigInteger(java.util.Arrays.copyOfRange(data, start, end));
        }
    }
}
