CREATE TABLE users (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    username      VARCHAR(32)  NOT NULL,
    display_name  VARCHAR(100) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    CONSTRAINT uk_users_username UNIQUE (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE `groups` (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    name       VARCHAR(32) NOT NULL,
    built_in   BOOLEAN     NOT NULL,
    created_at DATETIME(6) NOT NULL,
    CONSTRAINT uk_groups_name UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Values come from the Permission enum in code; the application refuses anything else.
CREATE TABLE group_permissions (
    group_id   BIGINT      NOT NULL,
    permission VARCHAR(32) NOT NULL,
    PRIMARY KEY (group_id, permission),
    CONSTRAINT fk_group_permissions_group FOREIGN KEY (group_id) REFERENCES `groups` (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE memberships (
    user_id  BIGINT NOT NULL,
    group_id BIGINT NOT NULL,
    PRIMARY KEY (user_id, group_id),
    CONSTRAINT fk_memberships_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_memberships_group FOREIGN KEY (group_id) REFERENCES `groups` (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Only the SHA-256 of an invite code is stored; the code itself is shown once to the admin.
CREATE TABLE invites (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    code_hash  CHAR(64)    NOT NULL,
    created_by VARCHAR(32) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    used_at    DATETIME(6) NULL,
    used_by    VARCHAR(32) NULL,
    CONSTRAINT uk_invites_code_hash UNIQUE (code_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE invite_groups (
    invite_id BIGINT NOT NULL,
    group_id  BIGINT NOT NULL,
    PRIMARY KEY (invite_id, group_id),
    CONSTRAINT fk_invite_groups_invite FOREIGN KEY (invite_id) REFERENCES invites (id) ON DELETE CASCADE,
    CONSTRAINT fk_invite_groups_group FOREIGN KEY (group_id) REFERENCES `groups` (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Opaque refresh tokens, stored as SHA-256; one family per sign-in, rotated on every use.
CREATE TABLE refresh_tokens (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    token_hash CHAR(64)    NOT NULL,
    family_id  CHAR(36)    NOT NULL,
    user_id    BIGINT      NOT NULL,
    created_at DATETIME(6) NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    used_at    DATETIME(6) NULL,
    revoked_at DATETIME(6) NULL,
    CONSTRAINT uk_refresh_tokens_hash UNIQUE (token_hash),
    CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    INDEX ix_refresh_tokens_family (family_id),
    INDEX ix_refresh_tokens_user (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Token signing keys. The private half is AES-256-GCM encrypted with a key that lives only in
-- the deployment's secret (ch.auth.signing.key-encryption-key), never in the database.
CREATE TABLE signing_keys (
    kid                   VARCHAR(64)    NOT NULL PRIMARY KEY,
    algorithm             VARCHAR(10)    NOT NULL,
    public_key            VARBINARY(1024) NOT NULL,
    private_key_encrypted VARBINARY(4096) NOT NULL,
    created_at            DATETIME(6)    NOT NULL,
    retired_at            DATETIME(6)    NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE devices (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    device_id    VARCHAR(64)  NOT NULL,
    display_name VARCHAR(100) NOT NULL,
    location     VARCHAR(100) NOT NULL,
    enabled      BOOLEAN      NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    created_by   VARCHAR(32)  NOT NULL,
    CONSTRAINT uk_devices_device_id UNIQUE (device_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE audit_events (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    at             DATETIME(6)  NOT NULL,
    actor          VARCHAR(64)  NOT NULL,
    action         VARCHAR(64)  NOT NULL,
    target         VARCHAR(128) NOT NULL,
    client_address VARCHAR(64)  NOT NULL,
    detail         VARCHAR(512) NOT NULL,
    INDEX ix_audit_events_actor (actor, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The audit log is append-only, enforced by the database and not only by the code.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_events is append-only';

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_events is append-only';
