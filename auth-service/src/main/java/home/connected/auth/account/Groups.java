package home.connected.auth.account;

import home.connected.access.ApiException;
import home.connected.auth.audit.AuditLog;
import home.connected.auth.grpc.Validation;
import home.connected.contracts.auth.v1.ListGroupsResponse;
import home.connected.tokens.Permission;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Groups, their permissions and their members. */
@Service
class Groups {

    private final GroupRepository groups;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Clock clock;

    Groups(GroupRepository groups, Accounts accounts, AuditLog audit, Clock clock) {
        this.groups = groups;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    ListGroupsResponse list() {
        ListGroupsResponse.Builder answer = ListGroupsResponse.newBuilder();
        groups.findAllByOrderByNameAsc().forEach(group -> answer.addGroups(Messages.group(group)));
        return answer.build();
    }

    @Transactional
    home.connected.contracts.auth.v1.Group create(String name, Collection<String> permissionNames) {
        Validation.groupName("name", name);
        Set<Permission> permissions = permissions(permissionNames);
        if (groups.existsByName(name)) {
            throw taken(name);
        }
        Group group;
        try {
            group = groups.saveAndFlush(new Group(name, false, permissions, clock.instant()));
        } catch (DataIntegrityViolationException e) {
            throw taken(name);
        }
        audit.record("group.created", "group:" + name, "permissions " + permissions);
        return Messages.group(group);
    }

    @Transactional
    home.connected.contracts.auth.v1.Group rename(String name, String newName) {
        Validation.groupName("new_name", newName);
        Group group = changeable(name, "renamed");
        if (groups.existsByName(newName)) {
            throw taken(newName);
        }
        group.rename(newName);
        try {
            groups.flush();
        } catch (DataIntegrityViolationException e) {
            throw taken(newName);
        }
        audit.record("group.renamed", "group:" + name, "to " + newName);
        return Messages.group(group);
    }

    @Transactional
    void delete(String name) {
        Group group = changeable(name, "deleted");
        group.getMembers().forEach(member -> member.groups().remove(group));
        groups.delete(group);
        audit.record("group.deleted", "group:" + name, "");
    }

    @Transactional
    home.connected.contracts.auth.v1.Group setPermissions(String name, Collection<String> permissionNames) {
        Set<Permission> permissions = permissions(permissionNames);
        Group group = existing(name);
        if (group.getName().equals(Accounts.ADMINS)) {
            throw ApiException.failedPrecondition("the admins group always holds every permission");
        }
        group.setPermissions(permissions);
        audit.record("group.permissions_set", "group:" + name, "permissions " + permissions);
        return Messages.group(group);
    }

    @Transactional
    home.connected.contracts.auth.v1.Group addMember(String name, String username) {
        Validation.username(username);
        Group group = existing(name);
        UserAccount user = accounts.existing(username);
        user.join(group);
        audit.record("group.member_added", "user:" + username, "group " + name);
        return Messages.group(group);
    }

    @Transactional
    home.connected.contracts.auth.v1.Group removeMember(String name, String username) {
        Validation.username(username);
        Group group = existing(name);
        UserAccount user = accounts.existing(username);
        if (!user.groupNames().contains(name)) {
            throw ApiException.notFound("user '" + username + "' is not a member of group '" + name + "'");
        }
        if (name.equals(Accounts.ADMINS) && user.isEnabled()) {
            accounts.requireAnotherAdmin(username);
        }
        user.leave(group);
        audit.record("group.member_removed", "user:" + username, "group " + name);
        return Messages.group(group);
    }

    static Set<Permission> permissions(Collection<String> names) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String name : names) {
            permissions.add(Permission.fromValue(name)
                    .orElseThrow(() -> ApiException.invalidArgument("unknown permission '" + name
                            + "'; the permissions are "
                            + Arrays.stream(Permission.values())
                                    .map(Permission::value)
                                    .collect(Collectors.joining(", ")))));
        }
        return permissions;
    }

    private Group existing(String name) {
        Validation.groupName("name", name);
        return groups.findByName(name).orElseThrow(() -> ApiException.notFound("group '" + name + "' does not exist"));
    }

    private Group changeable(String name, String what) {
        Group group = existing(name);
        if (group.isBuiltIn()) {
            throw ApiException.failedPrecondition("built-in group '" + name + "' cannot be " + what);
        }
        return group;
    }

    private static ApiException taken(String name) {
        return ApiException.alreadyExists("group '" + name + "' already exists");
    }
}
