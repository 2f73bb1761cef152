package home.connected.gateway;

import com.google.protobuf.Descriptors.MethodDescriptor;
import home.connected.contracts.ServiceContracts;
import java.util.List;

/** The contracts the gateway exposes: every RPC of the services' contract files is routed. */
public final class Contracts {

    private Contracts() {}

    public static List<MethodDescriptor> methods() {
        return ServiceContracts.methods();
    }

    /** {@code home.connected.query.v1} → {@code query}: the key of the backend serving the package. */
    public static String backendOf(String serviceFullName) {
        String[] parts = serviceFullName.split("\\.");
        return parts.length >= 4 && parts[0].equals("home") && parts[1].equals("connected") ? parts[2] : "";
    }
}
