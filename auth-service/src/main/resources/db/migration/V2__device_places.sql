-- Where each device is: its display name and room, for provisioned devices and for third-party
-- ones known only from their readings. Versioned: a change closes the current row (replaced_at)
-- and adds a new one, so every earlier place stays with its since. This table is the one place
-- of a device's name and room; the registry's display_name and location move here.
CREATE TABLE device_places (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    -- Device ids are case-sensitive, as InfluxDB tags are.
    device_id         VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    display_name      VARCHAR(64)  NOT NULL,
    room              VARCHAR(64)  NOT NULL,
    since             DATETIME(6)  NOT NULL,
    replaced_at       DATETIME(6)  NULL,
    set_by            VARCHAR(64)  NOT NULL,
    -- At most one current place per device, enforced by the database.
    current_device_id VARCHAR(64) COLLATE utf8mb4_bin AS (IF(replaced_at IS NULL, device_id, NULL)) PERSISTENT,
    CONSTRAINT uk_device_places_current UNIQUE (current_device_id),
    INDEX ix_device_places_device (device_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO device_places (device_id, display_name, room, since, set_by)
SELECT device_id,
       IF(BINARY display_name = device_id, '', LEFT(display_name, 64)),
       LEFT(location, 64),
       created_at,
       created_by
FROM devices;

ALTER TABLE devices DROP COLUMN display_name, DROP COLUMN location;
