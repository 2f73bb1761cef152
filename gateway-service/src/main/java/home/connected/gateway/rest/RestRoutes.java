package home.connected.gateway.rest;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class RestRoutes {

    /** Every path under /api/ not claimed by a more specific route (the OpenAPI document) is an RPC route or a 404. */
    @Bean
    @Order(10)
    RouterFunction<ServerResponse> restApi(RestTranscoder transcoder) {
        return route(path("/api/**"), transcoder::handle);
    }
}
