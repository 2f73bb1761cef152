package home.connected.ingest.decode;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IngestTopics.class, DecodeProperties.class})
class DecodeConfiguration {}
