package home.connected.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** VmRSS and VmHWM (its peak) of a process in MiB, from /proc. */
record ProcessMemory(long rssMib, long peakMib) {

    static Optional<ProcessMemory> of(long pid) {
        try {
            long rss = 0;
            long peak = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line);
                }
            }
            return Optional.of(new ProcessMemory(rss / 1024, peak / 1024));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long kib(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
    }
}
