package io.trunkline.ejb.platform.infrastructure;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/** Whether the platform's database answers a query, for the health report. */
@Dependent
public class DatabaseProbe {

    private final DataSource dataSource;

    @Inject
    public DatabaseProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs a query and returns the database's product name and version; throws when it does not answer. */
    public String product() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            DatabaseMetaData meta = c.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        }
    }
}
