package io.trunkline.ejb.platform.infrastructure;

import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.TransactionManagement;
import javax.ejb.TransactionManagementType;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the application's tables to the current schema version (Flyway: {@code db/migration}, and
 * {@code db/vendor/<database>} where PostgreSQL and the embedded demo database differ) before anything else
 * uses them. jBPM's own tables are created by its persistence unit beforehand, so the schema is never empty: the history table is started at version 0 and every migration runs after it.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Flyway commits each migration itself; a container transaction around it would forbid that.
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

    @Resource(lookup = "java:jboss/datasources/TrunklineDS")
    private DataSource dataSource;

    private volatile String version;

    @PostConstruct
    void migrate() {
        String vendor;
        try (java.sql.Connection c = dataSource.getConnection()) {
            vendor = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).startsWith("postgres")
                    ? "postgresql" : "h2";
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("database not reachable for migration: " + e.getMessage(), e);
        }
        Flyway flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                // Common migrations, then each database's own (PostgreSQL partitions what H2 cannot).
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .table("trunkline_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        MigrateResult result = flyway.migrate();
        MigrationInfo current = flyway.info().current();
        version = current == null ? "none" : current.getVersion().getVersion();
        LOG.info("database schema at version {} ({} migration(s) applied now)", version, result.migrationsExecuted);
    }

    public String version() {
        return version;
    }
}
