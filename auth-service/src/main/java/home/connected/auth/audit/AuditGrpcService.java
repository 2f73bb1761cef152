package home.connected.auth.audit;

import static java.time.Instant.EPOCH;
import static java.time.temporal.ChronoUnit.NANOS;

import com.google.protobuf.util.Timestamps;
import home.connected.auth.grpc.Validation;
import home.connected.contracts.auth.v1.AuditServiceGrpc;
import home.connected.contracts.auth.v1.ListAuditEventsRequest;
import home.connected.contracts.auth.v1.ListAuditEventsResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;

/** Newest first, paged by id. Who may call (users:manage) is the RPC's access option in the contracts. */
@Service
class AuditGrpcService extends AuditServiceGrpc.AuditServiceImplBase {

    private final AuditEventRepository events;

    AuditGrpcService(AuditEventRepository events) {
        this.events = events;
    }

    @Override
    public void listAuditEvents(ListAuditEventsRequest request, StreamObserver<ListAuditEventsResponse> response) {
        int size = Validation.pageSize(request.getPageSize());
        long before = Validation.pageAfter(request.getPageToken(), Long.MAX_VALUE);
        String actor = request.getActor().strip();
        List<AuditEvent> page = actor.isEmpty()
                ? events.findByIdLessThanOrderByIdDesc(before, Limit.of(size + 1))
                : events.findByActorAndIdLessThanOrderByIdDesc(actor, before, Limit.of(size + 1));
        ListAuditEventsResponse.Builder answer = ListAuditEventsResponse.newBuilder();
        page.stream().limit(size).forEach(event -> answer.addEvents(toProto(event)));
        if (page.size() > size) {
            answer.setNextPageToken(Long.toString(page.get(size - 1).getId()));
        }
        response.onNext(answer.build());
        response.onCompleted();
    }

    private static home.connected.contracts.auth.v1.AuditEvent toProto(AuditEvent event) {
        return home.connected.contracts.auth.v1.AuditEvent.newBuilder()
                .setId(event.getId())
                .setAt(Timestamps.fromNanos(NANOS.between(EPOCH, event.getAt())))
                .setActor(event.getActor())
                .setAction(event.getAction())
                .setTarget(event.getTarget())
                .setClientAddress(event.getClientAddress())
                .setDetail(event.getDetail())
                .build();
    }
}
