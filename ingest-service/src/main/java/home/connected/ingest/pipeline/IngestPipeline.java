package home.connected.ingest.pipeline;

import home.connected.ingest.decode.IngestTopics;
import home.connected.mqtt.MqttConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the pipeline: MQTT connections → {@link MessageIntake} → {@link BatchWriter} → InfluxDB.
 * Starting never waits for the broker: it is reached in the background, readiness says when.
 */
final class IngestPipeline implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);
    private static final Duration RETRY_PROVISIONING = Duration.ofSeconds(5);

    private final IngestProperties.Mqtt mqtt;
    private final BatchWriter writer;
    private final BrokerAccessProvisioning provisioning;
    private final List<IngestConnection> connections = new ArrayList<>();
    private Thread starter;
    private volatile boolean running;

    IngestPipeline(
            IngestProperties.Mqtt mqtt,
            IngestTopics topics,
            BatchWriter writer,
            MessageIntake intake,
            BrokerAccessProvisioning provisioning) {
        this.mqtt = mqtt;
        this.writer = writer;
        this.provisioning = provisioning;
        for (int i = 0; i < mqtt.connections(); i++) {
            List<String> subscriptions = mqtt.subscriptions(i, topics.subscriptionFilters(), topics.perReplica());
            connections.add(new IngestConnection(mqtt, subscriptions, i, intake));
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        writer.start();
        starter = Threads.start("mqtt-start", this::provisionThenConnect);
    }

    @Override
    public synchronized void stop() {
        running = false;
        starter.interrupt();
        connections.forEach(IngestConnection::stop);
        writer.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    List<MqttConnection> mqttConnections() {
        return connections.stream().map(IngestConnection::connection).toList();
    }

    boolean writerFailing() {
        return writer.failing();
    }

    private void provisionThenConnect() {
        while (mqtt.provisionWithAdmin() && running) {
            try {
                provisioning.provision();
                break;
            } catch (MqttException | RuntimeException e) {
                log.warn("cannot provision the MQTT client {} yet: {}", mqtt.username(), e.getMessage());
                try {
                    Thread.sleep(RETRY_PROVISIONING.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
        synchronized (this) {
            if (running) {
                connections.forEach(IngestConnection::start);
            }
        }
    }
}
