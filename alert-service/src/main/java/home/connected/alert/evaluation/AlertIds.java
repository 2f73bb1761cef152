package home.connected.alert.evaluation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The id of a rule's alert for one series: also its fingerprint in webhook and Alertmanager payloads. */
final class AlertIds {

    private AlertIds() {}

    static String of(String ruleId, String device, String sensor, String quantity) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(
                    String.join("\n", ruleId, device, sensor, quantity).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
