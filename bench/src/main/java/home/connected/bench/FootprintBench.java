package home.connected.bench;

import home.connected.testing.DevServices;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole system as {@code ./dev/run} starts it (every application with its {@code jvm.options}, the simulated
 * sensors, the dev services), then {@code loadRate} readings/s for a few minutes: each process's resident memory
 * and CPU, the total against the 1.2 GB budget, and each application's time from its start to ready.
 */
final class FootprintBench {

    record Options(int minutes, int loadRate, boolean nativeMemory) {

        static final String USAGE = "[--minutes M (3)] [--load-rate READINGS_PER_SECOND (1000)]"
                + " [--native-memory yes|no (no): Native Memory Tracking's summary of each JVM, which costs memory]";

        static Options parse(String[] args) {
            int minutes = 3;
            int loadRate = 1000;
            boolean nativeMemory = false;
            for (int i = 0; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--minutes" -> minutes = Integer.parseInt(args[i + 1]);
                    case "--load-rate" -> loadRate = Integer.parseInt(args[i + 1]);
                    case "--native-memory" -> nativeMemory = args[i + 1].equals("yes");
                    default -> throw new IllegalArgumentException("bad option " + args[i] + "; " + USAGE);
                }
            }
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("bad options; " + USAGE);
            }
            return new Options(minutes, loadRate, nativeMemory);
        }
    }

    /** An entry of the APPS array in dev/lib/apps.sh: module name and the ports.env variable of its HTTP port. */
    private static final Pattern APP_ENTRY = Pattern.compile("^\\s+([a-z-]+):CH_[A-Z_]+_PORT$");
    /** The dev services' processes: pid file under .state, and a name. */
    private static final Map<String, String> SERVERS = Map.of(
            "mariadb/mariadbd.pid", "MariaDB",
            "mosquitto/mosquitto.pid", "Mosquitto",
            "influxdb/influxd.pid", "InfluxDB",
            "nginx/nginx.pid", "nginx (InfluxDB front)");

    private static final long BUDGET_MIB = 1200;
    private static final double READY_TARGET_SECONDS = 20;
    private static final Pattern READY_LINE = Pattern.compile("(\\S+): ready ([0-9.]+) s after its start");
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);

    private final DevServices services;
    private final Options options;
    private final Path root;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** The applications ./dev/run starts, in its order, read from dev/lib/apps.sh: the one list of them. */
    private final List<String> apps;

    FootprintBench(DevServices services, Options options) throws IOException {
        this.services = services;
        this.options = options;
        this.root = DevServices.repoRoot(System.getenv());
        this.apps = Files.readAllLines(root.resolve("dev/lib/apps.sh")).stream()
                .map(APP_ENTRY::matcher)
                .filter(Matcher::matches)
                .map(matcher -> matcher.group(1))
                .toList();
        if (apps.isEmpty()) {
            throw new IllegalStateException("no applications found in dev/lib/apps.sh");
        }
    }

    void run() throws Exception {
        System.out.printf(
                "footprint bench %s: ./dev/run, then %,d readings/s for %d min%s%n",
                run,
                options.loadRate(),
                options.minutes(),
                options.nativeMemory() ? ", with Native Memory Tracking" : "");
        Path log = root.resolve("bench/target/footprint-dev-run-" + run + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(root.resolve("dev/run").toString())
                .directory(root.toFile())
                .redirectErrorStream(true);
        builder.environment().put("CH_RUN_SKIP_BUILD", "1");
        if (options.nativeMemory()) {
            apps.forEach(app -> builder.environment()
                    .put(
                            "CH_JAVA_OPTS_" + app.toUpperCase(Locale.ROOT).replace('-', '_'),
                            "-XX:NativeMemoryTracking=summary"));
        }
        long started = System.nanoTime();
        Process devRun = builder.start();
        Map<String, Double> ready = new LinkedHashMap<>();
        try {
            awaitReady(devRun, log, ready);
            System.out.printf(
                    "./dev/run ready after %.1f s (output in %s)%n", (System.nanoTime() - started) / 1e9, log);
            for (String app : apps) {
                Double seconds = ready.get(app);
                System.out.printf(
                        "  %-16s ready %5.1f s after its start   against ≤ %.0f s: %s%n",
                        app,
                        seconds,
                        READY_TARGET_SECONDS,
                        seconds != null && seconds <= READY_TARGET_SECONDS ? "met" : "NOT met");
            }
            measureUnderLoad();
        } finally {
            stop(devRun);
            dropBenchReadings();
        }
    }

    /** Copies dev/run's output to the log and collects the ready lines until "Connected Home is ready.". */
    private void awaitReady(Process devRun, Path log, Map<String, Double> ready) throws Exception {
        BufferedReader output =
                new BufferedReader(new InputStreamReader(devRun.getInputStream(), StandardCharsets.UTF_8));
        var writer = Files.newBufferedWriter(log);
        boolean done = false;
        String line;
        while (!done && (line = output.readLine()) != null) {
            writer.write(line);
            writer.newLine();
            writer.flush();
            Matcher matcher = READY_LINE.matcher(line);
            if (matcher.find()) {
                ready.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
            }
            done = line.contains("Connected Home is ready.");
        }
        if (!done) {
            writer.close();
            throw new IllegalStateException("./dev/run ended before it was ready; see " + log);
        }
        // the rest of dev/run's output goes on to the log until it ends
        Thread copier = new Thread(
                () -> {
                    try (writer) {
                        String more;
                        while ((more = output.readLine()) != null) {
                            writer.write(more);
                            writer.newLine();
                        }
                    } catch (IOException e) {
                        // dev/run ended
                    }
                },
                "dev-run-output");
        copier.setDaemon(true);
        copier.start();
    }

    private void measureUnderLoad() throws Exception {
        Map<String, List<Long>> pids = processes();
        String user = "bench-fp-" + run;
        String password = UUID.randomUUID().toString();
        Mqtt.createPublisher(services, user, password, List.of(home.connected.contracts.Topics.ALL_DEVICES));
        Map<String, Double> cpuBefore = cpu(pids);
        long peakTotal = 0;
        long peakPssTotal = 0;
        Map<String, Long> peak = new LinkedHashMap<>();
        Map<String, Long> last = new LinkedHashMap<>();
        Map<String, Long> lastPss = new LinkedHashMap<>();
        long loadStart = System.nanoTime();
        String acknowledged;
        try (Publishers publishers = new Publishers(services.mqttUrl(), user, password, 1);
                BackgroundLoad load = new BackgroundLoad(publishers, "bench-fp-" + run + "-", options.loadRate())) {
            int seconds = options.minutes() * 60;
            load.start(seconds);
            long end = loadStart + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                TimeUnit.MILLISECONDS.sleep(
                        Math.min(SAMPLE_EVERY.toMillis(), (end - System.nanoTime()) / 1_000_000 + 1));
                long total = 0;
                long pssTotal = 0;
                for (var process : pids.entrySet()) {
                    long rss = rssMib(process.getValue());
                    long pss = pssMib(process.getValue());
                    last.put(process.getKey(), rss);
                    lastPss.put(process.getKey(), pss);
                    peak.merge(process.getKey(), rss, Math::max);
                    total += rss;
                    pssTotal += pss;
                }
                peakTotal = Math.max(peakTotal, total);
                peakPssTotal = Math.max(peakPssTotal, pssTotal);
            }
            acknowledged = load.stop();
        } finally {
            Mqtt.deletePublisher(services, user);
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        Map<String, Double> cpuAfter = cpu(pids);
        System.out.printf("%n%s%n", acknowledged);
        System.out.printf("%-24s %10s %10s %10s %12s%n", "process", "RSS end", "RSS peak", "PSS end", "CPU (load)");
        long totalEnd = 0;
        long pssEnd = 0;
        double cpuTotal = 0;
        for (String name : pids.keySet()) {
            double cpuSeconds = cpuAfter.getOrDefault(name, 0.0) - cpuBefore.getOrDefault(name, 0.0);
            totalEnd += last.getOrDefault(name, 0L);
            pssEnd += lastPss.getOrDefault(name, 0L);
            cpuTotal += cpuSeconds;
            System.out.printf(
                    "%-24s %6d MiB %6d MiB %6d MiB %10.1f %%%n",
                    name,
                    last.getOrDefault(name, 0L),
                    peak.getOrDefault(name, 0L),
                    lastPss.getOrDefault(name, 0L),
                    100 * cpuSeconds / loadSeconds);
        }
        System.out.printf(
                "%-24s %6d MiB %6d MiB %6d MiB %10.1f %% (of one core; the machine has %d)%n",
                "total",
                totalEnd,
                peakTotal,
                pssEnd,
                100 * cpuTotal / loadSeconds,
                Runtime.getRuntime().availableProcessors());
        // RSS counts the pages the JVMs share (libjvm.so, the JDK's class archive) once per JVM; PSS splits
        // them among their sharers, so the PSS sum is what the system takes from the machine.
        System.out.printf(
                "whole system at %,d readings/s: peak RSS sum %,d MiB, peak PSS sum %,d MiB (memory taken from the"
                        + " machine) against ≤ %,d MiB: %s%n",
                options.loadRate(),
                peakTotal,
                peakPssTotal,
                BUDGET_MIB,
                peakPssTotal <= BUDGET_MIB ? "met" : "NOT met");
        if (options.nativeMemory()) {
            nativeMemory(pids);
        }
    }

    /** Each application's and dev service's processes (nginx: its master and workers). */
    private Map<String, List<Long>> processes() throws IOException {
        Map<String, List<Long>> pids = new LinkedHashMap<>();
        for (String app : apps) {
            pids.put(app, List.of(pidIn(root.resolve(".state/run/" + app + ".pid"))));
        }
        for (var server : new java.util.TreeMap<>(SERVERS).entrySet()) {
            long pid = pidIn(root.resolve(".state").resolve(server.getKey()));
            List<Long> tree = new ArrayList<>();
            tree.add(pid);
            ProcessHandle.of(pid).ifPresent(handle -> handle.descendants().forEach(child -> tree.add(child.pid())));
            pids.put(server.getValue(), tree);
        }
        return pids;
    }

    private static long pidIn(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).trim());
    }

    private static long rssMib(List<Long> pids) {
        return pids.stream()
                .map(ProcessMemory::of)
                .flatMap(Optional::stream)
                .mapToLong(ProcessMemory::rssMib)
                .sum();
    }

    /** Proportional set size: each shared page divided among the processes that map it. */
    private static long pssMib(List<Long> pids) {
        long kib = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        kib += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }
        return kib / 1024;
    }

    private static Map<String, Double> cpu(Map<String, List<Long>> pids) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, list) -> seconds.put(
                name,
                list.stream()
                        .mapToDouble(pid -> ProcessCpu.cpuSeconds(Path.of("/proc", Long.toString(pid))))
                        .sum()));
        return seconds;
    }

    /** Native Memory Tracking's committed figures of each JVM: heap, class metadata, threads, code, GC. */
    private void nativeMemory(Map<String, List<Long>> pids) throws Exception {
        List<String> sections = List.of(
                "Java Heap", "Metaspace", "Class", "Shared class space", "Thread", "Code", "GC", "Symbol", "Other");
        System.out.printf(
                "%nNative Memory Tracking, committed MiB (Class: the compressed class space; Shared class space: the"
                        + " JDK's archive, shared):%n%-16s",
                "");
        sections.forEach(section -> System.out.printf(" %9s", section.replace("Shared class space", "CDS")));
        System.out.printf(" %9s %8s%n", "total", "threads");
        Pattern committed = Pattern.compile("^-?\\s*(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");
        Pattern threads = Pattern.compile("\\(thread #(\\d+)\\)");
        Pattern total = Pattern.compile("^Total: reserved=\\d+KB, committed=(\\d+)KB");
        for (String app : apps) {
            Process jcmd = new ProcessBuilder(
                            "jcmd", Long.toString(pids.get(app).get(0)), "VM.native_memory", "summary")
                    .redirectErrorStream(true)
                    .start();
            String summary = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            Map<String, Long> kib = new LinkedHashMap<>();
            long totalKib = 0;
            String threadCount = "?";
            for (String line : summary.lines().map(String::strip).toList()) {
                Matcher section = committed.matcher(line);
                if (section.find()) {
                    kib.put(section.group(1).strip(), Long.parseLong(section.group(2)));
                }
                Matcher count = threads.matcher(line);
                if (count.find()) {
                    threadCount = count.group(1);
                }
                Matcher all = total.matcher(line);
                if (all.find()) {
                    totalKib = Long.parseLong(all.group(1));
                }
            }
            System.out.printf("%-16s", app);
            sections.forEach(section -> System.out.printf(" %9.1f", kib.getOrDefault(section, 0L) / 1024.0));
            System.out.printf(" %9.1f %8s%n", totalKib / 1024.0, threadCount);
        }
    }

    /** SIGTERM to dev/run, which stops every application it started. */
    private static void stop(Process devRun) throws InterruptedException {
        devRun.destroy();
        if (!devRun.waitFor(90, TimeUnit.SECONDS)) {
            devRun.destroyForcibly();
        }
    }

    /** The load's readings leave the dev database, so the dashboard does not show the bench's devices. */
    private void dropBenchReadings() {
        String statement = "DROP SERIES FROM \"reading\" WHERE \"device\" =~ /^bench-fp-" + run + "-/";
        Gateway.postDirect(services.influxDirectUrl() + "/query?db="
                + URLEncoder.encode(services.influxBucket(), StandardCharsets.UTF_8) + "&q="
                + URLEncoder.encode(statement, StandardCharsets.UTF_8));
    }
}
