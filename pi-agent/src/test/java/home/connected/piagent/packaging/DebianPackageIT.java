package home.connected.piagent.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import home.connected.piagent.config.AgentConfig;
import home.connected.piagent.config.ConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .deb that {@code package} made, as dpkg, lintian and a Pi would see it. */
class DebianPackageIT {

    private static final String PACKAGE = "connected-home-agent";
    private static final Path TARGET = Path.of(System.getProperty("project.build.directory", "target"));
    private static final String PROJECT_VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");
    private static final String DEB_VERSION = PROJECT_VERSION.replace('-', '~');
    private static final Path DEB = TARGET.resolve(PACKAGE + "_" + DEB_VERSION + "_all.deb");

    @TempDir
    static Path unpacked;

    static Path files;
    static Path control;

    @BeforeAll
    static void unpack() {
        assertThat(DEB).as("the package built by mvn package").isRegularFile();
        files = unpacked.resolve("files");
        control = unpacked.resolve("control");
        assertThat(Command.run("dpkg-deb", "-x", DEB.toString(), files.toString())
                        .exitCode())
                .isZero();
        assertThat(Command.run("dpkg-deb", "-e", DEB.toString(), control.toString())
                        .exitCode())
                .isZero();
    }

    @Test
    void controlFieldsNameThePackageItsVersionAndAJava17Runtime() {
        assertThat(field("Package")).isEqualTo(PACKAGE);
        assertThat(field("Version")).isEqualTo(DEB_VERSION);
        assertThat(field("Architecture")).isEqualTo("all");
        assertThat(field("Depends"))
                .isEqualTo("adduser, default-jre-headless (>= 2:1.17) | java17-runtime-headless"
                        + " | java-runtime-headless (>= 17)");
        assertThat(field("Homepage")).isEmpty();
    }

    @Test
    void installsTheJarItsLibrariesTheLauncherUnitAndConfiguration() throws IOException {
        Map<String, String> entries = contents();

        assertThat(entries)
                .containsEntry("/usr/share/connected-home-agent/connected-home-agent.jar", "-rw-r--r-- root/root")
                .containsEntry("/usr/bin/connected-home-agent", "-rwxr-xr-x root/root")
                .containsEntry("/etc/connected-home/agent.yml", "-rw-r----- root/root")
                .containsEntry("/etc/default/connected-home-agent", "-rw-r--r-- root/root")
                .containsEntry("/lib/systemd/system/connected-home-agent.service", "-rw-r--r-- root/root")
                .containsEntry("/usr/share/man/man1/connected-home-agent.1.gz", "-rw-r--r-- root/root")
                .containsEntry("/usr/share/doc/connected-home-agent/copyright", "-rw-r--r-- root/root")
                .containsEntry("/usr/share/doc/connected-home-agent/changelog.gz", "-rw-r--r-- root/root")
                .containsEntry("/usr/share/doc/connected-home-agent/examples/agent.yml", "-rw-r--r-- root/root");
        try (Stream<Path> libraries = Files.list(TARGET.resolve("lib"))) {
            List<String> expected = libraries
                    .map(jar -> "/usr/share/connected-home-agent/lib/" + jar.getFileName())
                    .toList();
            assertThat(expected).isNotEmpty();
            assertThat(entries).containsKeys(expected.toArray(String[]::new));
        }
    }

    @Test
    void configurationAndDefaultsAreConffiles() throws IOException {
        assertThat(Files.readAllLines(control.resolve("conffiles")))
                .containsExactlyInAnyOrder("/etc/connected-home/agent.yml", "/etc/default/connected-home-agent");
    }

    @Test
    void theConfigurationIsOneTheAgentReadsWithOneSensor() throws Exception {
        AgentConfig config = ConfigReader.read(files.resolve("etc/connected-home/agent.yml"));

        assertThat(config.deviceId()).isEqualTo("pi-living-room");
        assertThat(config.broker().url()).isEqualTo("ssl://home.example:8883");
        assertThat(config.sensors()).hasSize(1);
        assertThat(files.resolve("usr/share/doc/connected-home-agent/examples/agent.yml"))
                .hasSameTextualContentAs(files.resolve("etc/connected-home/agent.yml"));
    }

    @Test
    void theServiceRunsAsItsOwnUserWithTheStateDirectoryAsItsOnlyWritablePlace() throws IOException {
        Map<String, List<String>> unit = unitSettings(files.resolve("lib/systemd/system/connected-home-agent.service"));

        assertThat(unit)
                .containsEntry("User", List.of("connected-home-agent"))
                .containsEntry("SupplementaryGroups", List.of("i2c gpio"))
                .containsEntry("StateDirectory", List.of("connected-home-agent"))
                .containsEntry(
                        "ExecStart", List.of("/usr/bin/connected-home-agent --config /etc/connected-home/agent.yml"))
                .containsEntry("Restart", List.of("on-failure"))
                .containsEntry("RestartPreventExitStatus", List.of("78"))
                .containsEntry("NoNewPrivileges", List.of("yes"))
                .containsEntry("ProtectSystem", List.of("strict"))
                .containsEntry("ProtectHome", List.of("yes"))
                .containsEntry("PrivateTmp", List.of("yes"))
                .containsEntry("ReadWritePaths", List.of("/var/lib/connected-home-agent"))
                .containsEntry("ProtectKernelTunables", List.of("yes"))
                .containsEntry("RestrictAddressFamilies", List.of("AF_INET AF_INET6 AF_UNIX"))
                .containsEntry("LockPersonality", List.of("yes"))
                .containsEntry("MemoryMax", List.of("128M"))
                .containsEntry("WantedBy", List.of("multi-user.target"));
        // each would shut the agent out of /dev/i2c-1 and /dev/gpiochip0
        assertThat(unit).doesNotContainKeys("PrivateDevices", "ProtectClock", "DeviceAllow", "DevicePolicy");
    }

    @Test
    void systemdFindsNothingWrongWithTheUnit() {
        assumeThat(Command.installed("systemd-analyze")).as("systemd-analyze").isTrue();

        Command.Result verify = Command.run(
                "systemd-analyze",
                "verify",
                "--man=no",
                files.resolve("lib/systemd/system/connected-home-agent.service").toString());

        // The launcher is only in the unpacked tree here; dev/pi-image verifies the installed unit.
        assertThat(verify.stderr().lines())
                .filteredOn(line -> !line.endsWith(
                        "Command /usr/bin/connected-home-agent is not executable: No such file or directory"))
                .isEmpty();
    }

    @Test
    void postinstCreatesTheSystemUserItsGroupsAndGuardsTheConfiguration() throws IOException {
        String postinst = Files.readString(control.resolve("postinst"));

        assertThat(postinst)
                .contains("adduser --system --quiet --ingroup \"$AGENT\" --home \"$STATE_DIR\" --no-create-home")
                .contains("addgroup --system --quiet \"$AGENT\"")
                .contains("for group in i2c gpio; do")
                .contains("addgroup --system --quiet \"$group\"")
                .contains("adduser --quiet \"$AGENT\" \"$group\"")
                .contains("dpkg-statoverride --update --add root \"$AGENT\" 0640 \"$CONFIG\"")
                .contains("deb-systemd-helper enable \"$AGENT.service\"")
                .contains("deb-systemd-invoke start \"$AGENT.service\"");
        assertThat(Files.readString(control.resolve("prerm")))
                .contains("deb-systemd-invoke stop connected-home-agent.service");
        assertThat(Files.readString(control.resolve("postrm")))
                .contains("rm -rf /var/lib/connected-home-agent")
                .contains("deb-systemd-helper purge \"$AGENT.service\"");
        for (String script : List.of("postinst", "prerm", "postrm")) {
            assertThat(control.resolve(script)).isExecutable();
            assertThat(Command.run("sh", "-n", control.resolve(script).toString())
                            .exitCode())
                    .as(script + " parses")
                    .isZero();
        }
    }

    @Test
    void lintianFindsNoErrors() {
        Command.Result lintian = Command.run("lintian", "--fail-on", "error", DEB.toString());

        assertThat(lintian.stdout().lines().filter(line -> line.startsWith("E:")))
                .as(lintian.stdout())
                .isEmpty();
        assertThat(lintian.exitCode()).as(lintian.stdout() + lintian.stderr()).isZero();
    }

    @Test
    void theUnpackedLauncherRunsTheUnpackedJarWithThePackagedJvmFlags() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(
                "CONNECTED_HOME_AGENT_JAR",
                files.resolve("usr/share/connected-home-agent/connected-home-agent.jar")
                        .toString());
        environment.put(
                "CONNECTED_HOME_AGENT_DEFAULTS",
                files.resolve("etc/default/connected-home-agent").toString());
        environment.put(
                "JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());

        Command.Result version = Command.run(
                environment,
                List.of(files.resolve("usr/bin/connected-home-agent").toString(), "--version"));

        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(version.stdout().strip()).isEqualTo("connected-home-agent " + PROJECT_VERSION);
    }

    private static String field(String name) {
        return Command.run("dpkg-deb", "-f", DEB.toString(), name).stdout().strip();
    }

    /** Path to "mode owner/group", from dpkg-deb -c. */
    private static Map<String, String> contents() {
        Command.Result listing = Command.run("dpkg-deb", "-c", DEB.toString());
        assertThat(listing.exitCode()).isZero();
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : listing.stdout().lines().toList()) {
            String[] columns = line.trim().split("\\s+", 6);
            String path = columns[5].substring(1);
            entries.put(
                    path.endsWith("/") ? path.substring(0, path.length() - 1) : path, columns[0] + " " + columns[1]);
        }
        return entries;
    }

    private static Map<String, List<String>> unitSettings(Path unit) throws IOException {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(unit)) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("[")) {
                continue;
            }
            int equals = line.indexOf('=');
            settings.computeIfAbsent(line.substring(0, equals), key -> new ArrayList<>())
                    .add(line.substring(equals + 1));
        }
        return settings;
    }
}
