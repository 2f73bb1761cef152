package home.connected.auth.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * How many password checks per second this machine sustains, per bcrypt strength and thread
 * count. A password check is nearly all of a login's cost. Bounded: a few seconds per setting.
 *
 * <p>Run: {@code java -cp auth-service/target/test-classes:$(cat /tmp/auth-cp.txt)
 * home.connected.auth.bench.LoginRateBench [seconds-per-setting]}
 */
public final class LoginRateBench {

    private LoginRateBench() {}

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 4;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("cores=%d, %d s per setting%n", cores, seconds);
        for (int strength : new int[] {10, 11, 12}) {
            BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(strength);
            String hash = encoder.encode("correct horse battery staple");
            for (int threads : new int[] {1, cores}) {
                double rate = checksPerSecond(encoder, hash, threads, seconds);
                System.out.printf(
                        "bcrypt strength %d, %d thread(s): %.1f checks/s (%.0f ms each)%n",
                        strength, threads, rate, 1000.0 * threads / rate);
            }
        }
    }

    private static double checksPerSecond(BCryptPasswordEncoder encoder, String hash, int threads, long seconds)
            throws Exception {
        encoder.matches("warm-up", hash);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong checks = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        Future<?>[] workers = new Future<?>[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = pool.submit(() -> {
                while (running.get()) {
                    encoder.matches("wrong password guess", hash);
                    checks.incrementAndGet();
                }
            });
        }
        TimeUnit.SECONDS.sleep(seconds);
        running.set(false);
        for (Future<?> worker : workers) {
            worker.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return checks.get() / elapsed;
    }
}
