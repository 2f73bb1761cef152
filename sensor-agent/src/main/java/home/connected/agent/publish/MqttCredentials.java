package home.connected.agent.publish;

/** A broker login; a null username connects anonymously. */
public record MqttCredentials(String username, String password) {

    @Override
    public String toString() {
        return "MqttCredentials[username=" + username + "]";
    }
}
