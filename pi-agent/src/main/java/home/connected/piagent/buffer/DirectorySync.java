package home.connected.piagent.buffer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Forces a directory's entries to the device, so a new or renamed file survives a power cut. */
final class DirectorySync {

    private DirectorySync() {}

    static void sync(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open or force a directory; their entries are as durable as they get.
        }
    }
}
