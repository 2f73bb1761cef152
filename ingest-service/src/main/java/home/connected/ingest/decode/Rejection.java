package home.connected.ingest.decode;

/** Why one reading, or a whole message, was not stored. {@code detail} is for logs and the dead-letter topic. */
public record Rejection(RejectReason reason, String detail) {}
