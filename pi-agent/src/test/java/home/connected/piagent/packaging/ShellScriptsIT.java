package home.connected.piagent.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The package's and the SD-card image's shell scripts, as shellcheck reads them. */
class ShellScriptsIT {

    private static final Path REPOSITORY = Path.of(Objects.requireNonNullElse(System.getenv("CH_REPO_ROOT"), ".."));

    private static final List<String> SCRIPTS = List.of(
            "pi-agent/src/deb/connected-home-agent",
            "pi-agent/src/deb/control/postinst",
            "pi-agent/src/deb/control/prerm",
            "pi-agent/src/deb/control/postrm",
            "pi-agent/src/pi-image/rootfs/usr/local/sbin/connected-home-firstboot",
            "pi-agent/src/pi-image/rootfs/usr/local/sbin/connected-home-grow-root",
            "pi-agent/src/pi-image/rootfs/etc/kernel/postinst.d/z51-connected-home-sensors",
            "pi-agent/src/pi-image/rootfs/etc/initramfs/post-update.d/z51-connected-home-sensors",
            "dev/pi-image");

    @Test
    void shellcheckFindsNothing() {
        List<String> command = new ArrayList<>(List.of("shellcheck", "--external-sources", "--source-path=SCRIPTDIR"));
        SCRIPTS.forEach(script -> command.add(REPOSITORY.resolve(script).toString()));

        Command.Result shellcheck = Command.run(Map.of(), command);

        assertThat(shellcheck.exitCode())
                .as(shellcheck.stdout() + shellcheck.stderr())
                .isZero();
    }
}
