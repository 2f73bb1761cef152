package home.connected.auth.account;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface UserAccountRepository extends JpaRepository<UserAccount, Long> {

    Optional<UserAccount> findByUsername(String username);

    boolean existsByUsername(String username);

    List<UserAccount> findByIdGreaterThanOrderByIdAsc(long after, Limit limit);

    @Query("select count(u) from UserAccount u join u.groups g where g.name = :group and u.enabled = true")
    long countEnabledMembers(String group);
}
