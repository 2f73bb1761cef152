package home.connected.piagent.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Numbered readings as the agent would buffer them (about 120 bytes of JSON each), and ways to look at a log. */
final class Readings {

    static final int READING_BYTES = 120;
    /** A segment of this size holds exactly five readings. */
    static final long FIVE_READINGS = RecordFormat.FILE_HEADER_BYTES + 5 * RecordFormat.framedSize(READING_BYTES);

    private static final Pattern NUMBER = Pattern.compile("\"n\":(\\d+)");

    private Readings() {}

    static byte[] reading(int n) {
        String json = String.format(
                "{\"device\":\"pi-livingroom\",\"sensor\":\"bme280\",\"quantity\":\"temperature\","
                        + "\"value\":21.5,\"unit\":\"C\",\"n\":%08d}",
                n);
        String padded = json.substring(0, json.length() - 1) + ",\"pad\":\""
                + "x".repeat(READING_BYTES - json.length() - 9) + "\"}";
        byte[] bytes = padded.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(READING_BYTES);
        return bytes;
    }

    static List<byte[]> readings(int fromInclusive, int toExclusive) {
        return IntStream.range(fromInclusive, toExclusive)
                .mapToObj(Readings::reading)
                .toList();
    }

    static int numberOf(byte[] reading) {
        Matcher matcher = NUMBER.matcher(new String(reading, StandardCharsets.UTF_8));
        assertThat(matcher.find()).as("a numbered reading").isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    static List<Integer> numbers(int fromInclusive, int toExclusive) {
        return IntStream.range(fromInclusive, toExclusive).boxed().toList();
    }

    static void appendEach(ReadingLog log, int fromInclusive, int toExclusive) {
        for (int n = fromInclusive; n < toExclusive; n++) {
            assertThat(log.append(List.of(reading(n))))
                    .as("append of reading %d", n)
                    .isTrue();
        }
    }

    /** The numbers of every reading from {@code from} on, read in small batches. */
    static List<Integer> readFrom(ReadingLog log, Position from) {
        List<Integer> numbers = new ArrayList<>();
        Position next = from;
        while (true) {
            Batch batch = log.read(next, 7, 64 * 1024);
            if (batch.isEmpty()) {
                assertThat(batch.next()).isEqualTo(next);
                return numbers;
            }
            batch.records().forEach(record -> numbers.add(numberOf(record)));
            next = batch.next();
        }
    }

    static List<Integer> unacknowledged(ReadingLog log) {
        return readFrom(log, log.firstUnacknowledged());
    }

    /** Reads {@code count} readings from the first unacknowledged one and acknowledges them. */
    static Position acknowledgeNext(ReadingLog log, int count) {
        Batch batch = log.read(log.firstUnacknowledged(), count, Integer.MAX_VALUE);
        assertThat(batch.records()).hasSize(count);
        log.acknowledge(batch.next());
        return batch.next();
    }

    static List<Path> segmentFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log"))
                    .sorted()
                    .toList();
        }
    }

    /** What a crash would leave on disk right now: the files as they are, the lock released. */
    static Path crashImage(Path directory, Path image) throws IOException {
        Files.createDirectories(image);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().equals(DirectoryLock.FILE_NAME)) {
                    Files.copy(file, image.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return image;
    }
}
