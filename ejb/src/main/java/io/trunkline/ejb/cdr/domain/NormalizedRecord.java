package io.trunkline.ejb.cdr.domain;

import io.trunkline.camel.cdr.CdrRecord;

/** A call record with its numbers in E.164 (null where they could not be) and its destination class. */
public record NormalizedRecord(CdrRecord record, int line, String pbx, String carrier, String callingE164,
                               String calledE164, String callClass) {
}
