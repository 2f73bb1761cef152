package home.connected.auth.audit;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.repository.Repository;

/** Append and read only: there is deliberately no update or delete. */
interface AuditEventRepository extends Repository<AuditEvent, Long> {

    AuditEvent save(AuditEvent event);

    List<AuditEvent> findByIdLessThanOrderByIdDesc(long before, Limit limit);

    List<AuditEvent> findByActorAndIdLessThanOrderByIdDesc(String actor, long before, Limit limit);
}
