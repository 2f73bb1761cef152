package home.connected.gateway.protojson;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The plans of every message type printed so far, each made once. */
final class MessagePlans {

    private static final Map<Descriptor, MessagePlan> PLANS = new ConcurrentHashMap<>();

    private MessagePlans() {}

    static MessagePlan of(Descriptor type) {
        MessagePlan known = PLANS.get(type);
        if (known != null) {
            return known;
        }
        synchronized (PLANS) {
            Map<Descriptor, MessagePlan> made = new HashMap<>();
            MessagePlan plan = plan(type, made);
            PLANS.putAll(made);
            return plan;
        }
    }

    /** Plans the type and, once each, the types it holds; {@code made} ends recursion between types. */
    private static MessagePlan plan(Descriptor type, Map<Descriptor, MessagePlan> made) {
        MessagePlan known = PLANS.get(type);
        if (known == null) {
            known = made.get(type);
        }
        if (known != null) {
            return known;
        }
        MessagePlan plan = new MessagePlan(type);
        made.put(type, plan);
        List<FieldDescriptor> fields = new ArrayList<>(type.getFields());
        // JsonFormat prints the fields in number order, not declaration order.
        fields.sort(Comparator.comparingInt(FieldDescriptor::getNumber));
        List<FieldPlan> planned = new ArrayList<>();
        for (FieldDescriptor field : fields) {
            MessagePlan nested =
                    field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? plan(field.getMessageType(), made) : null;
            planned.add(new FieldPlan(field, nested));
        }
        plan.fill(planned);
        return plan;
    }
}
