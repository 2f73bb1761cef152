package home.connected.gateway.rest;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import home.connected.access.AccessRules;
import home.connected.access.AccessRules.Rule;
import home.connected.gateway.backend.RawMessages;
import home.connected.gateway.protojson.ProtoJsonPrinter;
import org.springframework.http.HttpMethod;

/**
 * One REST route of an RPC, from its {@code google.api.http} rule.
 *
 * @param body {@code *} (the whole request), a field name, or empty (no body)
 * @param grpcMethod the RPC with the answers left serialised, for {@code answers} to print
 */
public record HttpRoute(
        HttpMethod httpMethod,
        PathTemplate path,
        String body,
        MethodDescriptor rpc,
        Rule rule,
        io.grpc.MethodDescriptor<DynamicMessage, byte[]> grpcMethod,
        ProtoJsonPrinter answers) {

    static HttpRoute of(HttpMethod httpMethod, String path, String body, MethodDescriptor rpc) {
        return new HttpRoute(
                httpMethod,
                PathTemplate.parse(path),
                body,
                rpc,
                AccessRules.of(rpc),
                RawMessages.method(rpc),
                ProtoJsonPrinter.of(rpc.getOutputType()));
    }

    public String pathTemplate() {
        return path.toString();
    }

    /** The template in OpenAPI form. */
    public String openApiPath() {
        return path.openApiPath();
    }

    public java.util.List<String> pathVariables() {
        return path.variables();
    }

    public boolean streamsResponses() {
        return rpc.isServerStreaming();
    }

    @Override
    public String toString() {
        return httpMethod + " " + path + " → " + rpc.getFullName();
    }
}
