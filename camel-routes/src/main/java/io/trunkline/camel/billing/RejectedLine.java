package io.trunkline.camel.billing;

/** A line that could not be taken, kept whole with the reason, for the quarantine. */
public record RejectedLine(int lineNumber, String raw, String reason) {
}
