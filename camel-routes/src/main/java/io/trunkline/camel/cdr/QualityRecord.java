package io.trunkline.camel.cdr;

/**
 * Media quality of one leg of a call, as a PBX measured it (CUCM's CMR): its own record key, and the
 * {@link CdrRecord#callKey()} of the call it measured; {@code leg} says which endpoint measured. A value the
 * source did not measure is null.
 *
 * @param lossPercent packets lost over packets expected, in percent
 * @param mos         the listening MOS the endpoint estimated, 1.0 to 5.0
 */
public record QualityRecord(String source, String recordKey, String callKey, String leg, Double jitterMs, Double latencyMs,
                            Double lossPercent, Double mos) implements SourceRecord {

    /**
     * @return this record
     * @throws IllegalArgumentException naming the first field longer than the platform keeps
     */
    public QualityRecord checked() {
        CdrRecord.limit("record key", recordKey, CdrRecord.MAX_KEY);
        CdrRecord.limit("call key", callKey, CdrRecord.MAX_KEY);
        CdrRecord.limit("leg", leg, CdrRecord.MAX_NAME);
        if (recordKey == null || recordKey.isBlank()) {
            throw new IllegalArgumentException("record key: empty");
        }
        return this;
    }
}
