package io.trunkline.web.support;

import io.trunkline.ejb.workflow.api.Caller;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.ws.rs.core.SecurityContext;

/** The logged-in user and the platform roles the realm gives them, as the EJB tier is told who asks. */
public final class Callers {

    /** The roles the platform's realm knows ({@code trunkline-roles.properties}). */
    static final List<String> ROLES = List.of("analyst", "compliance", "ops", "admin");

    private Callers() {
    }

    public static Caller of(SecurityContext security) {
        Set<String> roles = ROLES.stream().filter(security::isUserInRole).collect(Collectors.toSet());
        return new Caller(security.getUserPrincipal().getName(), roles);
    }
}
