package home.connected.gateway.web;

import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/** The web app manifest's type, which Spring's list of file types does not have. */
@Configuration(proxyBeanMethods = false)
class WebAppMediaTypes implements WebFluxConfigurer {

    static final MediaType MANIFEST = MediaType.parseMediaType("application/manifest+json");

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/manifest.webmanifest")
                .addResourceLocations("classpath:/static/")
                .setMediaTypes(Map.of("webmanifest", MANIFEST));
    }
}
