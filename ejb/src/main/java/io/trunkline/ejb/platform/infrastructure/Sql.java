package io.trunkline.ejb.platform.infrastructure;

import java.sql.SQLException;
import javax.ejb.EJBException;

/**
 * A service's work on its ports, whose {@link SQLException} becomes the {@link EJBException} that rolls the caller's
 * transaction back, naming what was not read or stored.
 */
public final class Sql {

    /** Work that answers something. */
    @FunctionalInterface
    public interface Query<T> {
        T run() throws SQLException;
    }

    /** Work that answers nothing. */
    @FunctionalInterface
    public interface Update {
        void run() throws SQLException;
    }

    private Sql() {
    }

    public static <T> T query(String what, Query<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new EJBException(what + ": " + e.getMessage(), e);
        }
    }

    public static void update(String what, Update work) {
        query(what, () -> {
            work.run();
            return null;
        });
    }
}
