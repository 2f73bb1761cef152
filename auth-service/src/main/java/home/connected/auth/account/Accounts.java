package home.connected.auth.account;

import home.connected.access.ApiException;
import home.connected.auth.audit.AuditLog;
import home.connected.auth.grpc.Validation;
import home.connected.auth.password.Passwords;
import home.connected.auth.token.AccessTokens;
import home.connected.auth.token.RefreshTokens;
import home.connected.auth.token.Secrets;
import home.connected.contracts.auth.v1.ListUsersResponse;
import home.connected.contracts.auth.v1.User;
import home.connected.tokens.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** User accounts: creation (by an admin, by invite, by bootstrap), enabling, listing. */
@Service
public class Accounts {

    static final String ADMINS = BuiltInGroup.ADMINS.groupName();
    private static final int MAX_DISPLAY_NAME = 100;

    private final UserAccountRepository users;
    private final GroupRepository groups;
    private final InviteRepository invites;
    private final Passwords passwords;
    private final RefreshTokens refreshTokens;
    private final AuditLog audit;
    private final Clock clock;

    Accounts(
            UserAccountRepository users,
            GroupRepository groups,
            InviteRepository invites,
            Passwords passwords,
            RefreshTokens refreshTokens,
            AuditLog audit,
            Clock clock) {
        this.users = users;
        this.groups = groups;
        this.invites = invites;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<UserAccount> find(String username) {
        return users.findByUsername(username);
    }

    @Transactional(readOnly = true)
    public Optional<UserAccount> find(long id) {
        return users.findById(id);
    }

    /** What an access token says about the user. */
    public static AccessTokens.Subject subjectOf(UserAccount user) {
        return new AccessTokens.Subject(
                user.getUsername(),
                user.getDisplayName(),
                user.groupNames(),
                user.permissions().stream()
                        .map(Permission::value)
                        .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    @Transactional
    public User create(String username, String displayName, String password, List<String> groupNames) {
        Validation.username(username);
        String name = displayNameOr(displayName, username);
        Set<Group> memberOf = existingGroups(groupNames);
        UserAccount user = insert(username, name, passwords.hashNew(password, username), memberOf);
        audit.record("user.created", "user:" + username, "groups " + user.groupNames());
        return Messages.user(user);
    }

    /** Self-service registration with a single-use invite code. */
    @Transactional
    public User register(String inviteCode, String username, String displayName, String password) {
        Validation.username(username);
        String name = displayNameOr(displayName, username);
        if (inviteCode == null || inviteCode.isBlank() || inviteCode.length() > 100) {
            throw ApiException.invalidArgument("invite_code is required: ask an admin for an invite");
        }
        String hash = passwords.hashNew(password, username);
        Instant now = clock.instant();
        Invite invite = invites.findByCodeHash(Secrets.hash(inviteCode.strip()))
                .filter(candidate -> candidate.isUsable(now))
                .orElseThrow(() -> ApiException.permissionDenied(
                        "the invite code is not valid, has expired or was already used; ask an admin for a new one"));
        UserAccount user = insert(username, name, hash, invite.getGroups());
        invite.markUsed(username, now);
        audit.recordAs(username, "user.registered", "user:" + username, "groups " + user.groupNames());
        return Messages.user(user);
    }

    /** Only while no enabled admin exists; returns whether it created the account. */
    @Transactional
    boolean createFirstAdmin(String username, String password) {
        Group admins = groups.lockByName(ADMINS).orElseThrow();
        if (users.countEnabledMembers(ADMINS) > 0) {
            return false;
        }
        Validation.username(username);
        UserAccount user = users.findByUsername(username).orElse(null);
        if (user == null) {
            insert(username, username, passwords.hashNew(password, username), Set.of(admins));
        } else {
            user.changePasswordHash(passwords.hashNew(password, username));
            user.setEnabled(true);
            user.join(admins);
        }
        audit.recordAs("bootstrap", "user.bootstrap_admin", "user:" + username, "first admin from configuration");
        return true;
    }

    @Transactional
    public User setEnabled(String username, boolean enabled) {
        Validation.username(username);
        UserAccount user = existing(username);
        if (!enabled && user.isEnabled() && user.groupNames().contains(ADMINS)) {
            requireAnotherAdmin(username);
        }
        user.setEnabled(enabled);
        if (!enabled) {
            refreshTokens.revokeAllOf(user.getId());
        }
        audit.record(enabled ? "user.enabled" : "user.disabled", "user:" + username, "");
        return Messages.user(user);
    }

    @Transactional
    public void replacePasswordHash(String username, String newHash) {
        existing(username).changePasswordHash(newHash);
    }

    /** The signed-in user as stored now; a disabled or deleted account is treated as signed out. */
    @Transactional(readOnly = true)
    public User me(String username) {
        UserAccount user = users.findByUsername(username)
                .filter(UserAccount::isEnabled)
                .orElseThrow(() -> ApiException.unauthenticated("this account is disabled or gone; sign in again"));
        return Messages.user(user);
    }

    @Transactional(readOnly = true)
    public ListUsersResponse list(int pageSize, String pageToken) {
        int size = Validation.pageSize(pageSize);
        long after = Validation.pageAfter(pageToken, 0);
        List<UserAccount> page = users.findByIdGreaterThanOrderByIdAsc(after, Limit.of(size + 1));
        ListUsersResponse.Builder answer = ListUsersResponse.newBuilder();
        page.stream().limit(size).forEach(user -> answer.addUsers(Messages.user(user)));
        if (page.size() > size) {
            answer.setNextPageToken(Long.toString(page.get(size - 1).getId()));
        }
        return answer.build();
    }

    UserAccount existing(String username) {
        return users.findByUsername(username)
                .orElseThrow(() -> ApiException.notFound("user '" + username + "' does not exist"));
    }

    /** Refuses when the user is the last enabled admin. Call inside a transaction. */
    void requireAnotherAdmin(String username) {
        groups.lockByName(ADMINS);
        if (users.countEnabledMembers(ADMINS) <= 1) {
            throw ApiException.failedPrecondition(
                    "'" + username + "' is the last enabled admin; make someone else an admin first");
        }
    }

    Set<Group> existingGroups(Collection<String> names) {
        Set<Group> found = new LinkedHashSet<>();
        for (String name : names) {
            Validation.groupName("group", name);
            found.add(groups.findByName(name)
                    .orElseThrow(() -> ApiException.notFound("group '" + name + "' does not exist")));
        }
        return found;
    }

    private UserAccount insert(String username, String displayName, String hash, Collection<Group> memberOf) {
        if (users.existsByUsername(username)) {
            throw taken(username);
        }
        try {
            return users.saveAndFlush(new UserAccount(username, displayName, hash, memberOf, clock.instant()));
        } catch (DataIntegrityViolationException e) {
            throw taken(username);
        }
    }

    private static ApiException taken(String username) {
        return ApiException.alreadyExists("username '" + username + "' is taken; choose another");
    }

    private static String displayNameOr(String displayName, String username) {
        String name = Validation.text("display_name", displayName, MAX_DISPLAY_NAME);
        return name.isEmpty() ? username : name;
    }
}
