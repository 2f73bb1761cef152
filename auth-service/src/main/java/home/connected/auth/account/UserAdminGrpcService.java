package home.connected.auth.account;

import static home.connected.access.Rpc.answer;

import com.google.protobuf.Empty;
import home.connected.contracts.auth.v1.CreateGroupRequest;
import home.connected.contracts.auth.v1.CreateInviteRequest;
import home.connected.contracts.auth.v1.CreateUserRequest;
import home.connected.contracts.auth.v1.DeleteGroupRequest;
import home.connected.contracts.auth.v1.Group;
import home.connected.contracts.auth.v1.GroupMemberRequest;
import home.connected.contracts.auth.v1.Invite;
import home.connected.contracts.auth.v1.ListGroupsResponse;
import home.connected.contracts.auth.v1.ListPermissionsResponse;
import home.connected.contracts.auth.v1.ListUsersRequest;
import home.connected.contracts.auth.v1.ListUsersResponse;
import home.connected.contracts.auth.v1.RenameGroupRequest;
import home.connected.contracts.auth.v1.SetGroupPermissionsRequest;
import home.connected.contracts.auth.v1.SetUserEnabledRequest;
import home.connected.contracts.auth.v1.User;
import home.connected.contracts.auth.v1.UserAdminServiceGrpc;
import home.connected.tokens.Permission;
import io.grpc.stub.StreamObserver;
import org.springframework.stereotype.Service;

/** Admin RPCs; their access option in the contracts (users:manage) is enforced before they run. */
@Service
class UserAdminGrpcService extends UserAdminServiceGrpc.UserAdminServiceImplBase {

    private final Accounts accounts;
    private final Groups groups;
    private final Invites invites;

    UserAdminGrpcService(Accounts accounts, Groups groups, Invites invites) {
        this.accounts = accounts;
        this.groups = groups;
        this.invites = invites;
    }

    @Override
    public void listUsers(ListUsersRequest request, StreamObserver<ListUsersResponse> response) {
        answer(response, () -> accounts.list(request.getPageSize(), request.getPageToken()));
    }

    @Override
    public void createUser(CreateUserRequest request, StreamObserver<User> response) {
        answer(
                response,
                () -> accounts.create(
                        request.getUsername(),
                        request.getDisplayName(),
                        request.getPassword(),
                        request.getGroupsCount() == 0
                                ? java.util.List.of(BuiltInGroup.MEMBERS.groupName())
                                : request.getGroupsList()));
    }

    @Override
    public void setUserEnabled(SetUserEnabledRequest request, StreamObserver<User> response) {
        answer(response, () -> accounts.setEnabled(request.getUsername(), request.getEnabled()));
    }

    @Override
    public void createInvite(CreateInviteRequest request, StreamObserver<Invite> response) {
        answer(response, () -> invites.create(request.getGroupsList(), request.getValidForSeconds()));
    }

    @Override
    public void listGroups(Empty request, StreamObserver<ListGroupsResponse> response) {
        answer(response, groups::list);
    }

    @Override
    public void createGroup(CreateGroupRequest request, StreamObserver<Group> response) {
        answer(response, () -> groups.create(request.getName(), request.getPermissionsList()));
    }

    @Override
    public void renameGroup(RenameGroupRequest request, StreamObserver<Group> response) {
        answer(response, () -> groups.rename(request.getName(), request.getNewName()));
    }

    @Override
    public void deleteGroup(DeleteGroupRequest request, StreamObserver<Empty> response) {
        answer(response, () -> {
            groups.delete(request.getName());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void setGroupPermissions(SetGroupPermissionsRequest request, StreamObserver<Group> response) {
        answer(response, () -> groups.setPermissions(request.getName(), request.getPermissionsList()));
    }

    @Override
    public void addGroupMember(GroupMemberRequest request, StreamObserver<Group> response) {
        answer(response, () -> groups.addMember(request.getName(), request.getUsername()));
    }

    @Override
    public void removeGroupMember(GroupMemberRequest request, StreamObserver<Group> response) {
        answer(response, () -> groups.removeMember(request.getName(), request.getUsername()));
    }

    @Override
    public void listPermissions(Empty request, StreamObserver<ListPermissionsResponse> response) {
        answer(response, () -> {
            ListPermissionsResponse.Builder answer = ListPermissionsResponse.newBuilder();
            for (Permission permission : Permission.values()) {
                answer.addPermissions(home.connected.contracts.auth.v1.Permission.newBuilder()
                        .setName(permission.value())
                        .setDescription(permission.description()));
            }
            return answer.build();
        });
    }
}
