package home.connected.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import home.connected.contracts.access.v1.Access;
import home.connected.contracts.access.v1.AccessProto;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The REST API is the google.api.http options on the RPCs, and who may call each RPC its access option;
 * the gateway enforces both generically.
 */
@Tag("fast")
class RestMappingTest {

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([a-z_]+)}");

    @Test
    void everyRpcHasOneRestRouteUnderApiV1() {
        Set<String> routes = new HashSet<>();
        ServiceContracts.methods().forEach(method -> {
            HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
            String route = verb(rule) + " " + path(rule);
            assertThat(path(rule)).as(method.getFullName()).startsWith("/api/v1/");
            assertThat(routes.add(route))
                    .as("route %s of %s is unique", route, method.getFullName())
                    .isTrue();
        });
        assertThat(routes).hasSizeGreaterThan(30);
    }

    @Test
    void everyPathVariableIsAFieldOfTheRequest() {
        ServiceContracts.methods().forEach(method -> {
            Matcher variable = PATH_VARIABLE.matcher(path(method.getOptions().getExtension(AnnotationsProto.http)));
            while (variable.find()) {
                assertThat(method.getInputType().findFieldByName(variable.group(1)))
                        .as("{%s} in %s", variable.group(1), method.getFullName())
                        .isNotNull();
            }
        });
    }

    @Test
    void everyRpcDeclaresWhoMayCallIt() {
        ServiceContracts.methods().forEach(method -> {
            assertThat(method.getOptions().hasExtension(AccessProto.access))
                    .as("%s declares (home.connected.access.v1.access)", method.getFullName())
                    .isTrue();
            Access access = method.getOptions().getExtension(AccessProto.access);
            assertThat(access.getPublic() && !access.getPermission().isEmpty())
                    .as("%s is public and needs a permission", method.getFullName())
                    .isFalse();
        });
    }

    @Test
    void bodiesOnlyOnVerbsThatCarryOne() {
        ServiceContracts.methods().forEach(method -> {
            HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
            if (rule.getPatternCase() == HttpRule.PatternCase.GET
                    || rule.getPatternCase() == HttpRule.PatternCase.DELETE) {
                assertThat(rule.getBody()).as(method.getFullName()).isEmpty();
            }
        });
    }

    private static String verb(HttpRule rule) {
        return rule.getPatternCase().name();
    }

    private static String path(HttpRule rule) {
        return switch (rule.getPatternCase()) {
            case GET -> rule.getGet();
            case POST -> rule.getPost();
            case PUT -> rule.getPut();
            case DELETE -> rule.getDelete();
            case PATCH -> rule.getPatch();
            default -> "";
        };
    }
}
