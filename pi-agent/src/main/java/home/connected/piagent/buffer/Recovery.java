package home.connected.piagent.buffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening a log's directory: scans every segment, skips what is damaged in the older ones, cuts a
 * torn tail off the newest one and leaves it ready for appends.
 */
final class Recovery {

    private static final Logger log = LoggerFactory.getLogger(ReadingLog.class);

    /** The segments, oldest first, the last one appendable; where the acknowledged point is. */
    record Recovered(List<Segment> segments, Position acknowledged, long corruptRecords) {}

    private Recovery() {}

    static Recovered recover(Path directory, long acknowledged, ChannelOpener opener) throws IOException {
        List<Path> files = segmentFiles(directory);
        List<Segment> segments = new ArrayList<>();
        long corrupt = 0;
        long acknowledgedOffset = RecordFormat.FILE_HEADER_BYTES;
        try {
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                long base = base(file);
                boolean newest = i == files.size() - 1;
                long maxRecords = newest ? Long.MAX_VALUE : base(files.get(i + 1)) - base;
                Segment.Scan scan = Segment.scan(file, base, maxRecords, acknowledged, opener);
                Segment segment = scan.segment();
                segments.add(segment);
                if (scan.offsetOfWanted() >= 0) {
                    acknowledgedOffset = scan.offsetOfWanted();
                }
                CorruptRecordException damage = scan.damage();
                if (damage == null) {
                    if (newest) {
                        segment.reopenForAppend(false);
                    }
                } else if (newest) {
                    boolean headerDamaged = damage.offset() == 0;
                    boolean anythingLost = !headerDamaged || segment.bytesOnDisk() >= RecordFormat.FILE_HEADER_BYTES;
                    log.warn(
                            "Torn record in {} at offset {} ({}): cutting it off, appending after the last good record",
                            file,
                            damage.offset(),
                            damage.getMessage());
                    corrupt += anythingLost ? 1 : 0;
                    segment.reopenForAppend(headerDamaged);
                } else {
                    long lost = maxRecords - segment.records();
                    log.warn(
                            "Corrupt record in {} at offset {} ({}): skipping the rest of that segment, {} records",
                            file,
                            damage.offset(),
                            damage.getMessage(),
                            lost);
                    corrupt += lost;
                }
            }
            if (segments.isEmpty() || segments.get(segments.size() - 1).end() < acknowledged) {
                if (!segments.isEmpty()) {
                    Segment last = segments.get(segments.size() - 1);
                    log.info(
                            "The acknowledged point #{} is past the end of the log (#{}): appends go on from it",
                            acknowledged,
                            last.end());
                    last.seal();
                }
                segments.add(Segment.create(directory, acknowledged, opener));
            }
        } catch (IOException | RuntimeException e) {
            segments.forEach(Segment::close);
            throw e;
        }
        Position position = new Position(acknowledged, acknowledgedOffset);
        return new Recovered(segments, position, corrupt);
    }

    private static List<Path> segmentFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> Segment.baseOf(file).isPresent())
                    .sorted(Comparator.comparingLong(Recovery::base))
                    .toList();
        }
    }

    private static long base(Path file) {
        OptionalLong base = Segment.baseOf(file);
        return base.orElseThrow();
    }
}
