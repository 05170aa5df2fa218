package io.trunkline.ejb.routing.api;

import io.trunkline.camel.support.CsvLine;
import java.util.List;

/**
 * The CSV dialect of master-data files, the one the platform's routes read: RFC 4180 fields, one record per
 * line, so that a stray quote is reported on its own line.
 */
public final class MasterDataFiles {

    private MasterDataFiles() {
    }

    /** @throws IllegalArgumentException with the 1-based column of an unbalanced quote */
    public static List<String> cells(String line) {
        return CsvLine.split(line);
    }
}
