package home.connected.gateway.graphql;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.DataFetcher;
import home.connected.gateway.Contracts;
import home.connected.gateway.GatewayProperties;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /graphql}: the schema generated from the contracts plus {@code graphql/relations.graphqls},
 * every root field calling its RPC, and the limits that refuse a hostile query before any backend is
 * asked.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

    @Bean
    ProtoSchema protoSchema() {
        return new ProtoSchema(Contracts.methods());
    }

    @Bean
    GraphQlSourceBuilderCustomizer generatedSchema(ProtoSchema schema) {
        return builder -> builder.schemaResources(
                new ByteArrayResource(
                        schema.sdl().getBytes(StandardCharsets.UTF_8), "the schema generated from the contracts") {
                    @Override
                    public String getFilename() {
                        return "contracts.graphqls";
                    }
                });
    }

    @Bean
    RuntimeWiringConfigurer rpcFields(ProtoSchema schema, GraphQlRpcs rpcs, Relations relations) {
        return wiring -> {
            ProtoScalars.all().forEach(wiring::scalar);
            for (ProtoSchema.RootField field : schema.rootFields()) {
                wiring.type(field.root().typeName, type -> type.dataFetcher(field.name(), fetcher(field, rpcs)));
            }
            relations
                    .fetchers()
                    .forEach((typeName, fields) -> wiring.type(typeName, type -> {
                        fields.forEach(type::dataFetcher);
                        return type;
                    }));
        };
    }

    @Bean
    Instrumentation maxQueryDepth(GatewayProperties properties) {
        return new MaxQueryDepthInstrumentation(properties.graphql().maxDepth());
    }

    /** Every field costs 1, and every element of a list in its arguments 1 more. */
    @Bean
    Instrumentation maxQueryComplexity(GatewayProperties properties) {
        return new MaxQueryComplexityInstrumentation(
                properties.graphql().maxComplexity(),
                (field, children) ->
                        1 + children + elements(field.getArguments().values()));
    }

    private static DataFetcher<?> fetcher(ProtoSchema.RootField field, GraphQlRpcs rpcs) {
        MethodDescriptor rpc = field.rpc();
        if (field.root() == ProtoSchema.Root.SUBSCRIPTION) {
            return environment -> Flux.defer(() -> {
                DynamicMessage request = ProtoValues.request(rpc.getInputType(), environment.getArguments());
                return rpcs.stream(rpc, request, environment.getGraphQlContext())
                        .map(answer -> ProtoValues.answer(rpc.getOutputType(), answer));
            });
        }
        return environment -> Mono.defer(() -> {
            DynamicMessage request = ProtoValues.request(rpc.getInputType(), environment.getArguments());
            return rpcs.unary(rpc, request, environment.getGraphQlContext())
                    .map(answer -> ProtoValues.answer(rpc.getOutputType(), answer));
        });
    }

    private static int elements(Collection<?> values) {
        int count = 0;
        for (Object value : values) {
            if (value instanceof Collection<?> list) {
                count += list.size() + elements(list);
            } else if (value instanceof Map<?, ?> object) {
                count += elements(object.values());
            }
        }
        return count;
    }
}
