package home.connected.gateway.openapi;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class OpenApiRoute {

    /** Ordered before the REST routes, which answer every other /api/ path. */
    @Bean
    @Order(0)
    RouterFunction<ServerResponse> openApi(OpenApiDocument document) {
        return route(
                GET("/api/openapi.json"),
                request -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(document.json()));
    }
}
