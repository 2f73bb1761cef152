package home.connected.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own for one test JVM, on the dev MariaDB, so tests start clean and never touch
 * the dev database. Named {@code connected_home_<purpose>_<random>} (the dev user may create
 * those) and dropped when the JVM exits. Needs a MariaDB JDBC driver on the test class path.
 */
public final class ScratchDatabase {

    private static final String SCHEME = "jdbc:mariadb://";

    private final DevServices services;
    private final String name;

    private ScratchDatabase(DevServices services, String purpose) {
        this.services = services;
        this.name = "connected_home_" + purpose + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        services.requireListening("MariaDB", services.mariadbUrl());
        execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP DATABASE IF EXISTS " + name)));
    }

    /** @param purpose lower-case letters, digits and underscores, e.g. {@code auth_test} */
    public static ScratchDatabase create(String purpose) {
        if (!purpose.matches("[a-z0-9_]{1,24}")) {
            throw new IllegalArgumentException("purpose must be [a-z0-9_]{1,24}: " + purpose);
        }
        return new ScratchDatabase(DevServices.get(), purpose);
    }

    /** The dev URL with the scratch database in place of the dev one. */
    public String url() {
        String base = services.mariadbUrl();
        int query = base.indexOf('?');
        return serverUrl() + "/" + name + (query < 0 ? "" : base.substring(query));
    }

    /** The database's name, e.g. for {@code mariadb-dump}. */
    public String name() {
        return name;
    }

    public String user() {
        return services.mariadbUser();
    }

    public String password() {
        return services.mariadbPassword();
    }

    private String serverUrl() {
        String base = services.mariadbUrl();
        int slash = base.indexOf('/', SCHEME.length());
        return slash < 0 ? base : base.substring(0, slash);
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(serverUrl(), user(), password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run `" + sql + "` on the dev MariaDB", e);
        }
    }
}
