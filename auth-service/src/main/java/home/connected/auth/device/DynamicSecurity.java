package home.connected.auth.device;

import home.connected.access.ApiException;
import home.connected.contracts.Topics;
import home.connected.dynsec.Acl;
import home.connected.dynsec.DynamicSecurityCommands;
import home.connected.dynsec.DynamicSecurityException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Devices as clients of Mosquitto's dynamic-security plugin, over auth-service's one broker
 * connection. Each device is a client {@code device-<id>} holding role {@code device-<id>}, which may
 * only publish under its own topic subtree. The plugin's refusals become API errors.
 */
@Component
class DynamicSecurity {

    private static final Logger log = LoggerFactory.getLogger(DynamicSecurity.class);

    static final String PLACES_ROLE = "connected-home-places-publisher";

    private final DynamicSecurityCommands commands;

    DynamicSecurity(BrokerConnection broker) {
        this.commands = new DynamicSecurityCommands(
                envelope -> broker.publish(
                        DynamicSecurityCommands.COMMAND_TOPIC, new String(envelope, StandardCharsets.UTF_8)),
                broker.commandTimeout());
        broker.subscribe(
                DynamicSecurityCommands.RESPONSE_TOPIC,
                (topic, message) -> commands.handleResponses(message.getPayload()));
    }

    static String clientName(String deviceId) {
        return "device-" + deviceId;
    }

    void createDeviceClient(String deviceId, String password) {
        String name = clientName(deviceId);
        execute(() -> commands.createRole(name, List.of(Acl.publishClientSend(Topics.deviceTree(deviceId)))));
        try {
            execute(() -> commands.createClient(name, password, name));
        } catch (ApiException e) {
            deleteQuietly(() -> commands.deleteRole(name));
            throw e;
        }
    }

    /** Sets a new password; the client is disabled meanwhile, which ends a session opened with the old one. */
    void replacePassword(String deviceId, String password, boolean enabled) {
        String name = clientName(deviceId);
        execute(() -> commands.disableClient(name));
        execute(() -> commands.setClientPassword(name, password));
        if (enabled) {
            execute(() -> commands.enableClient(name));
        }
    }

    /** Refuses new connections and ends the live session. */
    void disable(String deviceId) {
        execute(() -> commands.disableClient(clientName(deviceId)));
    }

    void delete(String deviceId) {
        execute(() -> commands.deleteClient(clientName(deviceId)));
        deleteQuietly(() -> commands.deleteRole(clientName(deviceId)));
    }

    /**
     * Lets auth-service's own admin client publish the device places: the plugin's admin role may
     * only send dynamic-security commands. The role is added only when missing, because the plugin
     * ends the session of a client whose roles change (once per broker; the connection comes back).
     *
     * @return true when the admin already held the role, so publishing may go ahead now
     */
    boolean allowPublishingPlaces(String adminUser) {
        commands.ensureRole(PLACES_ROLE, List.of(Acl.publishClientSend(Topics.PLACES)));
        for (JsonNode role : commands.getClient(adminUser).path("roles")) {
            if (PLACES_ROLE.equals(role.path("rolename").asString())) {
                return true;
            }
        }
        commands.addClientRole(adminUser, PLACES_ROLE);
        return false;
    }

    /** Best effort, for undoing half-done work. */
    void deleteQuietly(String deviceId) {
        deleteQuietly(() -> commands.deleteClient(clientName(deviceId)));
        deleteQuietly(() -> commands.deleteRole(clientName(deviceId)));
    }

    private void deleteQuietly(Runnable command) {
        try {
            execute(command);
        } catch (RuntimeException e) {
            log.warn("dynamic-security clean-up failed: {}", e.getMessage());
        }
    }

    private static void execute(Runnable command) {
        try {
            command.run();
        } catch (DynamicSecurityException e) {
            if (!e.answered()) {
                throw ApiException.unavailable("the MQTT broker did not answer in time; try again shortly");
            }
            log.warn("{}", e.getMessage());
            throw refusal(e);
        }
    }

    private static ApiException refusal(DynamicSecurityException e) {
        if (e.alreadyExists()) {
            return ApiException.alreadyExists("the broker already has credentials for this device: " + e.pluginError());
        }
        if (e.notFound()) {
            return ApiException.notFound("the broker has no credentials for this device: " + e.pluginError());
        }
        return ApiException.failedPrecondition("the broker refused the change: " + e.pluginError());
    }
}
