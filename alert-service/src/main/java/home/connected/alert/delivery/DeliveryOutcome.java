package home.connected.alert.delivery;

import java.time.Duration;

/**
 * What one attempt to deliver a notice came to.
 *
 * @param retryable false when trying again cannot help (e.g. HTTP 400, 401, 404: the channel is misconfigured)
 * @param retryAfter how long the receiver asked us to wait (HTTP 429 Retry-After, Telegram's
 *     retry_after), or null
 * @param responseCode the HTTP status or SMTP reply code; 0 when none came back
 * @param error empty when delivered; otherwise a short reason for people (no secrets, no stack trace)
 */
public record DeliveryOutcome(
        boolean delivered, boolean retryable, Duration retryAfter, int responseCode, String error, Duration took) {

    public static DeliveryOutcome delivered(int responseCode, Duration took) {
        return new DeliveryOutcome(true, false, null, responseCode, "", took);
    }

    public static DeliveryOutcome failed(boolean retryable, int responseCode, String error, Duration took) {
        return new DeliveryOutcome(false, retryable, null, responseCode, error, took);
    }

    public static DeliveryOutcome throttled(Duration retryAfter, int responseCode, String error, Duration took) {
        return new DeliveryOutcome(false, true, retryAfter, responseCode, error, took);
    }

    /** The same outcome, with the time the whole attempt took. */
    DeliveryOutcome took(Duration measured) {
        return new DeliveryOutcome(delivered, retryable, retryAfter, responseCode, error, measured);
    }
}
