package home.connected.piagent.config;

import home.connected.piagent.config.AgentConfig.Broker;
import home.connected.piagent.config.AgentConfig.Buffer;
import home.connected.piagent.config.AgentConfig.SensorConfig;
import home.connected.piagent.config.AgentConfig.SensorType;
import home.connected.piagent.config.AgentConfig.SysfsRoots;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Reads and checks {@code agent.yml}: every mistake is refused with the file, its line and what is wrong. */
public final class ConfigReader {

    /** The device ids the platform hands out (auth-service's rule). */
    private static final Pattern DEVICE_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** What a sensor name or quantity may be: the platform's series tags. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private static final Pattern W1_ID = Pattern.compile("28-[0-9a-f]{12}");
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MAX_INTERVAL = Duration.ofDays(1);
    private static final Duration DHT22_MIN_INTERVAL = Duration.ofSeconds(3);

    private ConfigReader() {}

    public static AgentConfig read(Path file) throws ConfigException {
        String name = file.toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                throw new ConfigException(name + ":1: the file is empty");
            }
            return read(file, YamlMapping.of(name, "", root));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            throw new ConfigException(name + ":" + line + ": not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(name + ": not valid YAML: " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot be read: " + e.getMessage());
        }
    }

    private static AgentConfig read(Path file, YamlMapping root) throws ConfigException {
        String deviceId = root.requiredString("device-id");
        if (!DEVICE_ID.matcher(deviceId).matches()) {
            throw root.error(
                    "device-id", "must be 1-64 lowercase letters, digits, '-' or '_', as the admin page gives it");
        }
        YamlMapping brokerMap = root.mapping("broker");
        if (brokerMap == null) {
            throw root.error("broker", "is missing (url, username, password)");
        }
        Broker broker = broker(brokerMap, deviceId);
        Buffer buffer = buffer(root.mapping("buffer"));
        boolean requireSync = true;
        YamlMapping clock = root.mapping("clock");
        if (clock != null) {
            requireSync = clock.bool("require-sync", true);
            clock.finish();
        }
        SysfsRoots sysfs = sysfs(root.mapping("sysfs"));
        List<YamlMapping> sensorMaps = root.mappings("sensors");
        if (sensorMaps.isEmpty()) {
            throw root.error("sensors", "must list at least one sensor");
        }
        List<SensorConfig> sensors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlMapping sensorMap : sensorMaps) {
            SensorConfig sensor = sensor(sensorMap);
            if (!names.add(sensor.name())) {
                throw sensorMap.error("name", "'" + sensor.name() + "' is used by another sensor already");
            }
            sensors.add(sensor);
        }
        root.finish();
        return new AgentConfig(file, deviceId, broker, buffer, requireSync, sysfs, List.copyOf(sensors));
    }

    private static Broker broker(YamlMapping map, String deviceId) throws ConfigException {
        String url = map.requiredString("url");
        try {
            URI uri = new URI(url);
            if (!("tcp".equals(uri.getScheme()) || "ssl".equals(uri.getScheme()))
                    || uri.getHost() == null
                    || uri.getPort() < 1) {
                throw map.error("url", "must be tcp://host:port or ssl://host:port, not '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw map.error("url", "must be tcp://host:port or ssl://host:port, not '" + url + "'");
        }
        String username = map.string("username", deviceId);
        String password = map.string("password", null);
        String caFile = map.string("ca-file", null);
        Path ca = null;
        if (caFile != null) {
            if (!url.startsWith("ssl://")) {
                throw map.error("ca-file", "is only used with an ssl:// url");
            }
            ca = Path.of(caFile);
            if (!Files.isReadable(ca)) {
                throw map.error("ca-file", "'" + caFile + "' cannot be read");
            }
        }
        map.finish();
        return new Broker(url, username, password, ca);
    }

    private static Buffer buffer(YamlMapping map) throws ConfigException {
        Path directory = Path.of("/var/lib/connected-home-agent/buffer");
        long maxBytes = 64L << 20;
        Duration maxAge = Duration.ofDays(30);
        Duration sync = Duration.ofSeconds(1);
        double replayRate = 20;
        if (map != null) {
            directory = Path.of(map.string("directory", directory.toString()));
            maxBytes = map.size("max-size", maxBytes, 1L << 20);
            maxAge = map.duration("max-age", maxAge, Duration.ofMinutes(1), Duration.ofDays(3650));
            sync = map.duration("sync-interval", sync, Duration.ZERO, Duration.ofMinutes(1));
            replayRate = map.number("replay-rate", replayRate);
            if (replayRate <= 0 || replayRate > 10_000) {
                throw map.error("replay-rate", "must be more than 0 and at most 10000 messages per second");
            }
            map.finish();
        }
        return new Buffer(directory, maxBytes, maxAge, sync, replayRate);
    }

    private static SysfsRoots sysfs(YamlMapping map) throws ConfigException {
        SysfsRoots roots =
                new SysfsRoots(Path.of("/sys/bus/w1/devices"), Path.of("/sys/bus/iio/devices"), Path.of("/"));
        if (map == null) {
            return roots;
        }
        roots = new SysfsRoots(
                Path.of(map.string("w1", roots.w1().toString())),
                Path.of(map.string("iio", roots.iio().toString())),
                Path.of(map.string("root", roots.root().toString())));
        map.finish();
        return roots;
    }

    private static SensorConfig sensor(YamlMapping map) throws ConfigException {
        String typeName = map.requiredString("type").toLowerCase(Locale.ROOT);
        SensorType type;
        try {
            type = SensorType.valueOf(typeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw map.error("type", "'" + typeName + "' is not a sensor type: bme280, ds18b20, dht22 or sysfs");
        }
        String name = map.requiredString("name");
        if (!NAME.matcher(name).matches()) {
            throw map.error("name", "must be 1-64 letters, digits, '.', '-' or '_'");
        }
        String location = map.string("location", null);
        Duration interval = map.duration("interval", Duration.ofSeconds(60), MIN_INTERVAL, MAX_INTERVAL);
        Integer bus = null;
        Integer i2cAddress = null;
        String address = null;
        String path = null;
        String quantity = null;
        String unit = null;
        double scale = 1;
        String scaleFile = null;
        switch (type) {
            case BME280 -> {
                bus = map.integer("bus", 1, 0, 255);
                i2cAddress = map.integer("address", 0x76, 0x03, 0x77);
            }
            case DS18B20 -> {
                address = map.string("address", null);
                if (address != null && !W1_ID.matcher(address).matches()) {
                    throw map.error("address", "must be a 1-Wire id like 28-0316a2795bff, not '" + address + "'");
                }
            }
            case DHT22 -> {
                path = map.string("path", "iio:device0");
                if (interval.compareTo(DHT22_MIN_INTERVAL) < 0) {
                    throw map.error("interval", "must be at least 3s for a DHT22 (it needs 2 s between reads)");
                }
            }
            case SYSFS -> {
                path = map.requiredString("path");
                quantity = map.requiredString("quantity");
                if (!NAME.matcher(quantity).matches()) {
                    throw map.error("quantity", "must be 1-64 letters, digits, '.', '-' or '_'");
                }
                unit = map.string("unit", "");
                scale = map.number("scale", 1.0);
                if (scale == 0) {
                    throw map.error("scale", "must not be 0");
                }
                scaleFile = map.string("scale-file", null);
            }
        }
        var offsets = map.numbers("offset", SensorConfig.ANY_QUANTITY);
        Set<String> quantities = switch (type) {
            case BME280 -> Set.of("temperature", "humidity", "pressure");
            case DHT22 -> Set.of("temperature", "humidity");
            case DS18B20 -> Set.of("temperature");
            case SYSFS -> Set.of(quantity);
        };
        if (offsets.containsKey(SensorConfig.ANY_QUANTITY) && quantities.size() > 1) {
            throw map.error("offset", "of a " + typeName + " names its quantity, e.g. offset: {temperature: -0.5}");
        }
        for (String key : offsets.keySet()) {
            if (!key.equals(SensorConfig.ANY_QUANTITY) && !quantities.contains(key)) {
                throw map.error("offset", "names '" + key + "', which a " + typeName + " does not measure");
            }
        }
        map.finish();
        return new SensorConfig(
                map.line(),
                type,
                name,
                location,
                interval,
                offsets,
                bus,
                i2cAddress,
                address,
                path,
                quantity,
                unit,
                scale,
                scaleFile);
    }
}
