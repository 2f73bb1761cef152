package home.connected.auth.password;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import home.connected.access.ApiException;
import home.connected.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final LoginThrottle throttle =
            new LoginThrottle(new LoginThrottle.Properties(3, 5, Duration.ofMinutes(5)), clock);

    @Test
    void anAccountIsHeldAfterItsLimitUntilTheOldestFailureLeavesTheWindow() {
        fail("alice", "10.0.0.1", 3);

        assertThatThrownBy(() -> throttle.check("alice", "10.0.0.2"))
                .isInstanceOf(ApiException.class)
                .hasMessage("too many attempts, try again in 300 s");
        assertThatCode(() -> throttle.check("bob", "10.0.0.2")).doesNotThrowAnyException();

        clock.advance(Duration.ofSeconds(299));
        assertThatThrownBy(() -> throttle.check("alice", "10.0.0.2")).hasMessage("too many attempts, try again in 1 s");
        clock.advance(Duration.ofSeconds(1));
        assertThatCode(() -> throttle.check("alice", "10.0.0.2")).doesNotThrowAnyException();
    }

    @Test
    void anAddressIsHeldAfterItsLimitWhateverTheAccount() {
        for (int i = 0; i < 5; i++) {
            fail("user" + i, "10.0.0.9", 1);
        }

        assertThatThrownBy(() -> throttle.check("someone-new", "10.0.0.9")).hasMessageContaining("try again in");
        assertThatCode(() -> throttle.check("someone-new", "10.0.0.10")).doesNotThrowAnyException();
    }

    @Test
    void aSuccessClearsTheAccountButNotTheAddress() {
        fail("carol", "10.0.0.3", 2);
        throttle.recordSuccess("carol");
        fail("carol", "10.0.0.3", 2);

        assertThatCode(() -> throttle.check("carol", "10.0.0.4")).doesNotThrowAnyException();
        fail("dave", "10.0.0.3", 1);
        assertThatThrownBy(() -> throttle.check("erin", "10.0.0.3")).hasMessageContaining("try again in");
    }

    @Test
    void accountNamesAreCountedCaseInsensitively() {
        fail("Frank", "10.0.0.5", 3);

        assertThatThrownBy(() -> throttle.check("frank", "10.0.0.6")).hasMessageContaining("try again in");
    }

    private void fail(String account, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(account, address);
        }
    }
}
