package home.connected.contracts;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import home.connected.contracts.alert.v1.AlertProto;
import home.connected.contracts.auth.v1.AuthProto;
import home.connected.contracts.query.v1.QueryProto;
import java.util.List;

/**
 * The contract files of the services, the one list the gateway's routes, the access rules and
 * the contract checks walk: a service's new .proto is added here and nowhere else.
 */
public final class ServiceContracts {

    public static final List<FileDescriptor> FILES =
            List.of(AuthProto.getDescriptor(), QueryProto.getDescriptor(), AlertProto.getDescriptor());

    private ServiceContracts() {}

    /** Every RPC of every service the files declare. */
    public static List<MethodDescriptor> methods() {
        return FILES.stream()
                .flatMap(file -> file.getServices().stream())
                .flatMap(service -> service.getMethods().stream())
                .toList();
    }
}
