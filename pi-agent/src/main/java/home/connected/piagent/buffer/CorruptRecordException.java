package home.connected.piagent.buffer;

/** Bytes in a segment file that are no good record: torn by a crash, or damaged on the device. */
final class CorruptRecordException extends Exception {

    private final long offset;

    CorruptRecordException(long offset, String reason) {
        super(reason);
        this.offset = offset;
    }

    /** Where in the file the bad bytes start. */
    long offset() {
        return offset;
    }
}
