package home.connected.gateway;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import home.connected.contracts.alert.v1.AlertProto;
import home.connected.contracts.auth.v1.AuthProto;
import home.connected.contracts.query.v1.QueryProto;
import java.util.List;

/** The contract files the gateway exposes; every RPC of their services is routed. */
public final class Contracts {

    public static final List<FileDescriptor> FILES =
            List.of(AuthProto.getDescriptor(), QueryProto.getDescriptor(), AlertProto.getDescriptor());

    private Contracts() {}

    public static List<MethodDescriptor> methods() {
        return FILES.stream()
                .flatMap(file -> file.getServices().stream())
                .flatMap(service -> service.getMethods().stream())
                .toList();
    }

    /** {@code home.connected.query.v1} → {@code query}: the key of the backend serving the package. */
    public static String backendOf(String serviceFullName) {
        String[] parts = serviceFullName.split("\\.");
        return parts.length >= 4 && parts[0].equals("home") && parts[1].equals("connected") ? parts[2] : "";
    }
}
