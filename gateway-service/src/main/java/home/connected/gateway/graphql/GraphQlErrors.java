package home.connected.gateway.graphql;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import home.connected.access.AccessDecision.AccessRefused;
import home.connected.gateway.backend.StatusMessages;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * A failed field as an entry of the answer's {@code errors}: its {@code classification} is the gRPC
 * status's name ({@code UNAUTHENTICATED}, {@code PERMISSION_DENIED}, {@code INVALID_ARGUMENT}, …) and its
 * message the one REST gives; never a stack trace.
 */
final class GraphQlErrors {

    private static final Logger log = LoggerFactory.getLogger(GraphQlErrors.class);

    private GraphQlErrors() {}

    static Status statusOf(Throwable failure) {
        if (failure instanceof AccessRefused refused) {
            return refused.status();
        }
        if (failure instanceof StatusRuntimeException grpcFailure) {
            return grpcFailure.getStatus();
        }
        log.error("GraphQL field failed inside the gateway", failure);
        return Status.INTERNAL;
    }

    static GraphqlErrorBuilder<?> builder(Status status) {
        return GraphqlErrorBuilder.newError()
                .message(StatusMessages.of(status))
                .errorType(
                        ErrorClassification.errorClassification(status.getCode().name()));
    }

    @Component
    static class FieldErrors extends DataFetcherExceptionResolverAdapter {

        @Override
        protected GraphQLError resolveToSingleError(Throwable failure, DataFetchingEnvironment environment) {
            return builder(statusOf(failure))
                    .path(environment.getExecutionStepInfo().getPath())
                    .location(environment.getField().getSourceLocation())
                    .build();
        }
    }

    @Component
    static class StreamErrors extends SubscriptionExceptionResolverAdapter {

        @Override
        protected GraphQLError resolveToSingleError(Throwable failure) {
            return builder(statusOf(failure)).build();
        }
    }
}
