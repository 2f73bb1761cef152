-- alert-service's own tables (prefix alert_), beside auth-service's in the same database if
-- shared; its Flyway history is alert_schema_history.

-- A channel's settings as proto JSON without its secret fields; those are in `secrets`,
-- AES-GCM encrypted (key ch.alert.secrets.encryption-key).
CREATE TABLE alert_channel (
    id         CHAR(36)     NOT NULL PRIMARY KEY,
    name       VARCHAR(100) NOT NULL,
    kind       VARCHAR(20)  NOT NULL,
    settings   TEXT         NOT NULL,
    secrets    VARBINARY(8192),
    created_at DATETIME(6)  NOT NULL,
    updated_at DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A rule as proto JSON (without id and status); `version` grows on every change so the
-- evaluator reloads only when something changed.
CREATE TABLE alert_rule (
    id             CHAR(36)     NOT NULL PRIMARY KEY,
    name           VARCHAR(100) NOT NULL,
    enabled        BOOLEAN      NOT NULL,
    definition     TEXT         NOT NULL,
    silenced_until DATETIME(6),
    version        BIGINT       NOT NULL,
    created_at     DATETIME(6)  NOT NULL,
    updated_at     DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Which channels a rule notifies; a channel in use cannot be deleted.
CREATE TABLE alert_rule_channel (
    rule_id    CHAR(36) NOT NULL,
    channel_id CHAR(36) NOT NULL,
    PRIMARY KEY (rule_id, channel_id),
    CONSTRAINT fk_alert_rule_channel_rule FOREIGN KEY (rule_id) REFERENCES alert_rule (id) ON DELETE CASCADE,
    CONSTRAINT fk_alert_rule_channel_channel FOREIGN KEY (channel_id) REFERENCES alert_channel (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The evaluator's state of one series of one rule (alert_id is the fingerprint of rule and
-- series). Written by the leader only: on every transition, and the last reading of each
-- series at every checkpoint.
CREATE TABLE alert_series (
    alert_id         CHAR(16)     NOT NULL PRIMARY KEY,
    rule_id          CHAR(36)     NOT NULL,
    device_id        VARCHAR(64)  NOT NULL,
    sensor           VARCHAR(256) NOT NULL,
    quantity         VARCHAR(64)  NOT NULL,
    location         VARCHAR(256) NOT NULL,
    unit             VARCHAR(32)  NOT NULL,
    state            VARCHAR(10)  NOT NULL,
    state_since      DATETIME(6)  NOT NULL,
    episode          BIGINT       NOT NULL,
    notified_episode BIGINT       NOT NULL,
    last_notified_at DATETIME(6),
    repeats          INT          NOT NULL,
    last_value       DOUBLE,
    last_reading_at  DATETIME(6),
    beyond_since     DATETIME(6),
    back_since       DATETIME(6),
    reason           VARCHAR(200) NOT NULL,
    recent           TEXT,
    updated_at       DATETIME(6)  NOT NULL,
    KEY ix_alert_series_rule (rule_id),
    CONSTRAINT fk_alert_series_rule FOREIGN KEY (rule_id) REFERENCES alert_rule (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What people decided about one series, written by the API on any replica and read by the
-- leader: kept apart from alert_series so the two writers never overwrite each other.
CREATE TABLE alert_series_control (
    alert_id        CHAR(16)    NOT NULL PRIMARY KEY,
    rule_id         CHAR(36)    NOT NULL,
    acked_episode   BIGINT      NOT NULL,
    acked_by        VARCHAR(64),
    acked_at        DATETIME(6),
    silenced_until  DATETIME(6),
    updated_at      DATETIME(6) NOT NULL,
    CONSTRAINT fk_alert_series_control_rule FOREIGN KEY (rule_id) REFERENCES alert_rule (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per notification-worthy transition of a series: the idempotency key is
-- (alert_id, episode, transition), transition being firing, repeat-N or resolved.
CREATE TABLE alert_event (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    alert_id   CHAR(16)     NOT NULL,
    rule_id    CHAR(36)     NOT NULL,
    rule_name  VARCHAR(100) NOT NULL,
    episode    BIGINT       NOT NULL,
    transition VARCHAR(20)  NOT NULL,
    severity   VARCHAR(10)  NOT NULL,
    device_id  VARCHAR(64)  NOT NULL,
    sensor     VARCHAR(256) NOT NULL,
    quantity   VARCHAR(64)  NOT NULL,
    location   VARCHAR(256) NOT NULL,
    unit       VARCHAR(32)  NOT NULL,
    value      DOUBLE,
    threshold  VARCHAR(100) NOT NULL,
    reason     VARCHAR(200) NOT NULL,
    since      DATETIME(6)  NOT NULL,
    at         DATETIME(6)  NOT NULL,
    title      TEXT         NOT NULL,
    body       TEXT         NOT NULL,
    CONSTRAINT uk_alert_event_transition UNIQUE (alert_id, episode, transition),
    KEY ix_alert_event_rule (rule_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The send log: one row per event and target (a channel id, or action-N for a rule's MQTT
-- action), written in the same transaction as the event, sent by the leader's dispatcher.
CREATE TABLE alert_notification (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    event_id        BIGINT       NOT NULL,
    target          VARCHAR(40)  NOT NULL,
    channel_kind    VARCHAR(20)  NOT NULL,
    status          VARCHAR(10)  NOT NULL,
    attempts        INT          NOT NULL,
    next_attempt_at DATETIME(6)  NOT NULL,
    last_attempt_at DATETIME(6),
    response_code   INT          NOT NULL,
    last_error      VARCHAR(500) NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    sent_at         DATETIME(6),
    CONSTRAINT uk_alert_notification_target UNIQUE (event_id, target),
    KEY ix_alert_notification_due (status, next_attempt_at),
    CONSTRAINT fk_alert_notification_event FOREIGN KEY (event_id) REFERENCES alert_event (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every delivery attempt, for the deliveries of an event and for people asking why.
CREATE TABLE alert_delivery_attempt (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    notification_id BIGINT       NOT NULL,
    at              DATETIME(6)  NOT NULL,
    delivered       BOOLEAN      NOT NULL,
    response_code   INT          NOT NULL,
    error           VARCHAR(500) NOT NULL,
    took_ms         INT          NOT NULL,
    KEY ix_alert_delivery_attempt_notification (notification_id),
    CONSTRAINT fk_alert_delivery_attempt_notification FOREIGN KEY (notification_id)
        REFERENCES alert_notification (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- How far the evaluator has seen the stored readings: catch-up from InfluxDB starts here.
CREATE TABLE alert_watermark (
    name VARCHAR(20) NOT NULL PRIMARY KEY,
    at   DATETIME(6) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Spring Integration's JdbcLockRegistry (leader election among replicas), its MySQL schema
-- with our prefix.
CREATE TABLE ALERT_INT_LOCK (
    LOCK_KEY      CHAR(36)     NOT NULL,
    REGION        VARCHAR(100) NOT NULL,
    CLIENT_ID     CHAR(36),
    CREATED_DATE  DATETIME(6)  NOT NULL,
    EXPIRED_AFTER DATETIME(6)  NOT NULL,
    CONSTRAINT ALERT_INT_LOCK_PK PRIMARY KEY (LOCK_KEY, REGION)
) ENGINE = InnoDB;
