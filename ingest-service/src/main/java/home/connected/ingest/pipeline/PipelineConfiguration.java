package home.connected.ingest.pipeline;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import home.connected.contracts.Topics;
import home.connected.ingest.decode.IngestTopics;
import home.connected.ingest.decode.TopicRoutingDecoder;
import home.connected.mqtt.MqttConnectionMetrics;
import home.connected.mqtt.MqttConnectionsHealth;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
class PipelineConfiguration {

    @Bean(destroyMethod = "close")
    InfluxDBClient influxClient(IngestProperties properties) {
        IngestProperties.Influx influx = properties.influx();
        return InfluxDBClientFactory.create(influx.url(), influx.token().toCharArray(), influx.org(), influx.bucket());
    }

    @Bean
    IngestPipeline ingestPipeline(
            IngestProperties properties,
            IngestTopics topics,
            TopicRoutingDecoder decoder,
            InfluxDBClient influx,
            IngestMetrics metrics,
            JsonMapper json) {
        DeadLetters deadLetters = new DeadLetters(properties.deadLetter(), json, metrics);
        BatchWriter writer = new BatchWriter(
                influx,
                properties.writer(),
                metrics,
                new StoredAnnouncements(properties.stored(), System::nanoTime),
                deadLetters);
        RateLimitedLog rejectionLog = new RateLimitedLog(
                LoggerFactory.getLogger(MessageIntake.class),
                properties.deadLetter().logInterval());
        MessageIntake intake = new MessageIntake(
                decoder,
                new LineProtocol(properties.influx().measurement()),
                writer,
                deadLetters,
                metrics,
                rejectionLog);
        List<String> filters = new ArrayList<>(topics.subscriptionFilters());
        filters.addAll(topics.perReplica());
        BrokerAccessProvisioning provisioning = new BrokerAccessProvisioning(
                properties.mqtt(), filters, List.of(Topics.ALL_DEAD_LETTERS, Topics.STORED_TREE));
        return new IngestPipeline(properties.mqtt(), topics, writer, intake, provisioning);
    }

    /** UP when every consumer connection is connected and subscribed; part of readiness. */
    @Bean
    MqttConnectionsHealth mqttHealthIndicator(IngestPipeline pipeline) {
        return new MqttConnectionsHealth(pipeline.mqttConnections());
    }

    @Bean
    MqttConnectionMetrics mqttConnectionMetrics(IngestPipeline pipeline) {
        return new MqttConnectionMetrics(pipeline.mqttConnections());
    }
}
