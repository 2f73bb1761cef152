package home.connected.piagent.clock;

/** Whether the system clock has been set from the network; a Pi has no battery-backed clock. */
public interface ClockSync {

    boolean synced();

    /** For a clock the user trusts as it is ({@code clock.require-sync: false}). */
    ClockSync ALWAYS = () -> true;
}
