package home.connected.auth.account;

import home.connected.tokens.Permission;
import java.util.EnumSet;
import java.util.Set;

/** The groups every installation has. They cannot be renamed or deleted; admins always holds every permission. */
enum BuiltInGroup {
    ADMINS("admins", EnumSet.allOf(Permission.class)),
    MEMBERS("members", EnumSet.of(Permission.READINGS_READ, Permission.ALERTS_READ, Permission.ALERTS_MANAGE)),
    /** See the home and its alerts, change nothing (a visitor, a wall tablet). */
    GUESTS("guests", EnumSet.of(Permission.READINGS_READ, Permission.ALERTS_READ));

    private final String groupName;
    private final Set<Permission> defaultPermissions;

    BuiltInGroup(String groupName, Set<Permission> defaultPermissions) {
        this.groupName = groupName;
        this.defaultPermissions = defaultPermissions;
    }

    String groupName() {
        return groupName;
    }

    Set<Permission> defaultPermissions() {
        return defaultPermissions;
    }
}
