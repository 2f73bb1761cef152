package home.connected.piagent.config;

/** A configuration file the agent cannot run with; the message names the file, the line and what is wrong. */
public final class ConfigException extends Exception {

    ConfigException(String message) {
        super(message);
    }
}
