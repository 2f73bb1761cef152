package home.connected.gateway.protojson;

import java.util.Arrays;

/**
 * Where the values of one message's fields are in the wire bytes, as parsing would keep them: the
 * last value of a singular scalar, every value of a repeated field, every part of a singular
 * message (they merge), and only the last set member of a oneof.
 */
final class FieldOccurrences {

    private final MessagePlan plan;
    private final int[] head;
    private final int[] tail;
    private final int[] oneofCase;
    private int[] positions;
    private int[] wireTypes;
    private int[] next;
    private int size;

    FieldOccurrences(MessagePlan plan) {
        this.plan = plan;
        int fields = plan.fields.length;
        head = new int[fields];
        tail = new int[fields];
        Arrays.fill(head, -1);
        Arrays.fill(tail, -1);
        oneofCase = new int[plan.oneofCount];
        Arrays.fill(oneofCase, -1);
        int capacity = Math.max(4, fields);
        positions = new int[capacity];
        wireTypes = new int[capacity];
        next = new int[capacity];
    }

    /** A value of field {@code index} starts at {@code position} (just after its tag). */
    void add(int index, int position, int wireType) {
        FieldPlan field = plan.fields[index];
        if (field.oneof >= 0) {
            int current = oneofCase[field.oneof];
            if (current != index) {
                if (current >= 0) {
                    head[current] = -1;
                    tail[current] = -1;
                }
                oneofCase[field.oneof] = index;
            }
        }
        int entry = newEntry(position, wireType);
        if (field.repeated || field.isMessage()) {
            if (tail[index] >= 0) {
                next[tail[index]] = entry;
            } else {
                head[index] = entry;
            }
        } else {
            head[index] = entry;
        }
        tail[index] = entry;
    }

    boolean isSet(int index) {
        return head[index] >= 0;
    }

    int first(int index) {
        return head[index];
    }

    int last(int index) {
        return tail[index];
    }

    int next(int entry) {
        return next[entry];
    }

    int position(int entry) {
        return positions[entry];
    }

    int wireType(int entry) {
        return wireTypes[entry];
    }

    private int newEntry(int position, int wireType) {
        if (size == positions.length) {
            int capacity = size * 2;
            positions = Arrays.copyOf(positions, capacity);
            wireTypes = Arrays.copyOf(wireTypes, capacity);
            next = Arrays.copyOf(next, capacity);
        }
        positions[size] = position;
        wireTypes[size] = wireType;
        next[size] = -1;
        return size++;
    }
}
