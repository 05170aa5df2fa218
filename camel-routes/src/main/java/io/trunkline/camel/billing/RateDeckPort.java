package io.trunkline.camel.billing;

/** Where the rate-deck route hands a parsed file; implemented by the platform's billing service. */
public interface RateDeckPort {

    /** Stores the file's rates and quarantines its rejected lines, in one transaction. */
    void accept(RateDeckFile file);

    /** Records a file that could not be read at all (moved to the error folder) with the reason. */
    void refuse(String fileName, String reason);
}
