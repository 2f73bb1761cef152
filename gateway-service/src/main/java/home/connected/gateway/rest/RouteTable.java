package home.connected.gateway.rest;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors.MethodDescriptor;
import home.connected.gateway.Contracts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** Every REST route, read from the {@code google.api.http} options of the contracts' RPCs. */
@Component
public class RouteTable {

    private final List<HttpRoute> routes;

    public RouteTable() {
        this(Contracts.methods());
    }

    RouteTable(List<MethodDescriptor> methods) {
        List<HttpRoute> found = new ArrayList<>();
        for (MethodDescriptor method : methods) {
            if (method.isClientStreaming() || !method.getOptions().hasExtension(AnnotationsProto.http)) {
                continue;
            }
            HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
            found.add(routeOf(rule, method));
            rule.getAdditionalBindingsList().forEach(binding -> found.add(routeOf(binding, method)));
        }
        found.sort(Comparator.comparingInt((HttpRoute r) -> r.path().literalCount())
                .reversed());
        this.routes = List.copyOf(found);
    }

    public List<HttpRoute> routes() {
        return routes;
    }

    /** The route for a request, or why there is none. */
    public Lookup find(HttpMethod method, String rawPath) {
        Set<String> allowed = new TreeSet<>();
        for (HttpRoute route : routes) {
            Optional<Map<String, String>> variables = route.path().match(rawPath);
            if (variables.isPresent()) {
                if (route.httpMethod().equals(method)) {
                    return new Lookup(route, variables.get(), Set.of());
                }
                allowed.add(route.httpMethod().name());
            }
        }
        return new Lookup(null, Map.of(), allowed);
    }

    /**
     * @param route the matching route, null when there is none
     * @param allowed when no route matched: the methods the path has routes for (empty: unknown path)
     */
    public record Lookup(HttpRoute route, Map<String, String> variables, Set<String> allowed) {}

    private static HttpRoute routeOf(HttpRule rule, MethodDescriptor method) {
        String path;
        HttpMethod httpMethod;
        switch (rule.getPatternCase()) {
            case GET -> {
                httpMethod = HttpMethod.GET;
                path = rule.getGet();
            }
            case PUT -> {
                httpMethod = HttpMethod.PUT;
                path = rule.getPut();
            }
            case POST -> {
                httpMethod = HttpMethod.POST;
                path = rule.getPost();
            }
            case DELETE -> {
                httpMethod = HttpMethod.DELETE;
                path = rule.getDelete();
            }
            case PATCH -> {
                httpMethod = HttpMethod.PATCH;
                path = rule.getPatch();
            }
            case CUSTOM -> {
                httpMethod = HttpMethod.valueOf(rule.getCustom().getKind());
                path = rule.getCustom().getPath();
            }
            default -> throw new IllegalStateException(method.getFullName() + " has an http option without a path");
        }
        if (!rule.getResponseBody().isEmpty()) {
            throw new IllegalStateException(method.getFullName() + ": response_body is not supported by the gateway");
        }
        return HttpRoute.of(httpMethod, path, rule.getBody(), method);
    }
}
