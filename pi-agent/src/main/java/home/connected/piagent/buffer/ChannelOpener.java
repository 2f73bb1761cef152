package home.connected.piagent.buffer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;

/** Opens the segment files: {@link FileChannel#open}, or in tests a channel that fails on purpose. */
@FunctionalInterface
interface ChannelOpener {

    ChannelOpener FILES = (file, options) -> FileChannel.open(file, options);

    FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException;
}
