package home.connected.gateway.graphql;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import graphql.GraphQLContext;
import graphql.schema.DataFetcher;
import home.connected.gateway.Contracts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.dataloader.BatchLoaderEnvironment;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The fields that join services ({@code graphql/relations.graphqls}): a sensor's device, rules and
 * active alerts, a device's sensors and latest readings. Each is loaded in batches: the sensors of a
 * page ask the backend once for all of them, through the same RPCs (and access rules) as the root
 * fields.
 */
@Component
class Relations {

    /** A sensor as its relations see it. */
    record SensorRef(String deviceId, String sensor, String quantity, String location) {

        @SuppressWarnings("unchecked")
        static SensorRef of(Map<String, Object> sensor) {
            Map<String, Object> key = (Map<String, Object>) sensor.getOrDefault("key", Map.of());
            return new SensorRef(
                    (String) key.getOrDefault("deviceId", ""),
                    (String) key.getOrDefault("sensor", ""),
                    (String) key.getOrDefault("quantity", ""),
                    (String) sensor.getOrDefault("location", ""));
        }
    }

    private final GraphQlRpcs rpcs;
    private final Map<String, MethodDescriptor> methods = new HashMap<>();

    Relations(GraphQlRpcs rpcs, BatchLoaderRegistry loaders) {
        this.rpcs = rpcs;
        Contracts.methods().forEach(rpc -> methods.put(rpc.getName(), rpc));
        loaders.<String, Map<String, Object>>forName("sensorDevice")
                .registerMappedBatchLoader((ids, environment) -> all("ListDevices", "devices", environment)
                        .map(devices -> byKey(devices, device -> (String) device.get("deviceId"), ids)));
        loaders.<String, List<Map<String, Object>>>forName("deviceSensors")
                .registerMappedBatchLoader((ids, environment) -> sensors(environment)
                        .map(sensors ->
                                grouped(sensors, sensor -> SensorRef.of(sensor).deviceId(), ids)));
        loaders.<String, List<Map<String, Object>>>forName("deviceLatest")
                .registerMappedBatchLoader((ids, environment) -> latest(ids, environment)
                        .map(readings -> grouped(
                                readings, reading -> SensorRef.of(reading).deviceId(), ids)));
        loaders.<SensorRef, List<Map<String, Object>>>forName("sensorRules")
                .registerMappedBatchLoader((sensors, environment) -> all("ListRules", "rules", environment)
                        .map(rules -> matching(sensors, rules, Relations::selects)));
        loaders.<SensorRef, List<Map<String, Object>>>forName("sensorAlerts")
                .registerMappedBatchLoader((sensors, environment) -> all("ListAlerts", "alerts", environment)
                        .map(alerts -> matching(sensors, alerts, Relations::isOf)));
    }

    /** The relation fields by type and field name. */
    Map<String, Map<String, DataFetcher<?>>> fetchers() {
        return Map.of(
                "Sensor",
                Map.of(
                        "device",
                                environment -> environment
                                        .getDataLoader("sensorDevice")
                                        .load(SensorRef.of(environment.getSource())
                                                .deviceId()),
                        "alertRules",
                                environment -> environment
                                        .getDataLoader("sensorRules")
                                        .load(SensorRef.of(environment.getSource())),
                        "activeAlerts",
                                environment -> environment
                                        .getDataLoader("sensorAlerts")
                                        .load(SensorRef.of(environment.getSource()))),
                "Device",
                Map.of(
                        "sensors",
                                environment -> environment
                                        .getDataLoader("deviceSensors")
                                        .load(deviceIdOf(environment.getSource())),
                        "latest",
                                environment -> environment
                                        .getDataLoader("deviceLatest")
                                        .load(deviceIdOf(environment.getSource()))));
    }

    private Mono<List<Map<String, Object>>> sensors(BatchLoaderEnvironment environment) {
        return all("ListSensors", "sensors", environment);
    }

    /** The latest readings of every sensor of the devices: the sensors' keys, then one GetLatest for them all. */
    @SuppressWarnings("unchecked")
    private Mono<List<Map<String, Object>>> latest(Set<String> deviceIds, BatchLoaderEnvironment environment) {
        return sensors(environment).flatMap(sensors -> {
            List<Object> keys = sensors.stream()
                    .filter(sensor -> deviceIds.contains(SensorRef.of(sensor).deviceId()))
                    .map(sensor -> sensor.get("key"))
                    .toList();
            if (keys.isEmpty()) {
                return Mono.just(List.of());
            }
            MethodDescriptor getLatest = methods.get("GetLatest");
            return call(getLatest, ProtoValues.request(getLatest.getInputType(), Map.of("sensors", keys)), environment)
                    .map(answer -> (List<Map<String, Object>>) answer.getOrDefault("readings", List.of()));
        });
    }

    @SuppressWarnings("unchecked")
    private Mono<List<Map<String, Object>>> all(String rpcName, String listField, BatchLoaderEnvironment environment) {
        MethodDescriptor rpc = methods.get(rpcName);
        return call(rpc, DynamicMessage.getDefaultInstance(rpc.getInputType()), environment)
                .map(answer -> (List<Map<String, Object>>) answer.getOrDefault(listField, List.of()));
    }

    @SuppressWarnings("unchecked")
    private Mono<Map<String, Object>> call(
            MethodDescriptor rpc, DynamicMessage request, BatchLoaderEnvironment environment) {
        GraphQLContext context = environment.getContext();
        return rpcs.unary(rpc, request, context)
                .map(bytes -> (Map<String, Object>) ProtoValues.answer(rpc.getOutputType(), bytes));
    }

    /** A rule's selector names the sensor: every field it sets is the sensor's. */
    @SuppressWarnings("unchecked")
    private static boolean selects(SensorRef sensor, Map<String, Object> rule) {
        Map<String, Object> selector = (Map<String, Object>) rule.get("selector");
        if (selector == null) {
            return false;
        }
        return same(selector.get("deviceId"), sensor.deviceId())
                && same(selector.get("sensor"), sensor.sensor())
                && same(selector.get("quantity"), sensor.quantity())
                && same(selector.get("location"), sensor.location());
    }

    private static boolean isOf(SensorRef sensor, Map<String, Object> alert) {
        return Objects.equals(alert.get("deviceId"), sensor.deviceId())
                && Objects.equals(alert.get("sensor"), sensor.sensor())
                && Objects.equals(alert.get("quantity"), sensor.quantity());
    }

    private static boolean same(Object selected, String value) {
        return selected == null || "".equals(selected) || selected.equals(value);
    }

    private static <K> Map<K, Map<String, Object>> byKey(
            List<Map<String, Object>> items, Function<Map<String, Object>, K> key, Set<K> wanted) {
        Map<K, Map<String, Object>> found = new HashMap<>();
        items.stream()
                .filter(item -> wanted.contains(key.apply(item)))
                .forEach(item -> found.put(key.apply(item), item));
        return found;
    }

    private static <K> Map<K, List<Map<String, Object>>> grouped(
            List<Map<String, Object>> items, Function<Map<String, Object>, K> key, Set<K> wanted) {
        Map<K, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        wanted.forEach(k -> groups.put(k, new ArrayList<>()));
        items.forEach(item -> {
            List<Map<String, Object>> group = groups.get(key.apply(item));
            if (group != null) {
                group.add(item);
            }
        });
        return groups;
    }

    private static <K> Map<K, List<Map<String, Object>>> matching(
            Set<K> wanted,
            List<Map<String, Object>> items,
            java.util.function.BiPredicate<K, Map<String, Object>> match) {
        Map<K, List<Map<String, Object>>> found = new LinkedHashMap<>();
        for (K k : wanted) {
            found.put(k, items.stream().filter(item -> match.test(k, item)).toList());
        }
        return found;
    }

    private static String deviceIdOf(Map<String, Object> device) {
        return (String) device.getOrDefault("deviceId", "");
    }
}
