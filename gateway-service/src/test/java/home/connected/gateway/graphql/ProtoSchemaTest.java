package home.connected.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import home.connected.gateway.Contracts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema generated from the real contracts, walked beside their descriptors. */
class ProtoSchemaTest {

    private final ProtoSchema generated = new ProtoSchema(Contracts.methods());
    private final GraphQLSchema schema = schema(generated.sdl());

    @Test
    void everyRpcIsARootFieldOfItsKindTakingItsRequestsFields() throws IOException {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/contracts.graphqls"), generated.sdl());
        List<MethodDescriptor> rpcs = Contracts.methods().stream()
                .filter(rpc -> !rpc.isClientStreaming())
                .toList();
        assertThat(generated.rootFields()).hasSize(rpcs.size());
        for (MethodDescriptor rpc : rpcs) {
            ProtoSchema.RootField field = generated.rootFields().stream()
                    .filter(root -> root.rpc().equals(rpc))
                    .findFirst()
                    .orElseThrow();
            GraphQLObjectType root = switch (field.root()) {
                case QUERY -> schema.getQueryType();
                case MUTATION -> schema.getMutationType();
                case SUBSCRIPTION -> schema.getSubscriptionType();
            };
            GraphQLFieldDefinition definition = root.getFieldDefinition(field.name());
            assertThat(definition).as(rpc.getFullName()).isNotNull();
            assertThat(definition.getArguments())
                    .extracting(argument -> argument.getName())
                    .as(rpc.getFullName())
                    .containsExactlyElementsOf(rpc.getInputType().getFields().stream()
                            .filter(f -> !isEmptyMessage(f))
                            .map(FieldDescriptor::getJsonName)
                            .toList());
            if (rpc.getOutputType().getFields().isEmpty()) {
                assertThat(GraphQLTypeUtil.unwrapAll(definition.getType()).getName())
                        .isEqualTo("Boolean");
            } else {
                assertFieldsOf(rpc.getOutputType(), GraphQLTypeUtil.unwrapAll(definition.getType()));
            }
        }
    }

    @Test
    void readsAreQueriesWritesMutationsAndStreamsSubscriptions() {
        assertThat(schema.getQueryType().getFieldDefinition("series")).isNotNull();
        assertThat(schema.getQueryType().getFieldDefinition("sensors")).isNotNull();
        assertThat(schema.getQueryType().getFieldDefinition("me")).isNotNull();
        assertThat(schema.getMutationType().getFieldDefinition("login")).isNotNull();
        assertThat(schema.getMutationType().getFieldDefinition("createRule")).isNotNull();
        assertThat(schema.getSubscriptionType().getFieldDefinition("readings")).isNotNull();
        assertThat(schema.getSubscriptionType().getFieldDefinition("deviceStatuses"))
                .isNotNull();
        // Timestamp and Duration are scalars; a oneof's members are nullable fields
        GraphQLObjectType rule = schema.getObjectType("Rule");
        assertThat(GraphQLTypeUtil.simplePrint(
                        rule.getFieldDefinition("silencedUntil").getType()))
                .isEqualTo("Timestamp");
        assertThat(GraphQLTypeUtil.simplePrint(
                        rule.getFieldDefinition("threshold").getType()))
                .isEqualTo("Threshold");
        assertThat(GraphQLTypeUtil.simplePrint(
                        rule.getFieldDefinition("channelIds").getType()))
                .isEqualTo("[String!]!");
        assertThat(GraphQLTypeUtil.simplePrint(rule.getFieldDefinition("name").getType()))
                .isEqualTo("String!");
    }

    @Test
    void namesCollidingBetweenPackagesTakeTheirFeature() {
        SchemaNames names = new SchemaNames(java.util.Map.of(
                "home.connected.query.v1.Sensor",
                home.connected.contracts.query.v1.Sensor.getDescriptor().getFile(),
                "home.connected.alert.v1.Sensor",
                home.connected.contracts.alert.v1.Rule.getDescriptor().getFile(),
                "home.connected.alert.v1.Rule",
                home.connected.contracts.alert.v1.Rule.getDescriptor().getFile()));
        assertThat(names.of(home.connected.contracts.query.v1.Sensor.getDescriptor()))
                .isEqualTo("QuerySensor");
        assertThat(names.of(home.connected.contracts.alert.v1.Rule.getDescriptor()))
                .isEqualTo("Rule");
    }

    private void assertFieldsOf(Descriptor message, GraphQLType type) {
        if (ProtoSchema.scalarOf(message) != null) {
            return;
        }
        assertThat(type).as(message.getFullName()).isInstanceOf(GraphQLFieldsContainer.class);
        GraphQLFieldsContainer container = (GraphQLFieldsContainer) type;
        for (FieldDescriptor field : message.getFields()) {
            GraphQLFieldDefinition definition = container.getFieldDefinition(field.getJsonName());
            assertThat(definition)
                    .as(message.getFullName() + "." + field.getName())
                    .isNotNull();
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && !field.getMessageType().equals(message)) {
                assertFieldsOf(field.getMessageType(), GraphQLTypeUtil.unwrapAll(definition.getType()));
            }
        }
    }

    private static boolean isEmptyMessage(FieldDescriptor field) {
        return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                && ProtoSchema.scalarOf(field.getMessageType()) == null
                && field.getMessageType().getFields().isEmpty();
    }

    static GraphQLSchema schema(String sdl) {
        TypeDefinitionRegistry types = new SchemaParser().parse(sdl);
        try (InputStream relations = ProtoSchemaTest.class.getResourceAsStream("/graphql/relations.graphqls")) {
            types.merge(new SchemaParser().parse(new String(relations.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
        ProtoScalars.all().forEach(wiring::scalar);
        return new SchemaGenerator().makeExecutableSchema(types, wiring.build());
    }
}
