package home.connected.piagent.buffer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Run in a child JVM: appends numbered readings one by one, printing each number once it is appended. */
final class AppendUntilKilled {

    private AppendUntilKilled() {}

    public static void main(String[] args) throws IOException {
        BufferLimits limits = BufferLimits.defaults().withSegmentBytes(16 * 1024);
        ReadingLog log = ReadingLog.open(Path.of(args[0]), limits, Clock.systemUTC());
        for (int n = 0; n < 1_000_000; n++) {
            if (log.append(List.of(Readings.reading(n)))) {
                System.out.println(n);
                System.out.flush();
            }
        }
        log.close();
    }
}
