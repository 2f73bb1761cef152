package home.connected.auth.audit;

import home.connected.auth.grpc.Caller;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes audit events. An event joins the caller's transaction, so an action that is rolled back
 * leaves no trace claiming it happened; refusals are recorded outside of rolled-back work.
 */
@Service
public class AuditLog {

    private static final int MAX_DETAIL = 512;

    private final AuditEventRepository events;
    private final Clock clock;

    AuditLog(AuditEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** Records an action by the signed-in caller (or {@code anonymous}). */
    @Transactional
    public void record(String action, String target, String detail) {
        recordAs(Caller.usernameOr("anonymous"), action, target, detail);
    }

    @Transactional
    public void recordAs(String actor, String action, String target, String detail) {
        events.save(new AuditEvent(
                clock.instant(),
                clip(actor, 64),
                action,
                clip(target, 128),
                Caller.address(),
                clip(detail, MAX_DETAIL)));
    }

    private static String clip(String value, int max) {
        String text = value == null ? "" : value;
        return text.length() <= max ? text : text.substring(0, max);
    }
}
