package home.connected.dynsec;

/** A dynamic-security command the plugin refused, or that got no answer in time. */
public class DynamicSecurityException extends RuntimeException {

    private final String pluginError;

    private DynamicSecurityException(String message, String pluginError) {
        super(message);
        this.pluginError = pluginError;
    }

    static DynamicSecurityException refused(String command, String pluginError) {
        return new DynamicSecurityException("dynamic security refused " + command + ": " + pluginError, pluginError);
    }

    static DynamicSecurityException noAnswer(String command) {
        return new DynamicSecurityException("no answer from dynamic security to " + command, null);
    }

    /** The plugin's own error text, or null when it did not answer. */
    public String pluginError() {
        return pluginError;
    }

    public boolean answered() {
        return pluginError != null;
    }

    /** The plugin's "Role already exists", "Client already exists", "ACL with this topic already exists". */
    public boolean alreadyExists() {
        return pluginError != null
                && pluginError.toLowerCase(java.util.Locale.ROOT).contains("already");
    }

    public boolean notFound() {
        return pluginError != null
                && pluginError.toLowerCase(java.util.Locale.ROOT).contains("not found");
    }
}
