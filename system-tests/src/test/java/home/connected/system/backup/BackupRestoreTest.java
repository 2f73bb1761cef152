package home.connected.system.backup;

import static home.connected.system.DevicePublisher.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Message;
import home.connected.contracts.alert.v1.AlertState;
import home.connected.contracts.alert.v1.Channel;
import home.connected.contracts.alert.v1.Comparison;
import home.connected.contracts.alert.v1.ListAlertsResponse;
import home.connected.contracts.alert.v1.ListChannelsResponse;
import home.connected.contracts.alert.v1.ListRulesResponse;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.SensorSelector;
import home.connected.contracts.alert.v1.Severity;
import home.connected.contracts.alert.v1.Threshold;
import home.connected.contracts.alert.v1.WebhookChannel;
import home.connected.contracts.auth.v1.CreateGroupRequest;
import home.connected.contracts.auth.v1.CreateUserRequest;
import home.connected.contracts.auth.v1.DeviceCredentials;
import home.connected.contracts.auth.v1.Group;
import home.connected.contracts.auth.v1.ListDevicePlacesResponse;
import home.connected.contracts.auth.v1.ListDevicesResponse;
import home.connected.contracts.auth.v1.ListGroupsResponse;
import home.connected.contracts.auth.v1.ListUsersResponse;
import home.connected.contracts.auth.v1.ProvisionDeviceRequest;
import home.connected.contracts.auth.v1.User;
import home.connected.contracts.query.v1.ListSensorsResponse;
import home.connected.system.DevicePublisher;
import home.connected.system.Rest;
import home.connected.testing.InfluxQlReader;
import home.connected.testing.RunningSystem;
import home.connected.testing.SystemData;
import home.connected.testing.WebhookReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups as an operator uses them: a household's users, group, devices, alert rules and readings made
 * through the API, dev/backup taken while the system runs, everything wiped, dev/restore, and the services
 * started again on the restored data answer exactly as before. A damaged backup is refused and changes
 * nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupRestoreTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String PURPOSE = "backup-test";

    @TempDir
    static Path backups;

    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
    private final Map<String, DeviceCredentials> devices = new LinkedHashMap<>();
    private RunningSystem system;
    private RunningSystem restored;
    private WebhookReceiver hook;
    private BackupCommands commands;
    private Map<String, Message> before;
    private List<String> readingsBefore;

    @BeforeAll
    void fillAHousehold() throws Exception {
        system = new RunningSystem(PURPOSE, suffix);
        commands = new BackupCommands(system.data(), backups);
        hook = new WebhookReceiver();
        Rest rest = new Rest(system.gatewayHttp());
        String admin = rest.login(system.adminUser(), system.adminPassword());

        rest.ok(
                "POST",
                "/api/v1/groups",
                admin,
                CreateGroupRequest.newBuilder()
                        .setName("grandparents")
                        .addPermissions("readings:read")
                        .build(),
                Group.newBuilder());
        for (String name : List.of("alice", "bob")) {
            rest.ok(
                    "POST",
                    "/api/v1/users",
                    admin,
                    CreateUserRequest.newBuilder()
                            .setUsername(name)
                            .setDisplayName(name.toUpperCase())
                            .setPassword(passwordOf(name))
                            .addGroups(name.equals("alice") ? "grandparents" : "guests")
                            .build(),
                    User.newBuilder());
        }
        String channel = rest.ok(
                        "POST",
                        "/api/v1/alert-channels",
                        admin,
                        Channel.newBuilder()
                                .setName("phone")
                                .setWebhook(WebhookChannel.newBuilder().setUrl(hook.url()))
                                .build(),
                        Channel.newBuilder())
                .getId();
        for (String device : List.of("kitchen-" + suffix, "cellar-" + suffix)) {
            devices.put(
                    device,
                    rest.ok(
                                    "POST",
                                    "/api/v1/devices",
                                    admin,
                                    ProvisionDeviceRequest.newBuilder()
                                            .setDeviceId(device)
                                            .setDisplayName("Sensor " + device)
                                            .setLocation(device.substring(0, device.indexOf('-')))
                                            .build(),
                                    DeviceCredentials.newBuilder())
                            .build());
        }
        String kitchen = "kitchen-" + suffix;
        Rule rule = rest.ok(
                        "POST",
                        "/api/v1/alert-rules",
                        admin,
                        Rule.newBuilder()
                                .setName("Kitchen too warm")
                                .setEnabled(true)
                                .setSelector(SensorSelector.newBuilder()
                                        .setDeviceId(kitchen)
                                        .setQuantity("temperature"))
                                .setThreshold(Threshold.newBuilder()
                                        .setComparison(Comparison.COMPARISON_ABOVE)
                                        .setValue(25))
                                .setSeverity(Severity.SEVERITY_WARNING)
                                .addChannelIds(channel)
                                .build(),
                        Rule.newBuilder())
                .build();

        int readings = 0;
        for (DeviceCredentials device : devices.values()) {
            try (DevicePublisher publisher = connect(device)) {
                for (int minute = 0; minute < 60; minute++) {
                    Instant at = t0.plus(Duration.ofMinutes(minute));
                    publisher.publish("{\"readings\":[" + reading("temperature", 20 + minute / 6.0, "°C", at) + ","
                            + reading("humidity", 40 + minute % 7, "%", at) + "]}");
                    readings += 2;
                }
            }
        }
        int published = readings;
        try (InfluxQlReader influx = InfluxQlReader.ofDevServices(system.influxBucket())) {
            await().atMost(PATIENCE).until(() -> influx.countReadings("time >= 0") == published);
        }
        // the kitchen passed 25 °C: the rule's alert fires (alert state is part of what is backed up)
        await().atMost(PATIENCE)
                .until(
                        () -> rest.ok(
                                        "GET",
                                        "/api/v1/alerts?ruleId=" + rule.getId(),
                                        admin,
                                        null,
                                        ListAlertsResponse.newBuilder())
                                .getAlertsList(),
                        alerts -> alerts.size() == 1 && alerts.get(0).getState() == AlertState.ALERT_STATE_FIRING);
        await().atMost(PATIENCE).until(() -> hook.bodiesWith(kitchen).size() == 1);
        before = listings(system);
        readingsBefore = rawReadings(system.influxBucket());
        assertThat(readingsBefore).hasSize(published);
    }

    @AfterAll
    void stop() {
        Stream.of(restored, system).filter(s -> s != null).forEach(RunningSystem::close);
        if (hook != null) {
            hook.close();
        }
    }

    @Test
    @Order(1)
    void aBackupOfTheLiveSystemIsNotRestoredWhileTheServicesRun() {
        BackupCommands.Result backup = commands.backup();
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        assertThat(backup.output()).contains("backup complete");

        BackupCommands.Result restore = commands.restore("latest");
        assertThat(restore.exitCode()).as(restore.output()).isNotZero();
        assertThat(restore.output()).contains("stop the applications first").contains("nothing restored");
        assertThat(listings(system)).isEqualTo(before);
    }

    @Test
    @Order(2)
    void aDamagedBackupIsRefusedAndChangesNothing() throws Exception {
        Path complete = latestBackup();

        Path flipped = copy(complete, "flipped");
        byte[] dump = Files.readAllBytes(flipped.resolve("mariadb.sql.gz"));
        dump[dump.length / 2] ^= 0x55;
        Files.write(flipped.resolve("mariadb.sql.gz"), dump);
        assertRefused(flipped, "checksums differ");

        // cut short, with checksums made to match: the manifest's sizes and the dump's last line tell
        Path truncated = copy(complete, "truncated");
        Path dumpFile = truncated.resolve("mariadb.sql.gz");
        Files.write(dumpFile, java.util.Arrays.copyOf(Files.readAllBytes(dumpFile), (int) Files.size(dumpFile) / 2));
        rewriteChecksums(truncated);
        assertRefused(truncated, "nothing restored");

        Path withoutShards = copy(complete, "without-shards");
        try (Stream<Path> files = Files.list(withoutShards.resolve("influxdb"))) {
            for (Path shard :
                    files.filter(f -> f.toString().endsWith(".tar.gz")).toList()) {
                Files.delete(shard);
            }
        }
        assertRefused(withoutShards, "nothing restored");

        assertThat(listings(system)).isEqualTo(before);
        assertThat(rawReadings(system.influxBucket())).isEqualTo(readingsBefore);
    }

    @Test
    @Order(3)
    void wipedDataComesBackEqualAndTheServicesRunOnIt() throws Exception {
        Path backup = latestBackup();
        SystemData data = system.data();
        system.close();
        system = null;

        dropAllTables(data);
        data.influx().drop();
        assertThat(tableCount(data)).isZero();

        BackupCommands.Result restore = commands.restore(backup.toString());
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(restore.output())
                .contains("restore complete")
                .contains("alert_rule")
                .contains("users");

        restored = new RunningSystem(PURPOSE, suffix + "r", data);
        assertThat(listings(restored)).isEqualTo(before);
        assertThat(rawReadings(restored.influxBucket())).isEqualTo(readingsBefore);

        // the devices' broker clients were never part of the wipe: a device publishes on, into the restored data
        DeviceCredentials cellar = devices.get("cellar-" + suffix);
        try (DevicePublisher publisher = connect(cellar)) {
            publisher.publish("{\"readings\":[" + reading("temperature", 7.5, "°C", Instant.now()) + "]}");
        }
        try (InfluxQlReader influx = InfluxQlReader.ofDevServices(restored.influxBucket())) {
            await().atMost(PATIENCE).until(() -> influx.countReadings("time >= 0") == readingsBefore.size() + 1);
        }
        Rest rest = new Rest(restored.gatewayHttp());
        assertThat(rest.login("alice", passwordOf("alice"))).isNotBlank();
    }

    private void assertRefused(Path backup, String why) {
        BackupCommands.Result restore = commands.restore("--force", backup.toString());
        assertThat(restore.exitCode()).as(restore.output()).isNotZero();
        assertThat(restore.output()).contains(why).doesNotContain("restored in");
    }

    /** What the household sees through the API, each listing parsed. */
    private Map<String, Message> listings(RunningSystem running) {
        Rest rest = new Rest(running.gatewayHttp());
        String admin = rest.login(running.adminUser(), running.adminPassword());
        Map<String, Message> seen = new LinkedHashMap<>();
        seen.put(
                "users",
                rest.ok("GET", "/api/v1/users", admin, null, ListUsersResponse.newBuilder())
                        .build());
        seen.put(
                "groups",
                rest.ok("GET", "/api/v1/groups", admin, null, ListGroupsResponse.newBuilder())
                        .build());
        seen.put(
                "devices",
                rest.ok("GET", "/api/v1/devices", admin, null, ListDevicesResponse.newBuilder())
                        .build());
        seen.put(
                "places",
                rest.ok("GET", "/api/v1/device-places", admin, null, ListDevicePlacesResponse.newBuilder())
                        .build());
        seen.put(
                "rules",
                rest.ok("GET", "/api/v1/alert-rules", admin, null, ListRulesResponse.newBuilder())
                        .build());
        seen.put(
                "channels",
                rest.ok("GET", "/api/v1/alert-channels", admin, null, ListChannelsResponse.newBuilder())
                        .build());
        seen.put(
                "alerts",
                rest.ok("GET", "/api/v1/alerts?includeOk=true", admin, null, ListAlertsResponse.newBuilder())
                        .build());
        // Names and rooms reach query-service on a retained topic that every system on the shared dev broker
        // publishes to, so another system running meanwhile may have replaced ours: compare without them.
        ListSensorsResponse.Builder sensors =
                rest.ok("GET", "/api/v1/sensors", admin, null, ListSensorsResponse.newBuilder());
        sensors.getSensorsBuilderList().forEach(sensor -> sensor.clearRoom().clearDeviceName());
        seen.put("sensors", sensors.build());
        return seen;
    }

    /** Every stored point, time, tags and fields, as InfluxDB answers it. */
    private static List<String> rawReadings(String bucket) {
        try (InfluxQlReader influx = InfluxQlReader.ofDevServices(bucket)) {
            return influx.rows("SELECT * FROM reading").stream()
                    .map(row -> java.util.Arrays.toString(row.getValues()))
                    .toList();
        }
    }

    private String passwordOf(String user) {
        return "Tulips in spring " + suffix + " for " + user.length() + user.charAt(0);
    }

    private static DevicePublisher connect(DeviceCredentials device) throws Exception {
        return DevicePublisher.connect(
                device.getDevice().getDeviceId(), device.getMqttUsername(), device.getMqttPassword());
    }

    private Path latestBackup() throws IOException {
        try (Stream<Path> entries = Files.list(backups)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("connected-home-"))
                    .sorted()
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new AssertionError("no backup in " + backups));
        }
    }

    private Path copy(Path backup, String name) throws IOException {
        Path target = backups.resolve("damaged").resolve(name);
        try (Stream<Path> files = Files.walk(backup)) {
            for (Path source : files.toList()) {
                Path to = target.resolve(backup.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(source, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }

    private static void rewriteChecksums(Path backup) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(backup.resolve("SHA256SUMS"))) {
            String file = line.substring(line.indexOf("  ") + 2);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(backup.resolve(file)));
            lines.add(HexFormat.of().formatHex(digest) + "  " + file);
        }
        Files.write(backup.resolve("SHA256SUMS"), lines);
    }

    private static void dropAllTables(SystemData data) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        data.database().url(),
                        data.database().user(),
                        data.database().password());
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SHOW TABLES")) {
                while (rows.next()) {
                    tables.add("`" + rows.getString(1) + "`");
                }
            }
            statement.execute("SET FOREIGN_KEY_CHECKS = 0");
            statement.execute("DROP TABLE " + String.join(", ", tables));
        }
    }

    private static int tableCount(SystemData data) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        data.database().url(),
                        data.database().user(),
                        data.database().password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
