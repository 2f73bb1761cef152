package home.connected.piagent.sensor;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Real sysfs files whose first reads fail as the kernel fails them: a plain IOException with the
 * errno's text, what the JDK throws for EIO or ETIMEDOUT from read(2).
 */
final class FailingSysfsFiles implements SysfsFiles {

    static final String EIO = "Input/output error";
    static final String ETIMEDOUT = "Connection timed out";

    private final String errno;
    private int failuresLeft;
    private int reads;

    FailingSysfsFiles(String errno, int failures) {
        this.errno = errno;
        this.failuresLeft = failures;
    }

    int reads() {
        return reads;
    }

    @Override
    public String read(Path file) throws IOException {
        reads++;
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new IOException(errno);
        }
        return SysfsFiles.REAL.read(file);
    }
}
