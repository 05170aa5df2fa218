package io.trunkline.ejb.workflow.infrastructure;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.kie.api.task.UserGroupCallback;

/**
 * Tells the task service which groups a user is in from the same roles file the server's security
 * realm authenticates with ({@code trunkline-roles.properties}: {@code user=role1,role2}), so a task for
 * group {@code compliance} is offered to exactly the users who log in with role {@code compliance}.
 * The file is re-read when it changes on disk.
 */
public final class RoleFileUserGroupCallback implements UserGroupCallback {

    /** jBPM's built-in business administrator of every task. */
    static final String ADMINISTRATOR = "Administrator";
    static final String ADMINISTRATORS = "Administrators";
    public static final Set<String> ROLES = Set.of("analyst", "compliance", "ops", "admin");

    private final Path rolesFile;
    private long loadedModified = Long.MIN_VALUE;
    private Map<String, List<String>> roles = Map.of();

    public RoleFileUserGroupCallback(Path rolesFile) {
        this.rolesFile = rolesFile;
    }

    @Override
    public boolean existsUser(String userId) {
        return ADMINISTRATOR.equals(userId) || current().containsKey(userId);
    }

    @Override
    public boolean existsGroup(String groupId) {
        return ADMINISTRATORS.equals(groupId) || ROLES.contains(groupId)
                || current().values().stream().anyMatch(g -> g.contains(groupId));
    }

    /** A new mutable list each call: the task service filters it in place. */
    @Override
    public List<String> getGroupsForUser(String userId) {
        if (ADMINISTRATOR.equals(userId)) {
            return new ArrayList<>(List.of(ADMINISTRATORS));
        }
        return new ArrayList<>(current().getOrDefault(userId, List.of()));
    }

    private synchronized Map<String, List<String>> current() {
        try {
            long modified = Files.exists(rolesFile) ? Files.getLastModifiedTime(rolesFile).toMillis() : -1;
            if (modified != loadedModified) {
                roles = modified < 0 ? Map.of() : read(rolesFile);
                loadedModified = modified;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read roles file " + rolesFile + ": " + e.getMessage(), e);
        }
        return roles;
    }

    static Map<String, List<String>> read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, List<String>> out = new TreeMap<>();
        for (String user : p.stringPropertyNames()) {
            List<String> groups = new ArrayList<>();
            Arrays.stream(p.getProperty(user).split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(groups::add);
            out.put(user, List.copyOf(groups));
        }
        return out;
    }
}
