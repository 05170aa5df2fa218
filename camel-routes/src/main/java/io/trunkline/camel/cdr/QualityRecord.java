package io.trunkline.camel.cdr;

/**
 * Media quality of one leg of a call, as a PBX measured it (CUCM's CMR): tied to the call by the same record
 * key as its {@link CdrRecord}; {@code leg} tells the legs of one call apart. A value the source did not
 * measure is null.
 *
 * @param lossPercent packets lost over packets expected, in percent
 * @param mos         the listening MOS the endpoint estimated, 1.0 to 5.0
 */
public record QualityRecord(String source, String recordKey, String leg, Double jitterMs, Double latencyMs,
                            Double lossPercent, Double mos) implements SourceRecord {
}
