package home.connected.auth.device;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface PlaceAssignmentRepository extends JpaRepository<PlaceAssignment, Long> {

    Optional<PlaceAssignment> findByDeviceIdAndReplacedAtIsNull(String deviceId);

    List<PlaceAssignment> findByReplacedAtIsNullOrderByDeviceIdAsc();

    /** Every version, current and replaced, by device and then in the order they were made. */
    List<PlaceAssignment> findAllByOrderByDeviceIdAscIdAsc();

    List<PlaceAssignment> findByDeviceIdInAndReplacedAtIsNull(List<String> deviceIds);
}
