package home.connected.mqtt;

/** Told when a connection is up (subscribed, birth sent) and when it is lost. */
public interface ConnectionListener {

    ConnectionListener NONE = new ConnectionListener() {};

    /** @param reconnect false for the first connect of this connection */
    default void connected(boolean reconnect) {}

    default void lost(String cause) {}
}
