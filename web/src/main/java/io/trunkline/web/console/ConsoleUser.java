package io.trunkline.web.console;

import io.trunkline.ejb.workflow.api.Caller;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;

/** The logged-in user of a console request: name and the platform roles the realm gives them. */
final class ConsoleUser {

    private ConsoleUser() {
    }

    static Set<String> roles(HttpServletRequest request) {
        Set<String> roles = new LinkedHashSet<>();
        for (String role : ConsoleSection.CONSOLE_ROLES) {
            if (request.isUserInRole(role)) {
                roles.add(role);
            }
        }
        return roles;
    }

    static String name(HttpServletRequest request) {
        return request.getUserPrincipal().getName();
    }

    /** The caller as the workflow services are told who asks. */
    static Caller caller(HttpServletRequest request) {
        return new Caller(name(request), roles(request));
    }
}
