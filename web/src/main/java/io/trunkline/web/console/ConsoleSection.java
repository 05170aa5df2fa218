package io.trunkline.web.console;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The console's parts and who may use them: a page or action under a section's path is refused (403) to a user
 * holding none of its roles, and its menu is not shown to them. The home page is every console user's.
 */
public enum ConsoleSection {

    RULES("/ui/rules", "Rulebooks", Set.of("analyst", "admin")),
    WORK("/ui/work", "Workflows", Set.of("compliance", "admin")),
    OPS("/ui/ops", "Operations", Set.of("ops", "admin"));

    /** The roles that may log in to the console (an edge node's account may not). */
    public static final List<String> CONSOLE_ROLES = List.of("analyst", "compliance", "ops", "admin");

    private final String path;
    private final String title;
    private final Set<String> roles;

    ConsoleSection(String path, String title, Set<String> roles) {
        this.path = path;
        this.title = title;
        this.roles = roles;
    }

    public String path() {
        return path;
    }

    public String title() {
        return title;
    }

    public Set<String> roles() {
        return roles;
    }

    public boolean allows(Set<String> userRoles) {
        return userRoles.stream().anyMatch(roles::contains);
    }

    /** The section a console path belongs to; empty for the home, login and static paths. */
    public static Optional<ConsoleSection> of(String path) {
        for (ConsoleSection s : values()) {
            if (path.equals(s.path) || path.startsWith(s.path + "/")) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
