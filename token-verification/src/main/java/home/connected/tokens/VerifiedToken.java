package home.connected.tokens;

import java.time.Instant;
import java.util.Set;

/** What a verified access token says about its caller. */
public record VerifiedToken(
        String subject, String name, Set<String> groups, Set<String> permissions, Instant expiresAt) {

    public VerifiedToken {
        groups = Set.copyOf(groups);
        permissions = Set.copyOf(permissions);
    }

    public boolean hasPermission(Permission permission) {
        return permissions.contains(permission.value());
    }
}
