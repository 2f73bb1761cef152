package home.connected.piagent.packaging;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program to its end and keeps what it printed, stdout and stderr apart. */
final class Command {

    record Result(int exitCode, String stdout, String stderr) {}

    private Command() {}

    static Result run(String... command) {
        return run(Map.of(), List.of(command));
    }

    static Result run(Map<String, String> environment, List<String> command) {
        try {
            Path stderr = Files.createTempFile("command", ".stderr");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectError(stderr.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("still running after 5 minutes: " + command);
                }
                return new Result(process.exitValue(), stdout, Files.readString(stderr));
            } finally {
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** Whether a program of this name is on PATH. */
    static boolean installed(String program) {
        return run("sh", "-c", "command -v " + program).exitCode() == 0;
    }
}
