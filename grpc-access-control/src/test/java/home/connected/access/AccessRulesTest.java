package home.connected.access;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.access.AccessRules.Rule;
import home.connected.tokens.Permission;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class AccessRulesTest {

    @Test
    void readsTheRuleDeclaredOnEachRpc() {
        assertThat(AccessRules.of("home.connected.query.v1.QueryService/ListSensors"))
                .contains(new Rule(false, Permission.READINGS_READ));
        assertThat(AccessRules.of("home.connected.alert.v1.AlertService/CreateRule"))
                .contains(new Rule(false, Permission.ALERTS_MANAGE));
        assertThat(AccessRules.of("home.connected.auth.v1.UserAdminService/ListUsers"))
                .contains(new Rule(false, Permission.USERS_MANAGE));
        assertThat(AccessRules.of("home.connected.auth.v1.AuthService/Login")).contains(Rule.PUBLIC);
        assertThat(AccessRules.of("home.connected.auth.v1.AuthService/GetMe")).contains(Rule.SIGNED_IN);
    }

    @Test
    void healthIsPublicAndUnknownMethodsHaveNoRule() {
        assertThat(AccessRules.of("grpc.health.v1.Health/Check")).contains(Rule.PUBLIC);
        assertThat(AccessRules.of("home.connected.query.v1.QueryService/DropEverything"))
                .isEmpty();
        assertThat(AccessRules.of("grpc.health.v1.HealthX/Check")).isEmpty();
    }
}
