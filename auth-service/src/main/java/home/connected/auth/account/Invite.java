package home.connected.auth.account;

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
import java.util.HashSet;
import java.util.Set;

/** A single-use registration code; only its SHA-256 is stored. */
@Entity
@Table(name = "invites")
class Invite {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String codeHash;
    private String createdBy;
    private Instant createdAt;
    private Instant expiresAt;
    private Instant usedAt;
    private String usedBy;

    @ManyToMany(fetch = FetchType.EAGER)
    @JoinTable(
            name = "invite_groups",
            joinColumns = @JoinColumn(name = "invite_id"),
            inverseJoinColumns = @JoinColumn(name = "group_id"))
    private Set<Group> groups = new HashSet<>();

    protected Invite() {}

    Invite(String codeHash, String createdBy, Collection<Group> groups, Instant createdAt, Instant expiresAt) {
        this.codeHash = codeHash;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.groups.addAll(groups);
    }

    boolean isUsable(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }

    void markUsed(String username, Instant now) {
        this.usedAt = now;
        this.usedBy = username;
    }

    Set<Group> getGroups() {
        return groups;
    }

    Instant getExpiresAt() {
        return expiresAt;
    }
}
