package home.connected.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FileDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ServiceContractsTest {

    private static final Path PROTO_ROOT = Path.of("src/main/proto");

    @Test
    void listsEveryContractFileThatDeclaresAService() throws IOException {
        List<String> declaringAService;
        try (Stream<Path> files = Files.walk(PROTO_ROOT)) {
            declaringAService = files.filter(file -> file.toString().endsWith(".proto"))
                    .filter(ServiceContractsTest::declaresAService)
                    .map(file -> PROTO_ROOT.relativize(file).toString().replace('\\', '/'))
                    .toList();
        }
        assertThat(ServiceContracts.FILES)
                .extracting(FileDescriptor::getName)
                .containsExactlyInAnyOrderElementsOf(declaringAService);
    }

    private static boolean declaresAService(Path proto) {
        try {
            return Files.readAllLines(proto).stream().anyMatch(line -> line.startsWith("service "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
