package home.connected.system.backup;

import home.connected.testing.DevServices;
import home.connected.testing.SystemData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** dev/backup and dev/restore as an operator runs them, pointed at one running system's databases. */
final class BackupCommands {

    record Result(int exitCode, String output) {}

    private final Path root = DevServices.repoRoot(System.getenv());
    private final SystemData data;
    private final Path backupDir;

    BackupCommands(SystemData data, Path backupDir) {
        this.data = data;
        this.backupDir = backupDir;
    }

    Result backup(String... options) {
        return run("dev/backup", options);
    }

    Result restore(String... arguments) {
        return run("dev/restore", arguments);
    }

    private Result run(String script, String... arguments) {
        List<String> command = new ArrayList<>(List.of(root.resolve(script).toString(), "--dir", backupDir.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.putAll(DevServices.get().environment());
        environment.put("CH_MARIADB_URL", data.database().url());
        environment.put("CH_INFLUX_BUCKET", data.influx().bucket());
        // the dev broker is shared with everyone: its clients are no part of this system's backup
        environment.put("CH_BACKUP_BROKER_FILE", "");
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(script + " did not finish in 5 minutes: " + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("could not run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + script, e);
        }
    }
}
