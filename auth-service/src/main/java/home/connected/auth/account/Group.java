package home.connected.auth.account;

import home.connected.tokens.Permission;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

@Entity
@Table(name = "`groups`")
public class Group {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;
    private boolean builtIn;
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "group_permissions", joinColumns = @JoinColumn(name = "group_id"))
    @Column(name = "permission")
    @Convert(converter = PermissionConverter.class)
    private Set<Permission> permissions = new HashSet<>();

    @ManyToMany(mappedBy = "groups")
    private Set<UserAccount> members = new HashSet<>();

    protected Group() {}

    Group(String name, boolean builtIn, Collection<Permission> permissions, Instant createdAt) {
        this.name = name;
        this.builtIn = builtIn;
        this.createdAt = createdAt;
        this.permissions.addAll(permissions);
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    void rename(String newName) {
        this.name = newName;
    }

    public boolean isBuiltIn() {
        return builtIn;
    }

    public Set<Permission> getPermissions() {
        return permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
    }

    void setPermissions(Collection<Permission> newPermissions) {
        permissions.clear();
        permissions.addAll(newPermissions);
    }

    Set<UserAccount> getMembers() {
        return members;
    }
}
