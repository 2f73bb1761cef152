package home.connected.agent.publish;

import home.connected.contracts.Topics;
import home.connected.dynsec.Acl;
import home.connected.dynsec.DynamicSecurityClient;
import home.connected.dynsec.DynamicSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * For local runs: creates, through the dynamic-security plugin, a client allowed to publish only
 * under the given devices' topics ({@link Topics#deviceTree}), with a fresh random
 * password. Idempotent: an existing role gets the devices' ACLs added (earlier ones stay), an existing
 * client a new password.
 */
public final class PublisherProvisioning {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private PublisherProvisioning() {}

    /** @return the credentials of the (re)provisioned client */
    public static MqttCredentials provision(MqttProperties mqtt, List<String> deviceIds) throws Exception {
        String username = mqtt.provisionedUsername();
        String password = randomPassword();
        List<Acl> acls = deviceIds.stream()
                .map(deviceId -> Acl.publishClientSend(Topics.deviceTree(deviceId)))
                .toList();
        try (DynamicSecurityClient dynsec = DynamicSecurityClient.connect(
                mqtt.url(), mqtt.adminUsername(), mqtt.adminPassword(), "agent-dynsec", TIMEOUT)) {
            dynsec.ensureRole(username, acls);
            dynsec.ensureClient(username, password, username);
        }
        return new MqttCredentials(username, password);
    }

    /** Removes the provisioned client and its role, ignoring what is already gone. */
    public static void remove(DynamicSecurityClient dynsec, String username) {
        for (Runnable step :
                List.<Runnable>of(() -> dynsec.deleteClient(username), () -> dynsec.deleteRole(username))) {
            try {
                step.run();
            } catch (DynamicSecurityException e) {
                if (!e.notFound()) {
                    throw e;
                }
            }
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
