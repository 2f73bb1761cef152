package home.connected.gateway.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param contentSecurityPolicy the {@code Content-Security-Policy} sent with every response */
@ConfigurationProperties("ch.gateway.web")
record WebProperties(String contentSecurityPolicy) {

    WebProperties {
        if (contentSecurityPolicy == null || contentSecurityPolicy.isBlank()) {
            throw new IllegalArgumentException("ch.gateway.web.content-security-policy must be set");
        }
        contentSecurityPolicy = contentSecurityPolicy.strip().replaceAll("\\s+", " ");
    }
}
