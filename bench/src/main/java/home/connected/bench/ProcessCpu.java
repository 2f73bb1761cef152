package home.connected.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** CPU seconds used so far by the broker, InfluxDB and this bench process, from /proc: where a run's time went. */
final class ProcessCpu {

    private static final String[] SERVERS = {"mosquitto", "influxd"};

    private ProcessCpu() {}

    /** Seconds per process name: the dev services' mosquitto and influxd (found by name), and "bench". */
    static Map<String, Double> snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                String name = read(p.resolve("comm")).trim();
                for (String server : SERVERS) {
                    if (name.equals(server) && read(p.resolve("cmdline")).contains(".state")) {
                        seconds.merge(server, cpuSeconds(p), Double::sum);
                    }
                }
            });
        } catch (IOException e) {
            return seconds;
        }
        seconds.put("bench", cpuSeconds(Path.of("/proc/self")));
        return seconds;
    }

    /** What each process used between two snapshots, e.g. "mosquitto 3.1 s, influxd 2.0 s, bench 4.2 s". */
    static String between(Map<String, Double> before, Map<String, Double> after) {
        StringBuilder text = new StringBuilder();
        after.forEach((name, seconds) -> {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(String.format("%s %.1f s", name, seconds - before.getOrDefault(name, 0.0)));
        });
        return text.toString();
    }

    static double cpuSeconds(Path process) {
        String stat = read(process.resolve("stat"));
        if (stat.isEmpty()) {
            return 0;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
