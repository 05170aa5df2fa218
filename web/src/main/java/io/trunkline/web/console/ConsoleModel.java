package io.trunkline.web.console;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

/** What every page's layout shows: the user, their menus, the CSRF token for its forms, a message left by a redirect. */
final class ConsoleModel {

    static final String FLASH = ConsoleModel.class.getName() + ".flash";

    private ConsoleModel() {
    }

    static Map<String, Object> common(HttpServletRequest request) {
        Map<String, Object> model = new HashMap<>();
        boolean loggedIn = request.getUserPrincipal() != null && Csrf.token(request) != null;
        Set<String> roles = loggedIn ? ConsoleUser.roles(request) : Set.of();
        List<ConsoleSection> sections = Arrays.stream(ConsoleSection.values()).filter(s -> s.allows(roles)).toList();
        model.put("user", loggedIn ? ConsoleUser.name(request) : null);
        model.put("roles", roles);
        model.put("sections", sections);
        model.put("csrf", loggedIn ? Csrf.token(request) : "");
        model.put("path", request.getRequestURI());
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(FLASH) != null) {
            model.put("flash", session.getAttribute(FLASH));
            session.removeAttribute(FLASH);
        }
        return model;
    }

    static void flash(HttpServletRequest request, String message) {
        request.getSession().setAttribute(FLASH, message);
    }
}
