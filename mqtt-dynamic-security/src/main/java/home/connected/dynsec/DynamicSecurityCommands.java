package home.connected.dynsec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations of Mosquitto's dynamic-security plugin the services use: JSON commands published
 * on {@link #COMMAND_TOPIC}, each answered on {@link #RESPONSE_TOPIC} with its correlation data. A
 * refusal becomes a {@link DynamicSecurityException} carrying the plugin's message.
 *
 * <p>Use {@link DynamicSecurityClient} for a connection of its own; a service that already holds an
 * admin connection passes a {@link CommandSender} and feeds {@link #handleResponses} from its
 * subscription to {@link #RESPONSE_TOPIC}.
 */
public class DynamicSecurityCommands {

    public static final String COMMAND_TOPIC = "$CONTROL/dynamic-security/v1";
    public static final String RESPONSE_TOPIC = COMMAND_TOPIC + "/response";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Publishes one command envelope on {@link #COMMAND_TOPIC}. */
    @FunctionalInterface
    public interface CommandSender {
        void send(byte[] envelope);
    }

    private final CommandSender sender;
    private final Duration timeout;
    private final PendingAnswers pending = new PendingAnswers(JSON);

    public DynamicSecurityCommands(CommandSender sender, Duration timeout) {
        this.sender = sender;
        this.timeout = timeout;
    }

    /** Hands a message from {@link #RESPONSE_TOPIC} to the commands waiting for it. */
    public void handleResponses(byte[] payload) {
        pending.complete(payload);
    }

    public void createRole(String rolename, List<Acl> acls) {
        run(Command.of(
                "createRole",
                "rolename",
                rolename,
                "acls",
                acls.stream().map(DynamicSecurityCommands::acl).toList()));
    }

    /**
     * Creates the role with the ACLs or, when it exists, adds the ACLs it lacks (earlier ones stay).
     * Never deletes and recreates the role: Mosquitto 2.0.11 crashes on the next publish of a client
     * that held the deleted role.
     */
    public void ensureRole(String rolename, List<Acl> acls) {
        try {
            createRole(rolename, acls);
        } catch (DynamicSecurityException e) {
            if (!e.alreadyExists()) {
                throw e;
            }
            List<Command> additions = acls.stream()
                    .map(acl -> Command.of(
                            "addRoleACL",
                            "rolename",
                            rolename,
                            "acltype",
                            acl.type(),
                            "topic",
                            acl.topic(),
                            "allow",
                            acl.allow()))
                    .toList();
            for (DynamicSecurityException refusal : runAll(additions)) {
                if (refusal != null && !refusal.alreadyExists()) {
                    throw refusal;
                }
            }
        }
    }

    public void createClient(String username, String password, String... rolenames) {
        run(Command.of("createClient", "username", username, "password", password, "roles", roles(rolenames)));
    }

    /**
     * Creates the client with the password and roles or, when it exists, sets both at once
     * ({@code addClientRole} fails on a client already in the role).
     */
    public void ensureClient(String username, String password, String... rolenames) {
        try {
            createClient(username, password, rolenames);
        } catch (DynamicSecurityException e) {
            if (!e.alreadyExists()) {
                throw e;
            }
            run(Command.of("modifyClient", "username", username, "password", password, "roles", roles(rolenames)));
        }
    }

    public void setClientPassword(String username, String password) {
        run(Command.of("setClientPassword", "username", username, "password", password));
    }

    public void addClientRole(String username, String rolename) {
        run(Command.of("addClientRole", "username", username, "rolename", rolename));
    }

    /** Allows new connections again. */
    public void enableClient(String username) {
        run(Command.of("enableClient", "username", username));
    }

    /** Refuses new connections and ends the client's live session. */
    public void disableClient(String username) {
        run(Command.of("disableClient", "username", username));
    }

    public void deleteClient(String username) {
        run(Command.of("deleteClient", "username", username));
    }

    public void deleteRole(String rolename) {
        run(Command.of("deleteRole", "rolename", rolename));
    }

    /** The plugin's description of the client ({@code username}, {@code roles}, ...). */
    public JsonNode getClient(String username) {
        return run(Command.of("getClient", "username", username)).path("data").path("client");
    }

    public boolean clientExists(String username) {
        try {
            getClient(username);
            return true;
        } catch (DynamicSecurityException e) {
            if (e.notFound()) {
                return false;
            }
            throw e;
        }
    }

    private JsonNode run(Command command) {
        List<JsonNode> answers = send(List.of(command));
        DynamicSecurityException refusal = refusal(command, answers.get(0));
        if (refusal != null) {
            throw refusal;
        }
        return answers.get(0);
    }

    /** Sends the commands in one message; returns each one's refusal, null where it succeeded. */
    private List<DynamicSecurityException> runAll(List<Command> commands) {
        List<JsonNode> answers = send(commands);
        List<DynamicSecurityException> refusals = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            refusals.add(refusal(commands.get(i), answers.get(i)));
        }
        return refusals;
    }

    private List<JsonNode> send(List<Command> commands) {
        List<String> correlations = new ArrayList<>();
        try {
            sender.send(pending.envelope(commands, correlations));
            long deadline = System.nanoTime() + timeout.toNanos();
            List<JsonNode> answers = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                long left = Math.max(0, deadline - System.nanoTime());
                answers.add(pending.answer(correlations.get(i)).get(left, TimeUnit.NANOSECONDS));
            }
            return answers;
        } catch (TimeoutException | ExecutionException e) {
            throw DynamicSecurityException.noAnswer(commands.get(0).name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DynamicSecurityException.noAnswer(commands.get(0).name());
        } finally {
            pending.forget(correlations);
        }
    }

    private static DynamicSecurityException refusal(Command command, JsonNode answer) {
        JsonNode error = answer.get("error");
        if (error == null || error.isNull()) {
            return null;
        }
        return DynamicSecurityException.refused(command.name(), error.asString());
    }

    private static Map<String, Object> acl(Acl acl) {
        return Map.of("acltype", acl.type(), "topic", acl.topic(), "allow", acl.allow());
    }

    private static List<Map<String, String>> roles(String... rolenames) {
        return java.util.Arrays.stream(rolenames)
                .map(name -> Map.of("rolename", name))
                .toList();
    }
}
