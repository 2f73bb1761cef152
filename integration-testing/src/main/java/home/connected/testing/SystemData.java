package home.connected.testing;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a {@link RunningSystem} keeps its state and the secrets that state depends on: its scratch
 * MariaDB database and InfluxDB database, the bootstrap admin's password, and the keys auth-service's
 * signing keys and alert-service's channel secrets are encrypted with. A new system started on the same
 * data (e.g. after a restore) finds everything the last one left.
 */
public final class SystemData {

    private final ScratchDatabase database;
    private final ScratchInflux influx;
    private final String adminPassword = UUID.randomUUID().toString();
    private final String authKeyEncryptionKey = randomKey();
    private final String alertSecretsKey = randomKey();

    private SystemData(ScratchDatabase database, ScratchInflux influx) {
        this.database = database;
        this.influx = influx;
    }

    /** @param purpose lower-case letters, digits and underscores: names both databases */
    public static SystemData create(String purpose) {
        return new SystemData(ScratchDatabase.create(purpose), ScratchInflux.create(purpose));
    }

    public ScratchDatabase database() {
        return database;
    }

    public ScratchInflux influx() {
        return influx;
    }

    public String adminPassword() {
        return adminPassword;
    }

    String authKeyEncryptionKey() {
        return authKeyEncryptionKey;
    }

    String alertSecretsKey() {
        return alertSecretsKey;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
