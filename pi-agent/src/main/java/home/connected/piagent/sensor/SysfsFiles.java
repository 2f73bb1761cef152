package home.connected.piagent.sensor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a sysfs attribute whole. A read the kernel fails throws the plain {@link IOException} the
 * JDK makes of the errno, its message the errno's text ("Input/output error" for EIO); a missing
 * file throws {@link java.nio.file.NoSuchFileException}.
 */
@FunctionalInterface
interface SysfsFiles {

    SysfsFiles REAL = file -> new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);

    String read(Path file) throws IOException;
}
