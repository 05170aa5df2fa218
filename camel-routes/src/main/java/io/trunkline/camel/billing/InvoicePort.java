package io.trunkline.camel.billing;

/** Where the invoice route hands a parsed invoice; implemented by the platform's billing service. */
public interface InvoicePort {

    /** Stores the invoice, its lines and its quarantined lines in one transaction (the same invoice twice once). */
    void accept(InvoiceFile file);

    /** Records a file that could not be read at all (moved to the error folder) with the reason. */
    void refuse(String fileName, String reason);
}
