package home.connected.gateway.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The web app's own routes ({@code /explorer}, {@code /admin/users}, …) use the History API: a
 * browser that loads one of them directly is given {@code index.html}, and the app shows the page.
 */
@Configuration(proxyBeanMethods = false)
class AppRoutes {

    private static final List<String> NOT_APP_PATHS = List.of("/api/", "/actuator/", "/.well-known/", "/assets/");
    private static final Resource INDEX = new ClassPathResource("static/index.html");

    @Bean
    @Order(20)
    RouterFunction<ServerResponse> appPages() {
        return route(
                GET("/**").and(AppRoutes::isAppPage),
                request -> ServerResponse.ok()
                        .contentType(MediaType.TEXT_HTML)
                        .header(HttpHeaders.CACHE_CONTROL, CachePolicy.REVALIDATE)
                        .body(BodyInserters.fromResource(INDEX)));
    }

    /** A page the browser navigates to: not an API or a file (a file's name has an extension). */
    static boolean isAppPage(ServerRequest request) {
        String path = request.path();
        if (path.equals("/") || NOT_APP_PATHS.stream().anyMatch(path::startsWith)) {
            return false;
        }
        String lastSegment = path.substring(path.lastIndexOf('/') + 1);
        if (lastSegment.contains(".")) {
            return false;
        }
        try {
            return request.headers().accept().stream()
                    .anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardSubtype());
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
