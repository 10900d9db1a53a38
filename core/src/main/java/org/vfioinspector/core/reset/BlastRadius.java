package org.vfioinspector.core.reset;

import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.vfio.ResetKind;

/**
 * Everything a reset of {@code device} would touch and whether it may proceed, for both kinds of
 * VFIO reset: the hot reset (slot or bus) and the function reset ({@code VFIO_DEVICE_RESET}).
 *
 * @param hotReset        the predicted VFIO hot reset (scope, bridge, affected set, groups)
 * @param resetMethods    the device's own function-level reset methods, explained
 * @param recommendation  the least invasive way to reset it, in a sentence
 * @param automaticReset  why the set matters even when nobody asks for a reset
 * @param affected        each function the hot reset reaches, with drivers, holders, disks, interfaces
 * @param blockers        reasons the hot reset must not run (empty = may proceed unless something is unknown)
 * @param warnings        things the engineer must acknowledge before a hot reset
 * @param unknowns        what the hot reset's verdict depends on but the host root does not show
 * @param functionReset   the function reset's own prediction and verdict
 * @param groupViability  every IOMMU group either kind of reset opens, and whether VFIO may use it
 */
public record BlastRadius(PciAddress device, HotResetPrediction hotReset, List<ResetMethodInfo> resetMethods,
                          String recommendation, String automaticReset, List<AffectedFunction> affected,
                          List<Finding> blockers, List<Finding> warnings, List<Finding> unknowns,
                          FunctionReset functionReset, List<GroupViability> groupViability) {

    /** {@link HotResetPrediction#reasonCode()} when the upstream bridge cannot be known. */
    public static final String PARENT_UNKNOWN = HotResetPrediction.PARENT_UNKNOWN;

    public BlastRadius {
        resetMethods = List.copyOf(resetMethods);
        affected = List.copyOf(affected);
        blockers = List.copyOf(blockers);
        warnings = List.copyOf(warnings);
        unknowns = List.copyOf(unknowns);
        groupViability = List.copyOf(groupViability);
    }

    /** True when the hot reset has a blocker (the compatible meaning of the top-level blockers). */
    public boolean blocked() {
        return !blockers.isEmpty();
    }

    /** Whether the kernel offers a hot reset: empty when that cannot be known (parent not captured). */
    public Optional<Boolean> hotResetPossible() {
        return hotReset.possibility();
    }

    public Verdict hotResetVerdict() {
        return Verdict.of(blockers, unknowns);
    }

    /** The least invasive reset the kernel offers: a function reset when possible, else a hot reset. */
    public Optional<ResetKind> recommended() {
        if (functionReset.possible().orElse(false)) {
            return Optional.of(ResetKind.FUNCTION_RESET);
        }
        return hotResetPossible().orElse(false) ? Optional.of(ResetKind.HOT_RESET) : Optional.empty();
    }

    /** The verdict of the reset the user would run (the recommended one). */
    public Verdict verdict() {
        return recommended().map(this::verdict).orElseGet(() ->
                // nothing known to be possible: unknown while either kind might be, else blocked
                functionReset.possible().isEmpty() || hotResetPossible().isEmpty() ? Verdict.UNKNOWN : Verdict.BLOCKED);
    }

    public Verdict verdict(ResetKind kind) {
        return kind == ResetKind.FUNCTION_RESET ? functionReset.verdict() : hotResetVerdict();
    }

    /**
     * The functions that must leave their host drivers before VFIO can use the groups {@code kind} opens:
     * the members of those groups whose drivers break viability (the affected ones included).
     */
    public List<GroupViability.Member> mustLeaveHost(ResetKind kind) {
        List<Integer> groups = kind == ResetKind.FUNCTION_RESET ? functionReset.groups() : hotReset.groups();
        return groupViability.stream().filter(g -> groups.contains(g.group()))
                .flatMap(g -> g.breaking().stream()).distinct().toList();
    }
}
