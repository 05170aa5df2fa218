package io.trunkline.ejb.fraud.domain;

import java.util.List;

/** The blocks in force, kept in the cluster so every platform and edge node sees them; each expires by itself. */
public interface BlockList {

    /** Stores the block until its end. */
    void put(Block block);

    /** Lifts a block; false when there was none. */
    boolean remove(String subject);

    /** Every block in force. */
    List<Block> all();
}
