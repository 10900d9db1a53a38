package org.vfioinspector.core.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.vfioinspector.core.model.LinkStatus;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;

/**
 * Verifies a reset: {@link #before} reads every function's {@link ResetFacts} and the kernel log's position
 * just before the reset ioctl, {@link #after} reads them again and judges each with {@link VerdictRules}.
 */
public final class Verifier {

    /** What was read before the reset. */
    public record Before(Map<PciAddress, ResetFacts> facts, OptionalLong logPosition) {
        public Before {
            facts = Map.copyOf(facts);
            Objects.requireNonNull(logPosition, "logPosition");
        }
    }

    private final HostRoot root;
    private final KernelLog log;

    public Verifier(HostRoot root, KernelLog log) {
        this.root = Objects.requireNonNull(root, "root");
        this.log = Objects.requireNonNull(log, "log");
    }

    public Before before(List<PciAddress> set) {
        Map<PciAddress, ResetFacts> facts = new LinkedHashMap<>();
        for (PciAddress a : set) {
            facts.put(a, ResetFacts.read(root, a));
        }
        return new Before(facts, log.position());
    }

    /**
     * Reads {@code set} again and judges it against {@code before}; a function not read before is compared with
     * nothing, so its ids are unknown.
     *
     * @param linkDownReported the hot reset failed with ENOTTY (see {@link VerdictRules})
     */
    public Verification after(Before before, List<PciAddress> set, boolean linkDownReported) {
        Optional<List<KernelLog.Entry>> entries = before.logPosition().isPresent()
                ? log.since(before.logPosition().getAsLong()) : Optional.empty();
        List<FunctionVerification> out = new ArrayList<>();
        for (PciAddress a : set) {
            ResetFacts now = ResetFacts.read(root, a);
            ResetFacts was = before.facts().getOrDefault(a, unread(now));
            List<PciAddress> about = new ArrayList<>(List.of(a));
            now.upstreamPort().ifPresent(about::add);
            out.add(VerdictRules.judge(was, now, linkDownReported, entries.map(e -> KernelLog.about(e, about))));
        }
        return new Verification(out);
    }

    /** Facts of a function nobody read: everything unknown. */
    private static ResetFacts unread(ResetFacts now) {
        FunctionHealth f = now.function();
        return new ResetFacts(new FunctionHealth(f.address(), true, OptionalInt.empty(), OptionalInt.empty(), false,
                Optional.empty(), LinkStatus.UNKNOWN, AerCounters.UNKNOWN, AerCounters.UNKNOWN, Optional.empty()),
                Optional.empty(), LinkStatus.UNKNOWN, Optional.empty(), Optional.empty(), AerCounters.UNKNOWN);
    }
}
