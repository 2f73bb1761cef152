package home.connected.tracing;

import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Leaves out Spring Boot's OpenTelemetry log-record auto-configurations: the logs are JSON lines on
 * standard output, never OpenTelemetry log records, and those would start a batch export thread and load
 * the SDK's log classes in every traced service for nothing.
 */
public final class NoLogRecordExport implements AutoConfigurationImportFilter {

    private static final Set<String> LEFT_OUT = Set.of(
            "org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration",
            "org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration");

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] kept = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < kept.length; i++) {
            // an earlier filter leaves null where it took a class out
            kept[i] = autoConfigurationClasses[i] == null || !LEFT_OUT.contains(autoConfigurationClasses[i]);
        }
        return kept;
    }
}
