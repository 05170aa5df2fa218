package io.trunkline.camel.cdr;

/** One record a PBX or carrier wrote: a call ({@link CdrRecord}) or a call's media quality ({@link QualityRecord}). */
public sealed interface SourceRecord permits CdrRecord, QualityRecord {

    /** The configured source the record came from. */
    String source();

    /** The source's own key of the call, kept so that the same record taken twice is stored once. */
    String recordKey();
}
