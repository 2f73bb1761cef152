package home.connected.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class MariaDbConnectionTest {

    private final DevServices services = DevServices.get();

    @Test
    void roundTripsARowThroughTheProjectDatabase() throws SQLException {
        services.requireListening("MariaDB", services.mariadbUrl());
        try (Connection connection = DriverManager.getConnection(
                services.mariadbUrl(), services.mariadbUser(), services.mariadbPassword())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TEMPORARY TABLE probe (id INT PRIMARY KEY, label VARCHAR(64))");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO probe VALUES (?, ?)")) {
                insert.setInt(1, 7);
                insert.setString(2, "Küche °C ' \" ;");
                insert.executeUpdate();
            }
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT label, VERSION() FROM probe WHERE id = ?")) {
                select.setInt(1, 7);
                try (ResultSet row = select.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString(1)).isEqualTo("Küche °C ' \" ;");
                    assertThat(row.getString(2)).containsIgnoringCase("mariadb");
                }
            }
        }
    }

    @Test
    void aScratchDatabaseIsCreatedEmptyAndSeparateFromTheDevDatabase() throws SQLException {
        ScratchDatabase scratch = ScratchDatabase.create("connection_test");
        try (Connection connection = DriverManager.getConnection(scratch.url(), scratch.user(), scratch.password());
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT DATABASE(), (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE())")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).startsWith("connected_home_connection_test_");
            assertThat(row.getInt(2)).isZero();
        }
    }
}
