package home.connected.query.place;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rooms a device was given over time. An empty room is none set: the readings' own location
 * applies while it lasts. The first room given also covers the time before it (giving a device a
 * room labels it, it does not move it); every later one applies from its {@code since}.
 */
public final class RoomHistory {

    /** A device never given a room. */
    static final RoomHistory NONE = new RoomHistory(List.of());

    /** Oldest first, each room different from the one before; the first names a room and has always applied. */
    private final List<Change> changes;

    private RoomHistory(List<Change> changes) {
        this.changes = changes;
    }

    /** A room given at a time; {@code since} null when not known. */
    record Change(Instant since, String room) {}

    /** A stretch of time in one room; {@code room} empty where none was set, {@code end} null while it lasts. */
    public record Stay(String room, Instant start, Instant end) {}

    /** The history of rooms given in any order, with the rules above applied. */
    static RoomHistory of(List<Change> given) {
        List<Change> sorted = new ArrayList<>(given);
        sorted.sort(Comparator.comparing(Change::since, Comparator.nullsFirst(Comparator.naturalOrder())));
        List<Change> changes = new ArrayList<>(sorted.size());
        for (Change change : sorted) {
            if (changes.isEmpty()) {
                if (!change.room().isEmpty()) {
                    changes.add(new Change(Instant.MIN, change.room()));
                }
            } else if (!changes.get(changes.size() - 1).room().equals(change.room())) {
                changes.add(new Change(change.since() == null ? Instant.MIN : change.since(), change.room()));
            }
        }
        return changes.isEmpty() ? NONE : new RoomHistory(List.copyOf(changes));
    }

    /** The room now; empty when none is set. */
    public String now() {
        return changes.isEmpty() ? "" : changes.get(changes.size() - 1).room();
    }

    /** The room at a time; empty when none was set. */
    public String at(Instant time) {
        String room = "";
        for (Change change : changes) {
            if (change.since().isAfter(time)) {
                break;
            }
            room = change.room();
        }
        return room;
    }

    /** Whether the device was given this room at any time within [from, to]. */
    public boolean wasIn(String room, Instant from, Instant to) {
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i).room().equals(room)
                    && !changes.get(i).since().isAfter(to)
                    && (i + 1 == changes.size() || changes.get(i + 1).since().isAfter(from))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The stays overlapping [start, end), oldest first, cut to start there and to end there at the
     * latest; the last one's end is null while the device is still there.
     */
    public List<Stay> during(Instant start, Instant end) {
        if (changes.isEmpty()) {
            return List.of(new Stay("", start, null));
        }
        List<Stay> stays = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            Instant since = changes.get(i).since();
            Instant until = i + 1 == changes.size() ? null : changes.get(i + 1).since();
            if (since.isBefore(end) && (until == null || until.isAfter(start))) {
                stays.add(new Stay(
                        changes.get(i).room(),
                        since.isAfter(start) ? since : start,
                        until == null || until.isBefore(end) ? until : end));
            }
        }
        return stays;
    }
}
