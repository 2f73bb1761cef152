package home.connected.piagent;

import home.connected.piagent.config.AgentConfig;
import home.connected.piagent.config.ConfigException;
import home.connected.piagent.config.ConfigReader;
import home.connected.piagent.sensor.Measurement;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code connected-home-agent [--config FILE] [--check-config] [--version]}. Exit status: 0, 1 when
 * {@code --check-config} found a sensor that does not read, 64 for a bad command line, 78 for a
 * configuration file the agent cannot run with (the unit does not restart on that one).
 */
public final class AgentMain {

    static final int CHECK_FAILED = 1;
    static final int USAGE = 64;
    static final int BAD_CONFIG = 78;
    private static final Path DEFAULT_CONFIG = Path.of("/etc/connected-home/agent.yml");

    private AgentMain() {}

    public static void main(String[] args) throws Exception {
        int status = run(args, System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
        Thread.currentThread().join(); // the agent's threads are daemons: the shutdown hook stops them
    }

    /** The exit status, or -1 when the agent is running (until the JVM is told to stop). */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Path config = DEFAULT_CONFIG;
        boolean check = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--version" -> {
                    out.println("connected-home-agent " + version());
                    return 0;
                }
                case "--check-config" -> check = true;
                case "--config" -> {
                    if (i + 1 == args.length) {
                        err.println("--config needs a file");
                        return USAGE;
                    }
                    config = Path.of(args[++i]);
                }
                default -> {
                    err.println("unknown argument: " + args[i]);
                    err.println("usage: connected-home-agent [--config FILE] [--check-config] [--version]");
                    return USAGE;
                }
            }
        }
        AgentConfig settings;
        try {
            settings = ConfigReader.read(config);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return BAD_CONFIG;
        }
        if (check) {
            return check(settings, out);
        }
        Agent agent;
        try {
            agent = Agent.start(settings);
        } catch (Exception e) {
            err.println("cannot start: " + e);
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "shutdown"));
        return -1;
    }

    /** Reads every sensor once and prints what it gave; 1 when any failed. */
    static int check(AgentConfig config, PrintStream out) {
        out.printf(
                "%s: device %s, broker %s as %s%n",
                config.file(),
                config.deviceId(),
                config.broker().url(),
                config.broker().username());
        int failures = 0;
        try (Sensors sensors = Sensors.open(config)) {
            for (ConfiguredSensor sensor : sensors.all()) {
                String label = sensor.config().name() + " ("
                        + sensor.config().type().name().toLowerCase(Locale.ROOT) + ")";
                try {
                    List<Measurement> measurements = sensor.read();
                    StringBuilder line =
                            new StringBuilder("ok     ").append(label).append(':');
                    for (Measurement m : measurements) {
                        line.append(String.format(Locale.ROOT, " %s %.2f %s", m.quantity(), m.value(), m.unit())
                                        .stripTrailing())
                                .append(',');
                    }
                    line.setLength(line.length() - 1);
                    out.println(line);
                } catch (Exception e) {
                    failures++;
                    out.println("FAILED " + label + ": " + e.getMessage());
                }
            }
        } catch (Exception e) {
            out.println("FAILED: " + e.getMessage());
            return CHECK_FAILED;
        }
        out.println(failures == 0 ? "every sensor reads" : failures + " sensor(s) failed");
        return failures == 0 ? 0 : CHECK_FAILED;
    }

    static String version() {
        String version = AgentMain.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }
}
