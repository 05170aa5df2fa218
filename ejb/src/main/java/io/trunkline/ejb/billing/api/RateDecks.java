package io.trunkline.ejb.billing.api;

import io.trunkline.contract.telecom.CarrierId;
import javax.ejb.Local;

/** Carriers' rate decks uploaded through the API (files dropped in the inbox take the same path). */
@Local
public interface RateDecks {

    /**
     * Parses and stores a rate-deck CSV of {@code carrier}; bad lines are quarantined, the rest stored.
     *
     * @return the file's record with its counts
     * @throws IllegalArgumentException when the file cannot be read at all (encoding, header)
     */
    IngestFiles.IngestedFile importDeck(CarrierId carrier, String fileName, byte[] csv);
}
