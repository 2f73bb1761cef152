package home.connected.auth.account;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

interface InviteRepository extends JpaRepository<Invite, Long> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<Invite> findByCodeHash(String codeHash);
}
