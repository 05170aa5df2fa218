package io.trunkline.ejb.routing.api;

/** Master data that cannot be stored as given, naming the field (an unknown referenced carrier, say). */
public class MasterDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String field;

    public MasterDataException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
