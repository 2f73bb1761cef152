package home.connected.auth.bench;

import home.connected.contracts.auth.v1.AuthServiceGrpc;
import home.connected.contracts.auth.v1.LoginRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * How many logins per second this machine sustains. Without arguments beyond the duration: bare
 * password checks per bcrypt strength and thread count (a check is nearly all of a login's cost).
 * With {@code grpc host:port user password}: real Login RPCs against a running auth-service, on
 * one and on two threads. Bounded: a few seconds per setting.
 *
 * <p>Run: {@code java -cp auth-service/target/test-classes:auth-service/target/classes:<test classpath>
 * home.connected.auth.bench.LoginRateBench 4 [grpc 127.0.0.1:9081 admin <password>]}
 */
public final class LoginRateBench {

    private LoginRateBench() {}

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 4;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("cores=%d, %d s per setting%n", cores, seconds);
        if (args.length == 5 && args[1].equals("grpc")) {
            loginsOverGrpc(args[2], args[3], args[4], seconds, cores);
            return;
        }
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

    private static void loginsOverGrpc(String target, String user, String password, long seconds, int cores)
            throws Exception {
        ManagedChannel channel =
                ManagedChannelBuilder.forTarget(target).usePlaintext().build();
        AuthServiceGrpc.AuthServiceBlockingStub auth = AuthServiceGrpc.newBlockingStub(channel);
        LoginRequest login = LoginRequest.newBuilder()
                .setUsername(user)
                .setPassword(password)
                .build();
        auth.login(login);
        try {
            for (int threads : new int[] {1, cores}) {
                double rate = perSecond(() -> auth.login(login), threads, seconds);
                System.out.printf("Login RPC, %d client thread(s): %.1f logins/s%n", threads, rate);
            }
        } finally {
            channel.shutdownNow();
        }
    }

    private static double checksPerSecond(BCryptPasswordEncoder encoder, String hash, int threads, long seconds)
            throws Exception {
        encoder.matches("warm-up", hash);
        return perSecond(() -> encoder.matches("wrong password guess", hash), threads, seconds);
    }

    private static double perSecond(Runnable work, int threads, long seconds) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong checks = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        Future<?>[] workers = new Future<?>[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = pool.submit(() -> {
                while (running.get()) {
                    work.run();
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
