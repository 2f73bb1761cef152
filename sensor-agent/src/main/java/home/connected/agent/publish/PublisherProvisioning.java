package home.connected.agent.publish;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * For local runs: creates, through the dynamic-security plugin, a client allowed to publish only
 * under the given devices' topics ({@code connected-home/v1/devices/{id}/#}), with a fresh random
 * password. Idempotent: an existing role gets the devices' ACLs added (earlier ones stay), an existing
 * client a new password.
 */
public final class PublisherProvisioning {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PublisherProvisioning() {}

    /** @return the credentials of the (re)provisioned client */
    public static MqttCredentials provision(MqttProperties mqtt, List<String> deviceIds) throws Exception {
        String username = mqtt.provisionedUsername();
        String password = randomPassword();
        try (DynamicSecurityClient dynsec =
                new DynamicSecurityClient(mqtt.url(), mqtt.adminUsername(), mqtt.adminPassword())) {
            ObjectNode role = DynamicSecurityClient.command("createRole").put("rolename", username);
            ArrayNode acls = role.putArray("acls");
            for (String deviceId : deviceIds) {
                acls.addObject()
                        .put("acltype", "publishClientSend")
                        .put("topic", "connected-home/v1/devices/" + deviceId + "/#")
                        .put("allow", true);
            }
            if (dynsec.execute(role) != null) {
                // The role exists: add this run's devices to it. Never delete and recreate a role a
                // client holds: Mosquitto 2.0.11 then crashes on that client's next publish.
                for (JsonNode acl : acls) {
                    dynsec.execute(((ObjectNode) acl.deepCopy())
                            .put("command", "addRoleACL")
                            .put("rolename", username));
                }
            }
            ObjectNode client = DynamicSecurityClient.command("createClient")
                    .put("username", username)
                    .put("password", password);
            client.putArray("roles").addObject().put("rolename", username);
            if (dynsec.execute(client) != null) {
                dynsec.require(DynamicSecurityClient.command("setClientPassword")
                        .put("username", username)
                        .put("password", password));
                dynsec.execute(DynamicSecurityClient.command("addClientRole")
                        .put("username", username)
                        .put("rolename", username));
            }
        }
        return new MqttCredentials(username, password);
    }

    /** Removes the provisioned client and its role. */
    public static void remove(DynamicSecurityClient dynsec, String username) throws Exception {
        dynsec.execute(DynamicSecurityClient.command("deleteClient").put("username", username));
        dynsec.execute(DynamicSecurityClient.command("deleteRole").put("rolename", username));
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
