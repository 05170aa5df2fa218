package io.trunkline.ejb.routing.api;

/**
 * A route request that cannot be decided because of what it says, naming the field: unknown PBX or
 * carrier, a dialed string with other than keypad characters, a number that is not E.164. Declared an
 * application exception in ejb-jar.xml so it reaches the caller as it is.
 */
public class InvalidRouteRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidRouteRequest(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
