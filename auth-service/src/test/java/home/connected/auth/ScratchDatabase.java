package home.connected.auth;

import home.connected.testing.DevServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own for this test run, on the dev MariaDB, so tests start clean and never
 * touch the dev database. Dropped when the test JVM exits.
 */
final class ScratchDatabase {

    private static ScratchDatabase instance;

    private final DevServices services = DevServices.get();
    private final String name = "connected_home_auth_test_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private ScratchDatabase() {
        services.requireListening("MariaDB", services.mariadbUrl());
        execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP DATABASE IF EXISTS " + name)));
    }

    static synchronized ScratchDatabase get() {
        if (instance == null) {
            instance = new ScratchDatabase();
        }
        return instance;
    }

    /** The dev URL with the scratch database in place of the dev one. */
    String url() {
        String base = services.mariadbUrl();
        int slash = base.indexOf('/', "jdbc:mariadb://".length());
        int query = base.indexOf('?', Math.max(slash, 0));
        String server = slash < 0 ? base : base.substring(0, slash);
        return server + "/" + name + (query < 0 ? "" : base.substring(query));
    }

    String user() {
        return services.mariadbUser();
    }

    String password() {
        return services.mariadbPassword();
    }

    private void execute(String sql) {
        try (Connection connection =
                        DriverManager.getConnection(serverUrl(), services.mariadbUser(), services.mariadbPassword());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run `" + sql + "` on the dev MariaDB", e);
        }
    }

    private String serverUrl() {
        String base = services.mariadbUrl();
        int slash = base.indexOf('/', "jdbc:mariadb://".length());
        return slash < 0 ? base : base.substring(0, slash) + "/";
    }
}
