package home.connected.piagent.buffer;

import java.util.List;

/** Records read from a {@link ReadingLog}, oldest first, and where the next read starts. */
public record Batch(List<byte[]> records, Position next) {

    public Batch {
        records = List.copyOf(records);
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }

    public int size() {
        return records.size();
    }
}
