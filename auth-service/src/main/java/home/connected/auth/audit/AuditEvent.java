package home.connected.auth.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One line of the append-only audit log: who did what to whom, when, from where. */
@Entity
@Immutable
@Table(name = "audit_events")
class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private Instant at;
    private String actor;
    private String action;
    private String target;
    private String clientAddress;
    private String detail;

    protected AuditEvent() {}

    AuditEvent(Instant at, String actor, String action, String target, String clientAddress, String detail) {
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.target = target;
        this.clientAddress = clientAddress;
        this.detail = detail;
    }

    Long getId() {
        return id;
    }

    Instant getAt() {
        return at;
    }

    String getActor() {
        return actor;
    }

    String getAction() {
        return action;
    }

    String getTarget() {
        return target;
    }

    String getClientAddress() {
        return clientAddress;
    }

    String getDetail() {
        return detail;
    }
}
