package home.connected.piagent.clock;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the kernel, as {@code timedatectl}'s "System clock synchronized" does: {@code adjtimex(2)}
 * with no modes set only reads, and answers {@code TIME_ERROR} while the clock is unsynchronised
 * (the {@code STA_UNSYNC} status that NTP clients such as systemd-timesyncd clear once they have set
 * the clock). Works under any NTP client and needs no privileges.
 */
public final class KernelClockSync implements ClockSync {

    private static final Logger log = LoggerFactory.getLogger(KernelClockSync.class);
    private static final int TIME_ERROR = 5;
    /** Larger than {@code struct timex} on every Linux ABI (208 bytes on 64-bit). */
    private static final int TIMEX_BYTES = 512;

    private final LibC libc;

    private KernelClockSync(LibC libc) {
        this.libc = libc;
    }

    /** The kernel's answer, or {@link ClockSync#ALWAYS} where adjtimex cannot be called. */
    public static ClockSync create() {
        try {
            KernelClockSync sync = new KernelClockSync(Native.load("c", LibC.class));
            sync.synced();
            return sync;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            log.warn("cannot ask the kernel whether the clock is synchronised ({}); trusting the clock", e.toString());
            return ALWAYS;
        }
    }

    @Override
    public boolean synced() {
        Memory timex = new Memory(TIMEX_BYTES);
        timex.clear();
        int state = libc.adjtimex(timex);
        return state >= 0 && state != TIME_ERROR;
    }

    interface LibC extends Library {
        int adjtimex(Memory timex);
    }
}
