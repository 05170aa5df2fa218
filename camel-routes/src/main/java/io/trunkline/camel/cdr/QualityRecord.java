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
}
