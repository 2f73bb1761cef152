package home.connected.piagent.buffer;

/**
 * A place in a {@link ReadingLog}: the sequence number of a record (or of the next one to come).
 * Sequence numbers grow by one per record and are never reused while the log's files exist.
 * Positions come from the log itself ({@link Batch#next()}, {@link ReadingLog#firstUnacknowledged()});
 * they compare and equal by sequence alone.
 */
public final class Position implements Comparable<Position> {

    private final long sequence;
    // Where the record starts in its segment file: spares a scan. Only the log reads it.
    private final long offset;

    Position(long sequence, long offset) {
        this.sequence = sequence;
        this.offset = offset;
    }

    public long sequence() {
        return sequence;
    }

    long offset() {
        return offset;
    }

    @Override
    public int compareTo(Position other) {
        return Long.compare(sequence, other.sequence);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Position position && position.sequence == sequence;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence);
    }

    @Override
    public String toString() {
        return "#" + sequence;
    }
}
