package home.connected.alert.stream;

import home.connected.alert.AlertProperties;
import home.connected.contracts.Topics;
import home.connected.dynsec.Acl;
import home.connected.dynsec.DynamicSecurityClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For brokers run by the project (dev, tests, bench): creates alert-service's broker client
 * through Mosquitto's dynamic security as the admin. Its role may subscribe to the stored-reading
 * announcements and device status and publish to the allowed action topics only, so the broker
 * itself refuses an action anywhere else. Idempotent. Production brokers get the client from
 * their operator.
 */
final class BrokerAccessProvisioning {

    private static final Logger log = LoggerFactory.getLogger(BrokerAccessProvisioning.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private BrokerAccessProvisioning() {}

    static void provision(AlertProperties.Mqtt mqtt, List<String> actionTopics) throws MqttException {
        if (mqtt.username().equals(mqtt.adminUsername())) {
            throw new IllegalStateException("ch.alert.mqtt.username must not be the admin when provisioning");
        }
        List<Acl> acls = new ArrayList<>();
        acls.add(Acl.subscribePattern(Topics.ALL_STORED));
        acls.add(Acl.subscribePattern(Topics.ALL_STATUSES));
        actionTopics.forEach(topic -> acls.add(Acl.publishClientSend(topic)));
        try (DynamicSecurityClient dynsec = DynamicSecurityClient.connect(
                mqtt.url(), mqtt.adminUsername(), mqtt.adminPassword(), mqtt.clientId() + "-provisioning", TIMEOUT)) {
            dynsec.ensureRole(mqtt.username(), acls);
            dynsec.ensureClient(mqtt.username(), mqtt.password(), mqtt.username());
        }
        log.info("MQTT client {} provisioned through dynamic security", mqtt.username());
    }
}
