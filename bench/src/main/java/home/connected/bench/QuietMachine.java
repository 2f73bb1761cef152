package home.connected.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Waits for the machine to be idle before a run. After a burst InfluxDB snapshots its cache and
 * compacts for a while; whichever pipeline runs next would pay for the one before.
 */
final class QuietMachine {

    private static final double IDLE_ENOUGH = 0.85;
    private static final long MAX_WAIT_SECONDS = 60;

    private QuietMachine() {}

    /** Returns the seconds waited until one second passed with the CPUs at least 85 % idle (at most a minute). */
    static double await() throws InterruptedException {
        long start = System.nanoTime();
        long[] before = cpuTimes();
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(MAX_WAIT_SECONDS)) {
            TimeUnit.SECONDS.sleep(1);
            long[] now = cpuTimes();
            long total = now[0] - before[0];
            long idle = now[1] - before[1];
            before = now;
            if (total > 0 && (double) idle / total >= IDLE_ENOUGH) {
                break;
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Total and idle (idle + iowait) jiffies of all CPUs, from the first line of /proc/stat. */
    private static long[] cpuTimes() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
        } catch (IOException e) {
            return new long[] {0, 0};
        }
    }
}
