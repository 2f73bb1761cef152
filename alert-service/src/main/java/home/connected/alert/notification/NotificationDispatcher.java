package home.connected.alert.notification;

import home.connected.alert.AlertProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends the due rows of alert_notification, oldest first, from one thread that runs only while
 * started (on the leader) and hands each pass to a few sender threads. It looks at once when woken and otherwise every poll interval; retries,
 * quiet hours and rate limits all come down to a row's next_attempt_at.
 *
 * <p>A row still in {@code sending} when the dispatcher starts was cut off by a crash or a
 * handover and is sent again, with the same Idempotency-Key (see {@link NotificationSender}).
 */
@Component
public class NotificationDispatcher implements DisposableBean {

    static final int BATCH_SIZE = 100;

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final NotificationLog notifications;
    private final NotificationSender sender;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration stopTimeout;
    private final int concurrentSends;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong passesStarted = new AtomicLong();
    private final AtomicLong passesCompleted = new AtomicLong();
    private volatile boolean running;
    private Thread thread;
    private ExecutorService senders;

    NotificationDispatcher(
            NotificationLog notifications, NotificationSender sender, Clock clock, AlertProperties properties) {
        this.notifications = notifications;
        this.sender = sender;
        this.clock = clock;
        this.pollInterval = properties.delivery().pollInterval();
        // Lets a send under way finish (and be recorded) before the thread is left behind.
        this.stopTimeout = properties.delivery().timeout().plusSeconds(5);
        this.concurrentSends = Math.max(1, properties.delivery().concurrentSends());
    }

    /** Starts the dispatcher thread (on gaining leadership); does nothing when it runs already. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrentSends, work -> {
            Thread sendThread = new Thread(work, "alert-send-" + threads.incrementAndGet());
            sendThread.setDaemon(true);
            return sendThread;
        });
        senders = pool;
        thread = new Thread(() -> run(pool), "alert-dispatcher");
        thread.setDaemon(true);
        thread.start();
        log.info("Notification dispatcher started");
    }

    /** Stops the thread after the send under way (on losing leadership or at shutdown). */
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        running = false;
        wake.release();
        try {
            thread.join(stopTimeout.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        senders.shutdownNow();
        senders = null;
        log.info("Notification dispatcher stopped");
    }

    /** Makes the dispatcher look for due rows now (called right after new rows are committed). */
    public void wakeUp() {
        wake.release();
    }

    @Override
    public void destroy() {
        stop();
    }

    long passesStarted() {
        return passesStarted.get();
    }

    long passesCompleted() {
        return passesCompleted.get();
    }

    private void run(ExecutorService pool) {
        boolean fresh = true;
        while (running) {
            boolean more = false;
            passesStarted.incrementAndGet();
            try {
                if (fresh) {
                    sender.resetRateLimits();
                    fresh = false;
                }
                more = pass(pool);
            } catch (RuntimeException e) {
                log.warn("Notification dispatch failed, trying again: {}", e.toString());
            } finally {
                passesCompleted.incrementAndGet();
            }
            if (running && !more) {
                awaitWakeUp();
            }
        }
    }

    /**
     * True when the batch was full, so more rows may be due at once. The batch goes out over the
     * senders, one alert's notifications to one target in order on one of them; the pass ends when
     * all are done, so no row is looked at twice at once.
     */
    private boolean pass(ExecutorService pool) {
        if (!sender.recordUnrecorded()) {
            return false;
        }
        List<DueNotification> due = notifications.due(clock.instant(), BATCH_SIZE);
        Map<String, List<DueNotification>> inOrder = new LinkedHashMap<>();
        for (DueNotification notification : due) {
            inOrder.computeIfAbsent(notification.target() + " " + notification.alertId(), key -> new ArrayList<>())
                    .add(notification);
        }
        List<Future<?>> sending = new ArrayList<>();
        for (List<DueNotification> sequence : inOrder.values()) {
            sending.add(pool.submit(() -> handleInOrder(sequence)));
        }
        for (Future<?> future : sending) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (ExecutionException e) {
                log.warn(
                        "Notification dispatch failed, trying again: {}",
                        e.getCause().toString());
            }
        }
        return due.size() == BATCH_SIZE;
    }

    private void handleInOrder(List<DueNotification> sequence) {
        for (DueNotification notification : sequence) {
            if (!running) {
                return;
            }
            sender.handle(notification);
        }
    }

    private void awaitWakeUp() {
        try {
            wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            wake.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
