package home.connected.ingest.decode;

import java.util.List;

/** What one MQTT message yielded: the valid readings, and a rejection for each part that was refused. */
public record Decoded(List<Reading> readings, List<Rejection> rejections) {

    public Decoded {
        readings = List.copyOf(readings);
        rejections = List.copyOf(rejections);
    }

    public static Decoded rejected(RejectReason reason, String detail) {
        return new Decoded(List.of(), List.of(new Rejection(reason, detail)));
    }
}
