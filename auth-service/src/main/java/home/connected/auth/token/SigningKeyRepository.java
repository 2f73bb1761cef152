package home.connected.auth.token;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface SigningKeyRepository extends JpaRepository<SigningKey, String> {

    List<SigningKey> findAllByOrderByCreatedAtDesc();

    @Modifying
    @Query("update SigningKey k set k.retiredAt = :at where k.retiredAt is null")
    int retireAll(Instant at);

    @Modifying
    @Query("delete from SigningKey k where k.retiredAt is not null and k.retiredAt < :before")
    int deleteRetiredBefore(Instant before);
}
