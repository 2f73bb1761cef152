package home.connected.piagent;

import home.connected.piagent.buffer.BufferLimits;
import home.connected.piagent.buffer.BufferStats;
import home.connected.piagent.buffer.ReadingLog;
import home.connected.piagent.clock.ClockSync;
import home.connected.piagent.clock.KernelClockSync;
import home.connected.piagent.clock.Timestamps;
import home.connected.piagent.config.AgentConfig;
import home.connected.piagent.publish.BrokerSockets;
import home.connected.piagent.publish.BufferedPublisher;
import home.connected.piagent.publish.Reading;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent: sensors → {@link Timestamps} → the on-disk {@link ReadingLog} → the broker.
 * Every reading is on disk before it is sent, and leaves the disk once the broker has it.
 */
final class Agent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Agent.class);
    /** Readings per message: one tick's readings usually; up to this many while catching up. */
    static final int BATCH = 100;
    /** Messages unanswered at once. */
    static final int WINDOW = 10;
    /** Readings taken before the clock is set, kept in memory: an hour of 10 sensors every 10 s. */
    static final int HELD_FOR_CLOCK = 3_600;

    private static final Duration REPORT_EVERY = Duration.ofMinutes(10);

    private final Sensors sensors;
    private final ReadingLog buffer;
    private final BufferedPublisher publisher;
    private final SensorSchedule schedule;
    private final ScheduledExecutorService reporter;
    private BufferStats reported;

    private Agent(Sensors sensors, ReadingLog buffer, BufferedPublisher publisher, SensorSchedule schedule) {
        this.sensors = sensors;
        this.buffer = buffer;
        this.publisher = publisher;
        this.schedule = schedule;
        this.reporter = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "report");
            thread.setDaemon(true);
            return thread;
        });
    }

    static Agent start(AgentConfig config) throws Exception {
        AgentConfig.Buffer settings = config.buffer();
        ReadingLog buffer = ReadingLog.open(
                settings.directory(),
                new BufferLimits(
                        settings.maxBytes(),
                        settings.maxAge(),
                        BufferLimits.defaults().segmentBytes(),
                        settings.syncInterval()),
                Clock.systemUTC());
        Sensors sensors = Sensors.open(config);
        ClockSync sync = config.requireClockSync() ? KernelClockSync.create() : ClockSync.ALWAYS;
        Timestamps<Reading> timestamps = new Timestamps<>(sync, Clock.systemUTC(), System::nanoTime, HELD_FOR_CLOCK);
        AgentConfig.Broker broker = config.broker();
        BufferedPublisher publisher = new BufferedPublisher(
                buffer,
                config.deviceId(),
                broker.url(),
                broker.username(),
                broker.password(),
                BrokerSockets.forBroker(broker),
                BATCH,
                WINDOW,
                settings.replayRate());
        SensorSchedule schedule = new SensorSchedule(sensors.all(), timestamps, buffer);
        Agent agent = new Agent(sensors, buffer, publisher, schedule);
        agent.reported = buffer.stats();
        publisher.start();
        schedule.start();
        long every = REPORT_EVERY.toMillis();
        agent.reporter.scheduleAtFixedRate(agent::report, every, every, TimeUnit.MILLISECONDS);
        log.info(
                "device {}: {} sensors, buffer {} ({} readings waiting), broker {}",
                config.deviceId(),
                sensors.all().size(),
                settings.directory(),
                agent.reported.pendingRecords(),
                broker.url());
        if (!sync.synced()) {
            log.warn("the clock is not synchronised yet: readings are held until it is, then stamped");
        }
        return agent;
    }

    /** What the agent did since start, and what the buffer dropped since the last report. */
    void report() {
        BufferStats now = buffer.stats();
        long dropped = now.lost() - reported.lost();
        String line = String.format(
                "taken %d readings (%d failed reads), sent %d, waiting %d (%d bytes), held for the clock %d;"
                        + " buffer dropped %d for size, %d for age, %d on a full disk, %d corrupt",
                schedule.takenCount(),
                schedule.failedCount(),
                publisher.sentReadings(),
                now.pendingRecords(),
                now.bytesOnDisk(),
                schedule.heldForClock(),
                now.droppedForSize(),
                now.droppedForAge(),
                now.refusedForFullDisk(),
                now.corruptRecordsSkipped());
        if (dropped > 0) {
            log.warn("{} (new drops since the last report: {})", line, dropped);
        } else {
            log.info(line);
        }
        reported = now;
    }

    @Override
    public void close() {
        reporter.shutdownNow();
        schedule.close();
        publisher.close();
        report();
        buffer.close();
        sensors.close();
    }
}
