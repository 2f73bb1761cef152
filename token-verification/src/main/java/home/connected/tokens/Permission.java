package home.connected.tokens;

import java.util.Arrays;
import java.util.Optional;

/**
 * The platform's fixed catalogue of permissions. Groups bundle them, access tokens carry them in
 * the {@code perms} claim, and every service checks them by these names.
 */
public enum Permission {
    READINGS_READ("readings:read", "See sensors, readings and live values"),
    ALERTS_READ("alerts:read", "See alert rules and alert history"),
    ALERTS_MANAGE("alerts:manage", "Create, change and delete alert rules and notification channels"),
    DEVICES_MANAGE("devices:manage", "Provision, rotate, disable and delete devices"),
    USERS_MANAGE("users:manage", "Manage users, groups, invites and read the audit log");

    private final String value;
    private final String description;

    Permission(String value, String description) {
        this.value = value;
        this.description = description;
    }

    /** The name used in tokens, the API and the database, e.g. {@code readings:read}. */
    public String value() {
        return value;
    }

    public String description() {
        return description;
    }

    public static Optional<Permission> fromValue(String value) {
        return Arrays.stream(values()).filter(p -> p.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
