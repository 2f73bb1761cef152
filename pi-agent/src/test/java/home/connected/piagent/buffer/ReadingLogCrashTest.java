package home.connected.piagent.buffer;

import static home.connected.piagent.buffer.Readings.unacknowledged;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingLogCrashTest {

    @TempDir
    Path directory;

    @Test
    void everyReadingAppendedBeforeAKillIsThereAfterIt() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        AppendUntilKilled.class.getName(),
                        directory.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        int lastReported = -1;
        try (BufferedReader output =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line = output.readLine(); line != null && lastReported < 3_000; line = output.readLine()) {
                lastReported = Integer.parseInt(line.strip());
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(lastReported).as("readings the child reported").isGreaterThanOrEqualTo(3_000);

        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), Clock.systemUTC())) {
            List<Integer> recovered = unacknowledged(log);
            assertThat(recovered).hasSizeGreaterThan(lastReported);
            for (int n = 0; n < recovered.size(); n++) {
                assertThat(recovered.get(n)).as("reading at sequence %d", n).isEqualTo(n);
            }
        }
    }
}
