package io.trunkline.ejb.workflow.api;

import java.io.Serializable;
import java.util.Set;

/** Who asks: the logged-in user and the platform roles the web tier found them in. */
public record Caller(String user, Set<String> roles) implements Serializable {

    public Caller {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("a caller needs a user");
        }
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }
}
