package home.connected.alert.notification;

import com.zaxxer.hikari.HikariDataSource;
import home.connected.testing.ScratchDatabase;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/** A scratch MariaDB database of this test JVM with alert-service's schema migrated by Flyway. */
final class DispatchDatabase {

    private static DispatchDatabase instance;

    final HikariDataSource dataSource;
    final JdbcTemplate jdbc;

    private DispatchDatabase() {
        ScratchDatabase scratch = ScratchDatabase.create("alert_dispatch");
        Flyway.configure()
                .dataSource(scratch.url(), scratch.user(), scratch.password())
                .table("alert_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .locations("classpath:db/migration")
                .load()
                .migrate();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(scratch.url());
        dataSource.setUsername(scratch.user());
        dataSource.setPassword(scratch.password());
        dataSource.setMaximumPoolSize(3);
        jdbc = new JdbcTemplate(dataSource);
    }

    static synchronized DispatchDatabase get() {
        if (instance == null) {
            instance = new DispatchDatabase();
        }
        return instance;
    }

    /** Empties every table the dispatcher touches (deletes cascade to notifications and attempts). */
    void clear() {
        jdbc.update("DELETE FROM alert_event");
        jdbc.update("DELETE FROM alert_series");
        jdbc.update("DELETE FROM alert_rule_channel");
        jdbc.update("DELETE FROM alert_rule");
        jdbc.update("DELETE FROM alert_channel");
    }
}
