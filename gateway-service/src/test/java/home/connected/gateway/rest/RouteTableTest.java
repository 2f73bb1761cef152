package home.connected.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.AnnotationsProto;
import com.google.protobuf.Descriptors.MethodDescriptor;
import home.connected.gateway.Contracts;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

class RouteTableTest {

    private final RouteTable routes = new RouteTable();

    @Test
    void everyRpcWithAnHttpOptionHasARouteThatFindsIt() {
        int annotated = 0;
        for (MethodDescriptor method : Contracts.methods()) {
            if (!method.getOptions().hasExtension(AnnotationsProto.http)) {
                continue;
            }
            annotated++;
            HttpRoute route = routes.routes().stream()
                    .filter(r -> r.rpc().equals(method))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no route for " + method.getFullName()));
            String path = route.openApiPath();
            for (String variable : route.pathVariables()) {
                path = path.replace("{" + variable + "}", "v-1");
            }
            assertThat(routes.find(route.httpMethod(), path).route())
                    .as(route.toString())
                    .isSameAs(route);
        }
        assertThat(annotated).isPositive();
        assertThat(routes.routes()).as("one route per http option").hasSize(annotated);
    }

    @Test
    void unknownPathsAndWrongMethodsAreTold() {
        assertThat(routes.find(HttpMethod.GET, "/api/v1/nothing-here").route()).isNull();
        assertThat(routes.find(HttpMethod.GET, "/api/v1/nothing-here").allowed())
                .isEmpty();

        RouteTable.Lookup wrongMethod = routes.find(HttpMethod.DELETE, "/api/v1/users");
        assertThat(wrongMethod.route()).isNull();
        assertThat(wrongMethod.allowed()).containsExactly("GET", "POST");
    }

    @Test
    void literalRoutesComeBeforeVariableOnes() {
        assertThat(routes.find(HttpMethod.GET, "/api/v1/alert-rules/r-1").variables())
                .containsEntry("id", "r-1");
        assertThat(routes.find(HttpMethod.GET, "/api/v1/alert-rules")
                        .route()
                        .rpc()
                        .getName())
                .isEqualTo("ListRules");
    }
}
