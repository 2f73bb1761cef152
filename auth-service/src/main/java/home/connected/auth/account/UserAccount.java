package home.connected.auth.account;

import home.connected.tokens.Permission;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

@Entity
@Table(name = "users")
public class UserAccount {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String username;
    private String displayName;
    private String passwordHash;
    private boolean enabled;
    private Instant createdAt;

    @ManyToMany(fetch = FetchType.EAGER)
    @JoinTable(
            name = "memberships",
            joinColumns = @JoinColumn(name = "user_id"),
            inverseJoinColumns = @JoinColumn(name = "group_id"))
    private Set<Group> groups = new HashSet<>();

    protected UserAccount() {}

    UserAccount(String username, String displayName, String passwordHash, Collection<Group> groups, Instant createdAt) {
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.enabled = true;
        this.createdAt = createdAt;
        groups.forEach(this::join);
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void changePasswordHash(String newHash) {
        this.passwordHash = newHash;
    }

    public boolean isEnabled() {
        return enabled;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    Set<Group> groups() {
        return groups;
    }

    void join(Group group) {
        groups.add(group);
        group.getMembers().add(this);
    }

    void leave(Group group) {
        groups.remove(group);
        group.getMembers().remove(this);
    }

    public Set<String> groupNames() {
        Set<String> names = new TreeSet<>();
        groups.forEach(group -> names.add(group.getName()));
        return names;
    }

    /** The union of the permissions of the user's groups. */
    public Set<Permission> permissions() {
        Set<Permission> union = EnumSet.noneOf(Permission.class);
        groups.forEach(group -> union.addAll(group.getPermissions()));
        return union;
    }
}
