package home.connected.query.influx;

import home.connected.query.QueryProperties;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs InfluxQL SELECTs on the readings database and returns their series. JSON answers: their
 * tag values arrive intact whatever characters they hold. Every statement here yields no nulls
 * (aggregates use {@code fill(none)}).
 */
@Component
public class InfluxReader {

    private static final Logger log = LoggerFactory.getLogger(InfluxReader.class);
    /** The column names of a band: {@code SELECT mean(value) AS band_mean, min(value) AS band_min, ...}. */
    public static final String BAND_MEAN = "band_mean";

    public static final String BAND_MIN = "band_min";
    public static final String BAND_MAX = "band_max";
    /** The column of a window's number of readings beside its value: {@code count(value) AS readings}. */
    public static final String READINGS = "readings";

    private final InfluxHttp influx;
    private final String measurement;
    private final int parallelRequests;
    /** Runs the other parts of a request sent in parts; when all its threads are busy, the caller runs them. */
    private final ThreadPoolExecutor parts;

    InfluxReader(InfluxHttp influx, QueryProperties properties) {
        this.influx = influx;
        this.measurement = InfluxQl.identifier(properties.influx().measurement());
        this.parallelRequests = Math.max(1, properties.influx().parallelRequests());
        AtomicInteger threads = new AtomicInteger();
        this.parts = new ThreadPoolExecutor(
                0,
                Math.max(1, 2 * (parallelRequests - 1)),
                30,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "influx-part-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** How many requests {@link #selectEachAtOnce} sends at once at most: the parts worth splitting a query into. */
    public int parallelRequests() {
        return parallelRequests;
    }

    @PreDestroy
    void close() {
        parts.shutdownNow();
    }

    /** The quoted measurement name, for FROM. */
    public String measurement() {
        return measurement;
    }

    /** Series of a statement that selects time and one numeric column, or the three columns of a band. */
    public List<TaggedSeries> select(String influxQl) {
        return selectEach(List.of(influxQl)).get(0);
    }

    /**
     * The series of each statement, in order, all sent in one request. A statement InfluxDB refuses
     * (its result holds an error) has no series; the error is logged.
     *
     * @throws InfluxUnavailableException when InfluxDB does not answer, or not with 2xx and JSON
     */
    public List<List<TaggedSeries>> selectEach(List<String> statements) {
        return selectEachAtOnce(List.of(statements));
    }

    /**
     * The series of each statement, in order: the statements of each inner list sent in one request,
     * and the requests at once (this thread sends the first). InfluxDB answers the statements of one
     * request one after another.
     *
     * @throws InfluxUnavailableException when InfluxDB does not answer one of them, or not with 2xx and JSON
     */
    public List<List<TaggedSeries>> selectEachAtOnce(List<List<String>> requests) {
        List<Future<List<List<TaggedSeries>>>> others = new ArrayList<>();
        for (List<String> request : requests.subList(1, requests.size())) {
            others.add(parts.submit(() -> oneRequest(request)));
        }
        List<List<TaggedSeries>> series = new ArrayList<>(oneRequest(requests.get(0)));
        try {
            for (Future<List<List<TaggedSeries>>> other : others) {
                series.addAll(other.get());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new InfluxUnavailableException(e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfluxUnavailableException("interrupted");
        } finally {
            others.forEach(other -> other.cancel(true));
        }
        return series;
    }

    private List<List<TaggedSeries>> oneRequest(List<String> statements) {
        InfluxQlJson.Answer answer =
                influx.query(String.join(";\n", statements), body -> InfluxQlJson.read(body, statements.size()));
        for (String error : answer.errors()) {
            log.warn("InfluxDB refused a statement: {}", error);
        }
        return answer.series();
    }
}
