package home.connected.auth.password;

import home.connected.access.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Limits failed password checks per account and per client address within a sliding window.
 * The check runs before the (deliberately slow) hash, so refused attempts cost almost nothing.
 * Kept in memory: each replica counts on its own, and a restart forgets the counts.
 */
@Component
public class LoginThrottle {

    private final Properties properties;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(Properties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Refuses with RESOURCE_EXHAUSTED while the account or the address has too many recent failures. */
    public void check(String account, String address) {
        Instant now = clock.instant();
        long wait = Math.max(
                waitSeconds(accountKey(account), properties.failuresPerAccount(), now),
                waitSeconds(addressKey(address), properties.failuresPerAddress(), now));
        if (wait > 0) {
            throw ApiException.resourceExhausted("too many attempts, try again in " + wait + " s");
        }
    }

    public void recordFailure(String account, String address) {
        Instant now = clock.instant();
        add(accountKey(account), properties.failuresPerAccount(), now);
        add(addressKey(address), properties.failuresPerAddress(), now);
    }

    public void recordSuccess(String account) {
        failures.remove(accountKey(account));
    }

    @Scheduled(fixedDelay = 60_000)
    void forgetOldFailures() {
        Instant now = clock.instant();
        failures.forEach((key, times) -> {
            synchronized (times) {
                prune(times, now);
            }
        });
        failures.values().removeIf(Deque::isEmpty);
    }

    private long waitSeconds(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < limit) {
                return 0;
            }
            Duration left = Duration.between(now, times.peekFirst().plus(properties.window()));
            return Math.max(1, (left.toMillis() + 999) / 1000);
        }
    }

    private void add(String key, int limit, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
            while (times.size() > limit) {
                times.removeFirst();
            }
        }
    }

    private void prune(Deque<Instant> times, Instant now) {
        Instant cutoff = now.minus(properties.window());
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.removeFirst();
        }
    }

    private static String accountKey(String account) {
        return "account:" + account.toLowerCase();
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    @ConfigurationProperties("ch.auth.throttle")
    record Properties(int failuresPerAccount, int failuresPerAddress, Duration window) {}
}
