package home.connected.query.live;

import home.connected.contracts.Topics;
import home.connected.mqtt.MqttConnection;
import home.connected.query.QueryProperties;
import home.connected.query.catalogue.RecentLastValues;
import home.connected.query.place.DevicePlaces;
import home.connected.query.rollup.LateReadings;
import home.connected.query.status.DeviceStatuses;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Subscribes to the readings ingest-service has stored and hands them to {@link LiveReadings}, to
 * the device places auth-service publishes and to the devices' statuses (both retained, so every
 * (re)subscription brings the newest). A clean session with a client id of its own per replica: a
 * live stream only wants what happens from now on.
 */
@Component
class StoredReadingsSubscriber implements SmartLifecycle {

    private static final String CONNECTION_NAME = "live-stream";
    private static final Logger log = LoggerFactory.getLogger(StoredReadingsSubscriber.class);

    private final QueryProperties.Mqtt settings;
    private final LiveReadings live;
    private final StoredReadingsJson json;
    private final DevicePlaces places;
    private final DeviceStatuses statuses;
    private final RecentLastValues recentLastValues;
    private final LateReadings lateReadings;
    private volatile MqttConnection connection;
    private volatile boolean running;

    StoredReadingsSubscriber(
            QueryProperties properties,
            LiveReadings live,
            DevicePlaces places,
            DeviceStatuses statuses,
            RecentLastValues recentLastValues,
            LateReadings lateReadings,
            JsonMapper json) {
        this.settings = properties.mqtt();
        this.lateReadings = lateReadings;
        this.recentLastValues = recentLastValues;
        this.live = live;
        this.places = places;
        this.statuses = statuses;
        this.json = new StoredReadingsJson(json);
        this.connection = newConnection();
    }

    /** A new connection on every start after a stop: a stopped context may be started again, and a closed one cannot. */
    @Override
    public synchronized void start() {
        if (connection == null) {
            connection = newConnection();
        }
        connection.start();
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Connected and subscribed: live readings arrive. */
    boolean receiving() {
        MqttConnection current = connection;
        return current != null && current.subscribed();
    }

    /** The connection now, for health and metrics: none while stopped. */
    List<MqttConnection> connections() {
        MqttConnection current = connection;
        return current == null ? List.of() : List.of(current);
    }

    private MqttConnection newConnection() {
        String clientId =
                settings.clientIdPrefix() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return MqttConnection.builder(CONNECTION_NAME, settings.url(), clientId)
                .credentials(settings.username(), settings.password())
                .subscribe(Topics.ALL_STORED, 1)
                .subscribe(Topics.PLACES, 1)
                .subscribe(Topics.ALL_STATUSES, 1)
                .onMessage((topic, message) -> {
                    if (topic.equals(Topics.PLACES)) {
                        places.apply(message.getPayload());
                        return;
                    }
                    String device = Topics.deviceIdOf(topic);
                    if (device != null) {
                        if (topic.equals(Topics.status(device))) {
                            statuses.apply(device, message.getPayload(), message.isRetained());
                        }
                        return;
                    }
                    recentLastValues.readingsStored();
                    try {
                        json.parse(message.getPayload()).forEach(reading -> {
                            lateReadings.stored(reading.getTime());
                            live.publish(reading);
                        });
                    } catch (RuntimeException e) {
                        log.warn("stored readings on {} not streamed: {}", topic, e.toString());
                    }
                })
                .build();
    }
}
