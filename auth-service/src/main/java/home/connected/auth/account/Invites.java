package home.connected.auth.account;

import static java.time.Instant.EPOCH;
import static java.time.temporal.ChronoUnit.NANOS;

import com.google.protobuf.util.Timestamps;
import home.connected.access.ApiException;
import home.connected.auth.audit.AuditLog;
import home.connected.auth.grpc.Caller;
import home.connected.auth.token.Secrets;
import home.connected.contracts.auth.v1.Invite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Single-use invite codes; the code is returned once, only its hash is kept. */
@Service
class Invites {

    static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);
    static final Duration MAX_VALIDITY = Duration.ofDays(30);
    static final Duration MIN_VALIDITY = Duration.ofMinutes(5);

    private final InviteRepository invites;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Clock clock;

    Invites(InviteRepository invites, Accounts accounts, AuditLog audit, Clock clock) {
        this.invites = invites;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Invite create(Collection<String> groupNames, long validForSeconds) {
        Duration validity = validForSeconds == 0 ? DEFAULT_VALIDITY : Duration.ofSeconds(validForSeconds);
        if (validity.compareTo(MIN_VALIDITY) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
            throw ApiException.invalidArgument("valid_for_seconds must be between " + MIN_VALIDITY.toSeconds() + " and "
                    + MAX_VALIDITY.toSeconds() + " (0 means 7 days)");
        }
        if (groupNames.isEmpty()) {
            throw ApiException.invalidArgument("groups must name at least one group the new user joins");
        }
        Set<Group> groups = accounts.existingGroups(groupNames);
        String code = Secrets.newSecret();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(validity);
        invites.save(
                new home.connected.auth.account.Invite(Secrets.hash(code), Caller.username(), groups, now, expiresAt));
        Set<String> names = new TreeSet<>();
        groups.forEach(group -> names.add(group.getName()));
        audit.record("invite.created", "groups:" + names, "expires " + expiresAt);
        return Invite.newBuilder()
                .setCode(code)
                .addAllGroups(names)
                .setExpiresAt(Timestamps.fromNanos(NANOS.between(EPOCH, expiresAt)))
                .build();
    }
}
