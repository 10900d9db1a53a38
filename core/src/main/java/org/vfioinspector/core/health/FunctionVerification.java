package org.vfioinspector.core.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;

/**
 * Whether one function came back after a reset, and why: the verdict, what changed (in words), what could not
 * be seen, the facts before and after, the driver after the restore, and the kernel log lines about it.
 *
 * @param changes        what is worse than before or gone, one sentence each (empty when it came back)
 * @param notes          what could not be read, so could not be compared
 * @param driverRestored after a restore: the driver it had before the run and the one it has now; empty when
 *                       no restore ran
 * @param kernelLog      the kernel log lines about it (and its upstream port) in the reset window; empty when the
 *                       log could not be read (not root, or not this machine)
 */
public record FunctionVerification(PciAddress address, VerificationVerdict verdict, List<String> changes,
                                   List<String> notes, ResetFacts before, ResetFacts after,
                                   Optional<DriverRestore> driverRestored, Optional<List<String>> kernelLog) {

    /** The driver a function had before the run and the one bound after the restore. */
    public record DriverRestore(Optional<String> original, Optional<String> now) {
        public DriverRestore {
            Objects.requireNonNull(original, "original");
            Objects.requireNonNull(now, "now");
        }

        public boolean back() {
            return original.equals(now);
        }
    }

    public FunctionVerification {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(verdict, "verdict");
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(driverRestored, "driverRestored");
        kernelLog = kernelLog.map(List::copyOf);
    }

    /**
     * This verification with the driver found after the restore: a function whose original driver is not bound
     * again came back degraded at best.
     */
    public FunctionVerification withRestore(Optional<String> original, Optional<String> now) {
        DriverRestore d = new DriverRestore(original, now);
        List<String> c = new ArrayList<>(changes);
        VerificationVerdict v = verdict;
        if (!d.back()) {
            c.add(VerdictRules.driverNotBack(d));
            v = v.worse(VerificationVerdict.CAME_BACK_DEGRADED);
        }
        return new FunctionVerification(address, v, c, notes, before, after, Optional.of(d), kernelLog);
    }
}
