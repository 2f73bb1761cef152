package home.connected.auth.account;

import static java.time.Instant.EPOCH;
import static java.time.temporal.ChronoUnit.NANOS;

import com.google.protobuf.util.Timestamps;
import home.connected.contracts.auth.v1.User;
import home.connected.tokens.Permission;
import java.util.TreeSet;

/** Entities to API messages. */
final class Messages {

    private Messages() {}

    static User user(UserAccount account) {
        return User.newBuilder()
                .setUsername(account.getUsername())
                .setDisplayName(account.getDisplayName())
                .setEnabled(account.isEnabled())
                .addAllGroups(account.groupNames())
                .addAllPermissions(
                        account.permissions().stream().map(Permission::value).toList())
                .setCreatedAt(Timestamps.fromNanos(NANOS.between(EPOCH, account.getCreatedAt())))
                .build();
    }

    static home.connected.contracts.auth.v1.Group group(Group group) {
        TreeSet<String> members = new TreeSet<>();
        group.getMembers().forEach(member -> members.add(member.getUsername()));
        return home.connected.contracts.auth.v1.Group.newBuilder()
                .setName(group.getName())
                .addAllPermissions(
                        group.getPermissions().stream().map(Permission::value).toList())
                .addAllMembers(members)
                .setBuiltIn(group.isBuiltIn())
                .build();
    }
}
