package home.connected.ingest.decode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Homie 4 on {@code homie/{device}/{node}/{property}}: a bare number, or {@code true}/{@code false}
 * as 1/0; other text (enums, colours) is refused as UNSUPPORTED_VALUE. Device, node and property
 * become device, sensor and quantity. Time is the receive time.
 *
 * <p>Units: the retained {@code homie/{device}/{node}/{property}/$unit} is remembered in a bounded
 * map (least recently used entries go first) and applied to later values; an empty {@code $unit}
 * payload (a cleared retained message) forgets it. All other {@code $} attributes and {@code /set}
 * commands are metadata, not readings: ignored without counting.
 */
final class HomieDecoder implements FormatDecoder {

    static final String SOURCE = "homie";
    private static final String UNIT_ATTRIBUTE = "$unit";

    private final Map<String, String> units;

    HomieDecoder(int maxUnits) {
        this.units = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > maxUnits;
            }
        };
    }

    @Override
    public void decode(String topic, String payload, Instant receivedAt, ReadingCollector out) {
        String[] levels = topic.split("/", -1);
        if (levels.length == 5 && levels[4].equals(UNIT_ATTRIBUTE) && !isAttribute(levels, 4)) {
            rememberUnit(topic.substring(0, topic.length() - UNIT_ATTRIBUTE.length() - 1), payload.strip());
            return;
        }
        if (levels.length != 4 || isAttribute(levels, 4)) {
            return;
        }
        out.add(new Reading(levels[1], levels[2], levels[3], value(payload), unitOf(topic), receivedAt, "", SOURCE));
    }

    private static boolean isAttribute(String[] levels, int upTo) {
        for (int i = 1; i < upTo; i++) {
            if (levels[i].startsWith("$")) {
                return true;
            }
        }
        return false;
    }

    private static double value(String payload) {
        String text = payload.strip();
        return switch (text) {
            case "true" -> 1;
            case "false" -> 0;
            default -> Numbers.parseBare(text);
        };
    }

    private synchronized void rememberUnit(String property, String unit) {
        if (unit.isEmpty()) {
            units.remove(property);
        } else {
            units.put(property, unit);
        }
    }

    private synchronized String unitOf(String property) {
        return units.getOrDefault(property, "");
    }
}
