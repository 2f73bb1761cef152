package home.connected.auth.account;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface GroupRepository extends JpaRepository<Group, Long> {

    Optional<Group> findByName(String name);

    boolean existsByName(String name);

    List<Group> findAllByOrderByNameAsc();

    /** Serialises changes that must keep at least one enabled admin. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select g from Group g where g.name = :name")
    Optional<Group> lockByName(String name);
}
