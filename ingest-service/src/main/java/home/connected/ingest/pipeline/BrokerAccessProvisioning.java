package home.connected.ingest.pipeline;

import home.connected.dynsec.Acl;
import home.connected.dynsec.DynamicSecurityClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For brokers run by the project (dev, tests, bench): creates ingest's own broker client through
 * Mosquitto's dynamic-security plugin as the admin, because the admin may not publish and ingest
 * publishes dead letters. Idempotent: existing clients and roles are updated. Production brokers
 * get the client from their operator and leave {@code provision-with-admin} off.
 */
final class BrokerAccessProvisioning {

    private static final Logger log = LoggerFactory.getLogger(BrokerAccessProvisioning.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final IngestProperties.Mqtt mqtt;
    private final List<String> filters;
    private final List<String> publishFilters;

    BrokerAccessProvisioning(IngestProperties.Mqtt mqtt, List<String> filters, List<String> publishFilters) {
        this.mqtt = mqtt;
        this.filters = filters;
        this.publishFilters = publishFilters;
    }

    /**
     * Creates or updates ingest's client, with a role of the same name: subscribe to every filter
     * (plain and shared), publish to its own topics (dead letters, stored-reading announcements).
     */
    void provision() throws MqttException {
        if (mqtt.username().equals(mqtt.adminUsername())) {
            throw new IllegalStateException("ch.ingest.mqtt.username must not be the admin when provisioning");
        }
        List<Acl> acls = new ArrayList<>();
        Set<String> patterns = new LinkedHashSet<>(filters);
        patterns.addAll(mqtt.subscriptions(0, filters, List.of()));
        for (String pattern : patterns) {
            acls.add(Acl.subscribePattern(pattern));
        }
        for (String filter : publishFilters) {
            acls.add(Acl.publishClientSend(filter));
        }
        try (DynamicSecurityClient dynsec = DynamicSecurityClient.connect(
                mqtt.url(), mqtt.adminUsername(), mqtt.adminPassword(), "ingest-provisioning", TIMEOUT)) {
            dynsec.ensureRole(mqtt.username(), acls);
            dynsec.ensureClient(mqtt.username(), mqtt.password(), mqtt.username());
        }
        log.info("MQTT client {} provisioned through dynamic security", mqtt.username());
    }
}
