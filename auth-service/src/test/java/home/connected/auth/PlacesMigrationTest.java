package home.connected.auth;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.testing.DevServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Migration V2 on a database that already has devices: their names and locations become their first places. */
class PlacesMigrationTest {

    private final DevServices services = DevServices.get();

    @Test
    void existingDevicesKeepTheirNameAndLocationAsTheirFirstPlace() throws SQLException {
        String name = "connected_home_auth_migration_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String server = serverUrl();
        run(server, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        try {
            String database = server + name;
            flyway(database, "1").migrate();
            run(
                    database,
                    "INSERT INTO devices (device_id, display_name, location, enabled, created_at, created_by) VALUES"
                            + " ('pi-1', 'Kitchen Pi', 'kitchen', TRUE, '2026-01-02 03:04:05.123456', 'admin'),"
                            + " ('pi-2', 'pi-2', '', TRUE, '2026-01-03 00:00:00', 'admin'),"
                            + " ('pi-3', 'PI-3', 'hall', TRUE, '2026-01-04 00:00:00', 'admin')");

            flyway(database, "2").migrate();

            assertThat(rows(
                            database,
                            "SELECT device_id, display_name, room, since, set_by FROM device_places"
                                    + " WHERE replaced_at IS NULL ORDER BY device_id"))
                    .containsExactly(
                            "pi-1|Kitchen Pi|kitchen|2026-01-02 03:04:05.123456|admin",
                            "pi-2|||2026-01-03 00:00:00.000000|admin",
                            "pi-3|PI-3|hall|2026-01-04 00:00:00.000000|admin");
            assertThat(rows(
                            database,
                            "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()"
                                    + " AND table_name = 'devices' AND column_name IN ('display_name', 'location')"))
                    .as("one place for the facts")
                    .containsExactly("0");
        } finally {
            run(server, "DROP DATABASE IF EXISTS " + name);
        }
    }

    private Flyway flyway(String url, String target) {
        return Flyway.configure()
                .dataSource(url, services.mariadbUser(), services.mariadbPassword())
                .table("auth_schema_history")
                .target(target)
                .load();
    }

    private List<String> rows(String url, String sql) throws SQLException {
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(result.getString(i));
                }
                rows.add(String.join("|", values));
            }
            return rows;
        }
    }

    private void run(String url, String sql) throws SQLException {
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, services.mariadbUser(), services.mariadbPassword());
    }

    private String serverUrl() {
        String base = services.mariadbUrl();
        int slash = base.indexOf('/', "jdbc:mariadb://".length());
        return slash < 0 ? base + "/" : base.substring(0, slash) + "/";
    }
}
