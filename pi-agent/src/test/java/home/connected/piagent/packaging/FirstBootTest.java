package home.connected.piagent.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.piagent.config.AgentConfig;
import home.connected.piagent.config.AgentConfig.Broker;
import home.connected.piagent.config.ConfigReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SD card's first start: connected-home.txt on the boot partition becomes the Pi's configuration. */
@Tag("fast")
class FirstBootTest {

    private static final Path SCRIPT = Path.of("src/pi-image/rootfs/usr/local/sbin/connected-home-firstboot");
    private static final Path TEMPLATE = Path.of("src/pi-image/boot/connected-home.txt");
    private static final String PSK = "b6e54902e9b14e8c850adedfe9307c22f55c10fa55be5090d56804360a5ff013";
    private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @TempDir
    Path root;

    Path boot;
    Path settings;
    Path systemctlLog;
    int agentGroup;

    @BeforeEach
    void aFreshImage() throws IOException {
        boot = Files.createDirectories(root.resolve("boot/firmware"));
        settings = boot.resolve("connected-home.txt");
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("root"));
        // A group this user may give files to, whether it runs as root or not.
        agentGroup = (Integer) Files.getAttribute(Files.createFile(root.resolve("probe")), "unix:gid");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\nconnected-home-agent:x:" + agentGroup + ":\n");
        Files.writeString(root.resolve("etc/hosts"), "127.0.0.1\tlocalhost\n127.0.1.1\tconnected-home-pi\n");
        systemctlLog = root.resolve("systemctl.log");
        Path systemctl = root.resolve("systemctl");
        Files.writeString(systemctl, "#!/bin/sh\necho \"$*\" >>'" + systemctlLog + "'\n");
        Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
        // prints what the real one prints, for the passphrase it was given on stdin
        Path wpaPassphrase = root.resolve("wpa_passphrase");
        Files.writeString(wpaPassphrase, """
                #!/bin/sh
                read -r pass
                printf '%s|%s\\n' "$1" "$pass" >>'LOG'
                printf '# reading passphrase from stdin\\nnetwork={\\n\\tssid="%s"\\n\\t#psk="%s"\\n\\tpsk=%s\\n}\\n' \\
                    "$1" "$pass" PSK
                """.replace(
                "LOG", root.resolve("wpa_passphrase.log").toString()).replace("PSK", PSK));
        Files.setPosixFilePermissions(wpaPassphrase, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void theFilledInTemplateBecomesTheAgentsConfigurationAndTheWifiConfiguration() throws IOException {
        Files.writeString(boot.resolve("ca.pem"), CA);
        fillInTemplate(Map.of(
                "device-id", "pi-living-room",
                "broker-url", "ssl://home.example:8883",
                "broker-username", "living-room",
                "broker-password", "s3cret pass",
                "broker-ca-file", "ca.pem",
                "wifi-ssid", "Home Net",
                "wifi-passphrase", "correct horse",
                "wifi-country", "de",
                "ssh-key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB8 me@laptop"));

        assertThat(firstBoot().exitCode()).isZero();

        Path config = root.resolve("etc/connected-home/agent.yml");
        assertThat(config).hasContent("""
                        # Written at the first start from connected-home.txt on the boot partition.
                        # All settings, and sensors to copy: /usr/share/doc/connected-home-agent/examples/agent.yml
                        # After a change: systemctl restart connected-home-agent
                        device-id: "pi-living-room"
                        broker:
                          url: "ssl://home.example:8883"
                          username: "living-room"
                          password: "s3cret pass"
                          ca-file: /etc/connected-home/ca.pem
                        clock:
                          require-sync: true
                        sensors:
                          - type: sysfs
                            name: cpu
                            path: /sys/class/thermal/thermal_zone0/temp
                            quantity: temperature
                            unit: °C
                            scale: 0.001
                            interval: 60s
                        """);
        assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(Files.getAttribute(config, "unix:gid")).isEqualTo(agentGroup);
        assertThat(root.resolve("etc/connected-home/ca.pem")).hasContent(CA);

        Path wifi = root.resolve("etc/wpa_supplicant/wpa_supplicant-wlan0.conf");
        assertThat(wifi).hasContent("""
                        # Written at the first start from connected-home.txt on the boot partition.
                        ctrl_interface=DIR=/run/wpa_supplicant GROUP=netdev
                        country=DE

                        network={
                        \t# Home Net
                        \tssid=486f6d65204e6574
                        \tscan_ssid=1
                        \tpsk=%s
                        }
                        """.formatted(PSK));
        assertThat(Files.getPosixFilePermissions(wifi)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(root.resolve("wpa_passphrase.log")).hasContent("Home Net|correct horse");

        assertThat(root.resolve("etc/hostname")).hasContent("pi-living-room");
        assertThat(root.resolve("etc/hosts")).hasContent("127.0.0.1\tlocalhost\n127.0.1.1\tpi-living-room");
        assertThat(root.resolve("root/.ssh/authorized_keys"))
                .hasContent("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB8 me@laptop");
        assertThat(Files.readAllLines(systemctlLog))
                .containsExactly(
                        "enable wpa_supplicant@wlan0.service",
                        "restart --no-block wpa_supplicant@wlan0.service",
                        "enable connected-home-agent.service",
                        "restart --no-block connected-home-agent.service");
    }

    @Test
    void theSecretsLeaveTheBootPartition() throws IOException {
        fillInTemplate(Map.of(
                "device-id", "pi-1",
                "broker-url", "tcp://broker:1883",
                "broker-password", "broker-secret",
                "wifi-ssid", "Home",
                "wifi-passphrase", "wifi-secret-1",
                "wifi-country", "GB"));

        assertThat(firstBoot().exitCode()).isZero();

        assertThat(settings).doesNotExist();
        String done = Files.readString(boot.resolve("connected-home.done.txt"));
        assertThat(done)
                .contains("device-id=pi-1", "broker-password=(removed)", "wifi-passphrase=(removed)")
                .doesNotContain("broker-secret", "wifi-secret-1");
        assertThat(boot.resolve("connected-home-error.txt")).doesNotExist();
    }

    @Test
    void anyTextAnEditorWritesSurvivesIntoAConfigurationTheAgentReads() throws Exception {
        String password = "a \"quoted\" \\ back#slash: {x}";
        byte[] windowsText = ("\uFEFFdevice-id=pi-2\r\nbroker-url=tcp://10.0.0.5:1883\r\n" + "broker-password= "
                        + password + " \r\n")
                .getBytes(StandardCharsets.UTF_8);
        Files.write(settings, windowsText);

        assertThat(firstBoot().exitCode()).isZero();

        AgentConfig config = ConfigReader.read(root.resolve("etc/connected-home/agent.yml"));
        assertThat(config.deviceId()).isEqualTo("pi-2");
        assertThat(config.broker()).isEqualTo(new Broker("tcp://10.0.0.5:1883", "pi-2", password, null));
        assertThat(config.requireClockSync()).isTrue();
        assertThat(config.sensors())
                .singleElement()
                .satisfies(cpu -> assertThat(cpu.path()).isEqualTo("/sys/class/thermal/thermal_zone0/temp"));
    }

    @Test
    void withoutWifiTheCableIsLeftToItselfAndNoWifiIsConfigured() throws IOException {
        fillInTemplate(Map.of("device-id", "pi-3", "broker-url", "tcp://broker:1883", "broker-password", "p"));

        assertThat(firstBoot().exitCode()).isZero();

        assertThat(root.resolve("etc/wpa_supplicant")).doesNotExist();
        assertThat(Files.readAllLines(systemctlLog))
                .containsExactly(
                        "enable connected-home-agent.service", "restart --no-block connected-home-agent.service");
    }

    @Test
    void anOpenNetworkOrAReadyKeyNeedsNoDerivedKey() throws IOException {
        fillInTemplate(Map.of(
                "device-id", "pi-5",
                "broker-url", "tcp://broker:1883",
                "broker-password", "p",
                "wifi-ssid", "Cafe",
                "wifi-country", "FR"));

        assertThat(firstBoot().exitCode()).isZero();

        assertThat(root.resolve("etc/wpa_supplicant/wpa_supplicant-wlan0.conf"))
                .content()
                .contains("\tssid=43616665\n", "\tkey_mgmt=NONE\n")
                .doesNotContain("psk=");
        assertThat(root.resolve("wpa_passphrase.log")).doesNotExist();
    }

    @Test
    void aDeviceIdThatIsNoHostNameLeavesTheHostNameAlone() throws IOException {
        fillInTemplate(Map.of("device-id", "kitchen_1", "broker-url", "tcp://broker:1883", "broker-password", "p"));

        assertThat(firstBoot().exitCode()).isZero();

        assertThat(root.resolve("etc/hostname")).doesNotExist();
        assertThat(root.resolve("etc/hosts")).content().contains("127.0.1.1\tconnected-home-pi");
    }

    @Test
    void wrongSettingsChangeNothingAndAreExplainedOnTheBootPartition() throws IOException {
        fillInTemplate(Map.of(
                "broker-url", "mqtt://broker",
                "broker-password", "broker-secret",
                "wifi-ssid", "Home",
                "wifi-passphrase", "short"));
        String before = Files.readString(settings);

        Command.Result result = firstBoot();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(settings).hasContent(before);
        assertThat(root.resolve("etc/connected-home")).doesNotExist();
        assertThat(systemctlLog).doesNotExist();
        assertThat(boot.resolve("connected-home-error.txt"))
                .content()
                .contains(
                        "device-id: missing",
                        "broker-url: not tcp://host:port or ssl://host:port",
                        "wifi-passphrase: must have 8 to 63 characters",
                        "wifi-country: two letters")
                .doesNotContain("broker-secret", "short");
    }

    @Test
    void anUnknownSettingIsAMistakeNotSilence() throws IOException {
        Files.writeString(
                settings,
                "device-id=pi-4\nbroker-url=tcp://b:1883\nbroker-password=p\nwifi-password=oops-wrong-name\n");

        assertThat(firstBoot().exitCode()).isEqualTo(1);

        assertThat(boot.resolve("connected-home-error.txt"))
                .content()
                .contains("line 4: there is no setting \"wifi-password\"")
                .doesNotContain("oops-wrong-name");
    }

    @Test
    void withoutTheFileThereIsNothingToDo() {
        assertThat(firstBoot().exitCode()).isZero();

        assertThat(root.resolve("etc/connected-home")).doesNotExist();
        assertThat(systemctlLog).doesNotExist();
    }

    /** The template as shipped on the image, with these values after the "=". */
    private void fillInTemplate(Map<String, String> values) throws IOException {
        List<String> lines = Files.readAllLines(TEMPLATE).stream()
                .map(line -> {
                    int equals = line.indexOf('=');
                    if (line.startsWith("#") || equals < 0) {
                        return line;
                    }
                    String name = line.substring(0, equals);
                    return name + "=" + values.getOrDefault(name, "");
                })
                .toList();
        for (String name : values.keySet()) {
            assertThat(lines).as("the template has " + name).anyMatch(line -> line.startsWith(name + "="));
        }
        Files.write(settings, lines);
    }

    private Command.Result firstBoot() {
        return Command.run(
                Map.of(
                        "CONNECTED_HOME_ROOT", root.toString(),
                        "CONNECTED_HOME_SYSTEMCTL", root.resolve("systemctl").toString(),
                        "CONNECTED_HOME_WPA_PASSPHRASE",
                                root.resolve("wpa_passphrase").toString()),
                List.of("bash", SCRIPT.toString()));
    }
}
