package home.connected.piagent.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sequence number before which every record reached the broker, in a file of its own. Written
 * whole to a temporary file, forced, then renamed over the old one: a crash leaves the old value or
 * the new, never half of one.
 */
final class AcknowledgementFile {

    static final String FILE_NAME = "acknowledged";

    private static final Logger log = LoggerFactory.getLogger(AcknowledgementFile.class);

    private final Path directory;
    private final Path file;
    private final Path temporary;

    AcknowledgementFile(Path directory) {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
        this.temporary = directory.resolve(FILE_NAME + ".tmp");
    }

    /** The persisted sequence number; 0 (resend everything) when there is none or it is unreadable. */
    long read() throws IOException {
        Files.deleteIfExists(temporary);
        String content;
        try {
            content = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            log.warn("Could not read {} ({}): resending every buffered reading", file, e.toString());
            return 0;
        }
        try {
            long sequence = Long.parseLong(content);
            if (sequence >= 0) {
                return sequence;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        log.warn("{} holds no sequence number ({}): resending every buffered reading", file, abbreviate(content));
        return 0;
    }

    void write(long sequence) throws IOException {
        ByteBuffer content = ByteBuffer.wrap((sequence + "\n").getBytes(StandardCharsets.US_ASCII));
        try (FileChannel channel = FileChannel.open(
                temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (content.hasRemaining()) {
                channel.write(content);
            }
            channel.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DirectorySync.sync(directory);
    }

    private static String abbreviate(String content) {
        return content.length() <= 40 ? content : content.substring(0, 40) + "...";
    }
}
