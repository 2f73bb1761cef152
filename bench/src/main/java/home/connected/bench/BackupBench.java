package home.connected.bench;

import static org.awaitility.Awaitility.await;

import home.connected.testing.DevServices;
import home.connected.testing.InfluxQlReader;
import home.connected.testing.RunningSystem;
import home.connected.testing.SystemData;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * dev/backup and dev/restore on a household's years of data: the services' tables filled through the API
 * (users, devices, rules), then {@code sensors} sensors × {@code days} days at one reading every
 * {@code every-minutes} written straight to a scratch InfluxDB database in big line-protocol batches; the
 * backup taken, everything wiped, the backup restored. Prints the times and sizes; asserts nothing except
 * that what came back is what was there.
 */
final class BackupBench {

    record Options(int sensors, int days, int everyMinutes, int batch) {

        static final String USAGE =
                "[--sensors N (20)] [--days N (400)] [--every-minutes N (5)] [--batch POINTS (5000)]";

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("--sensors", "20");
            values.put("--days", "400");
            values.put("--every-minutes", "5");
            values.put("--batch", "5000");
            for (int i = 0; i < args.length; i += 2) {
                if (!values.containsKey(args[i]) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("bad option " + args[i] + "; " + USAGE);
                }
                values.put(args[i], args[i + 1]);
            }
            int[] numbers = new int[values.size()];
            int i = 0;
            for (Map.Entry<String, String> entry : values.entrySet()) {
                try {
                    numbers[i] = Integer.parseInt(entry.getValue());
                } catch (NumberFormatException e) {
                    numbers[i] = 0;
                }
                if (numbers[i] < 1) {
                    throw new IllegalArgumentException(
                            entry.getKey() + " takes a whole number ≥ 1, not " + entry.getValue());
                }
                i++;
            }
            return new Options(numbers[0], numbers[1], numbers[2], numbers[3]);
        }
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String[] QUANTITIES = {"temperature", "humidity", "co2", "pressure"};

    private final DevServices services;
    private final Options options;
    private final Path root = DevServices.repoRoot(System.getenv());
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    BackupBench(DevServices services, Options options) {
        this.services = services;
        this.options = options;
    }

    void run() throws Exception {
        SystemData data = SystemData.create("backup_bench");
        Path backups = Files.createTempDirectory("backup-bench-");
        try {
            System.out.printf(
                    "backup bench: %d sensors × %d days, one reading every %d min (%,d points), on a machine shared"
                            + " with whatever else runs on it%n",
                    options.sensors(), options.days(), options.everyMinutes(), points());
            try (RunningSystem system = new RunningSystem("backup-bench", run, data)) {
                fillTables(system);
            }
            long written = fillReadings(data.influx().bucket());

            Map<String, Long> tables = rowCounts(data);
            // once, a count right after the last write came 0.06 % short; the next agreed
            long stored = await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> count(data.influx().bucket()), counted -> counted == written);
            System.out.printf(
                    "MariaDB: %d tables, %,d rows; InfluxDB: %,d points%n",
                    tables.size(),
                    tables.values().stream().mapToLong(Long::longValue).sum(),
                    stored);
            long start = System.nanoTime();
            String backupOutput = script(data, backups, "dev/backup");
            double backupSeconds = seconds(start);
            Path backup = latest(backups);
            System.out.print(indent(backupOutput));

            dropTables(data);
            data.influx().drop();

            start = System.nanoTime();
            String restoreOutput = script(data, backups, "dev/restore", backup.toString());
            double restoreSeconds = seconds(start);
            System.out.print(indent(restoreOutput));

            Map<String, Long> tablesAfter = rowCounts(data);
            long storedAfter = count(data.influx().bucket());
            if (!tablesAfter.equals(tables) || storedAfter != stored) {
                throw new IllegalStateException("restored " + tablesAfter + " / " + storedAfter + " points, backed up "
                        + tables + " / " + stored);
            }
            System.out.printf(
                    "%nbackup  %6.1f s   %s in all: MariaDB dump %s, InfluxDB %s%n",
                    backupSeconds,
                    size(sizeOf(backup)),
                    size(sizeOf(backup.resolve("mariadb.sql.gz"))),
                    size(sizeOf(backup.resolve("influxdb"))));
            System.out.printf(
                    "restore %6.1f s   (checks, MariaDB tables dropped and loaded, InfluxDB database"
                            + " dropped and restored)%n",
                    restoreSeconds);
            System.out.printf(
                    "restored data equal: %d tables with the same row counts, %,d points%n",
                    tablesAfter.size(), storedAfter);
        } finally {
            data.influx().drop();
            deleteTree(backups);
        }
    }

    private long points() {
        return (long) options.sensors() * options.days() * 24 * 60 / options.everyMinutes();
    }

    /** What a household keeps in MariaDB: a device per sensor (with its place), users and a rule each. */
    private void fillTables(RunningSystem system) {
        Gateway gateway = Gateway.signIn(system.gatewayHttp(), system.adminUser(), system.adminPassword());
        for (int user = 1; user <= 4; user++) {
            gateway.post(
                    "/api/v1/users",
                    json(Map.of(
                            "username", "member" + user,
                            "displayName", "Member " + user,
                            "password", "Quiet evenings " + UUID.randomUUID(),
                            "groups", List.of("members"))));
        }
        for (int sensor = 0; sensor < options.sensors(); sensor++) {
            gateway.post(
                    "/api/v1/devices",
                    json(Map.of(
                            "deviceId", device(sensor),
                            "displayName", "Sensor " + sensor,
                            "location", "room " + sensor % 8)));
            gateway.post(
                    "/api/v1/alert-rules",
                    json(Map.of(
                            "name",
                            "Sensor " + sensor + " too high",
                            "enabled",
                            true,
                            "selector",
                            Map.of("deviceId", device(sensor), "quantity", QUANTITIES[sensor % QUANTITIES.length]),
                            "threshold",
                            Map.of("comparison", "COMPARISON_ABOVE", "value", 10_000),
                            "severity",
                            "SEVERITY_WARNING")));
        }
    }

    private static String json(Map<String, Object> value) {
        return Mqtt.JSON.writeValueAsString(value);
    }

    /** The readings, oldest first, as ingest-service writes them, in batches of {@code batch} points. */
    private long fillReadings(String bucket) throws Exception {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        long step = options.everyMinutes() * 60L;
        long first = end.getEpochSecond() - options.days() * 86_400L;
        long start = System.nanoTime();
        long written = 0;
        StringBuilder batch = new StringBuilder(options.batch() * 120);
        int inBatch = 0;
        java.util.Random noise = new java.util.Random(42);
        for (long t = first; t < end.getEpochSecond(); t += step) {
            for (int sensor = 0; sensor < options.sensors(); sensor++) {
                String quantity = QUANTITIES[sensor % QUANTITIES.length];
                // a daily swing plus a sensor's noise, to two decimals as sensors report: noise is what
                // InfluxDB's compression cannot take away
                double value = 20 + 5 * Math.sin((t / 86_400.0 + sensor) * 2 * Math.PI) + noise.nextGaussian() * 0.3;
                batch.append("reading,device=")
                        .append(device(sensor))
                        .append(",location=room\\ ")
                        .append(sensor % 8)
                        .append(",quantity=")
                        .append(quantity)
                        .append(",sensor=bench,source=json,unit=u value=")
                        .append(Math.round(value * 100) / 100.0)
                        .append(' ')
                        .append(t)
                        .append('\n');
                if (++inBatch == options.batch()) {
                    write(bucket, batch);
                    written += inBatch;
                    inBatch = 0;
                    batch.setLength(0);
                }
            }
        }
        if (inBatch > 0) {
            write(bucket, batch);
            written += inBatch;
        }
        System.out.printf("wrote %,d points in %.1f s%n", written, seconds(start));
        return written;
    }

    private void write(String bucket, StringBuilder lines) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(services.influxDirectUrl() + "/write?db="
                        + URLEncoder.encode(bucket, StandardCharsets.UTF_8) + "&precision=s"))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(lines.toString()))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IllegalStateException(
                    "InfluxDB refused a batch: " + response.statusCode() + " " + response.body());
        }
    }

    private static long count(String bucket) {
        try (InfluxQlReader influx = InfluxQlReader.ofDevServices(bucket)) {
            return influx.countReadings("time >= 0");
        }
    }

    private String script(SystemData data, Path backups, String script, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve(script).toString(), "--dir", backups.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().putAll(services.environment());
        builder.environment().put("CH_MARIADB_URL", data.database().url());
        builder.environment().put("CH_INFLUX_BUCKET", data.influx().bucket());
        builder.environment().put("CH_BACKUP_BROKER_FILE", "");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(script + " failed:\n" + output);
        }
        return output;
    }

    private static Map<String, Long> rowCounts(SystemData data) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(
                        data.database().url(),
                        data.database().user(),
                        data.database().password());
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SHOW TABLES")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        }
        return counts;
    }

    private static void dropTables(SystemData data) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        data.database().url(),
                        data.database().user(),
                        data.database().password());
                Statement statement = connection.createStatement()) {
            statement.execute("SET FOREIGN_KEY_CHECKS = 0");
            for (String table : rowCounts(data).keySet()) {
                statement.execute("DROP TABLE `" + table + "`");
            }
        }
    }

    /** Unique to the run: device ids name broker clients, and the dev broker outlives every run. */
    private String device(int sensor) {
        return String.format("backup-%s-%03d", run, sensor);
    }

    private static Path latest(Path backups) throws IOException {
        try (Stream<Path> entries = Files.list(backups)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("connected-home-"))
                    .sorted()
                    .reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException("dev/backup wrote no backup into " + backups));
        }
    }

    private static long sizeOf(Path path) throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        }
    }

    private static void deleteTree(Path path) throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(file);
            }
        }
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20
                ? String.format("%.1f MiB", bytes / 1048576.0)
                : String.format("%.1f KiB", bytes / 1024.0);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String indent(String text) {
        return text.lines().map(line -> "  | " + line + "\n").reduce("", String::concat);
    }
}
