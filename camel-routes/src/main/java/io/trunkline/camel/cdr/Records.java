package io.trunkline.camel.cdr;

import java.io.IOException;

/**
 * The records of a file after its header lines, each with the physical lines it was read from (1-based, as an
 * editor numbers them, header lines counted), so that a quarantined record is found where it is reported.
 */
interface Records {

    /** One record's text and the first and last physical line it covers; a blank line is a blank record. */
    record Text(String text, int firstLine, int lastLine) {
        boolean isBlank() {
            return text.isBlank();
        }
    }

    /** @return the next record, or null at the end */
    Text next() throws IOException;
}
