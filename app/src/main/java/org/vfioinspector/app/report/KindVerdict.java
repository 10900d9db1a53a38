package org.vfioinspector.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.reset.BlastRadius;
import org.vfioinspector.core.reset.Finding;
import org.vfioinspector.core.text.Counted;
import org.vfioinspector.core.vfio.ResetKind;
import org.vfioinspector.core.vfio.ResetPlanner;

/**
 * The one verdict of one kind of reset of a function, as the window's badge, the blast panel's text and the
 * reset wizard all show it: built from the blast radius and the planner's own refusals (with binding allowed,
 * as the wizard runs it), so none of them can say "ready" where another says "blocked". Unknown is never ready.
 *
 * @param kind      the kind of reset
 * @param state     where it stands
 * @param name      {@code Function reset (FLR)} or {@code Hot reset (bus)}: the kind, with the method or scope
 * @param why       why it is not offered, when it is not (the kernel's reason), else empty
 * @param blockers  what refuses it even after the wizard binds the functions to vfio-pci
 * @param toBind    the functions that must leave their host drivers for vfio-pci first (the wizard offers to)
 * @param warnings  what the engineer must acknowledge
 * @param unknowns  what the verdict depends on but cannot be seen
 */
public record KindVerdict(ResetKind kind, State state, String name, String why, List<Finding> blockers,
                          List<PciAddress> toBind, List<Finding> warnings, List<Finding> unknowns) {

    /** Where a kind of reset stands, worst first. */
    public enum State {
        /** The kernel does not offer it for this function. */
        NOT_OFFERED,
        /** Something refuses it that binding does not resolve. */
        BLOCKED,
        /** Whether the kernel offers it, or whether it may run, cannot be known from here. */
        UNKNOWN,
        /** It may run once functions leave their host drivers for vfio-pci. */
        NEEDS_BINDING,
        /** It may run once the warnings are acknowledged. */
        CHECK,
        /** Nothing forbids it, nothing it needs is unknown, nothing needs acknowledging. */
        READY
    }

    public KindVerdict {
        blockers = List.copyOf(blockers);
        toBind = List.copyOf(toBind);
        warnings = List.copyOf(warnings);
        unknowns = List.copyOf(unknowns);
    }

    /** Both kinds for {@code target}: the function reset first, then the hot reset. */
    public static List<KindVerdict> both(BlastRadius b, PciDevice target) {
        return List.of(of(b, target, ResetKind.FUNCTION_RESET), of(b, target, ResetKind.HOT_RESET));
    }

    public static KindVerdict of(BlastRadius b, PciDevice target, ResetKind kind) {
        boolean hot = kind == ResetKind.HOT_RESET;
        Optional<Boolean> offered = hot ? b.hotResetPossible() : b.functionReset().possible();
        String name = hot ? "Hot reset" + b.hotReset().scope().map(s -> " (" + s.json() + ")").orElse("")
                : "Function reset" + b.functionReset().method().map(m -> " (" + methodName(m) + ")").orElse("");
        List<Finding> all = hot ? b.blockers() : b.functionReset().blockers();
        List<Finding> blockers = ResetPlanner.refusals(b, target, kind, true);
        List<PciAddress> toBind = new ArrayList<>();
        for (Finding f : all) {
            if (ResetPlanner.bindResolves(f)) {
                f.device().filter(a -> !toBind.contains(a)).ifPresent(toBind::add);
            }
        }
        List<Finding> warnings = hot ? b.warnings() : b.functionReset().warnings();
        List<Finding> unknowns = hot ? b.unknowns() : b.functionReset().unknowns();
        String reason = hot ? b.hotReset().reason() : b.functionReset().reason();
        State state;
        if (offered.isPresent() && !offered.get()) {
            state = State.NOT_OFFERED;
        } else if (!blockers.isEmpty()) {
            state = State.BLOCKED;
        } else if (offered.isEmpty() || !unknowns.isEmpty()) {
            state = State.UNKNOWN;
        } else if (!toBind.isEmpty()) {
            state = State.NEEDS_BINDING;
        } else if (!warnings.isEmpty()) {
            state = State.CHECK;
        } else {
            state = State.READY;
        }
        return new KindVerdict(kind, state, name, offered.orElse(true) ? "" : reason, blockers, toBind, warnings,
                unknowns);
    }

    /** Whether the wizard can go through with this kind (possibly after binding and acknowledging). */
    public boolean mayRun() {
        return state != State.NOT_OFFERED && state != State.BLOCKED;
    }

    /** {@code READY}, {@code BLOCKED (2 blockers)}, {@code NEEDS vfio-pci (1 function to bind)}… */
    public String words() {
        return switch (state) {
            case NOT_OFFERED -> "NOT OFFERED";
            case BLOCKED -> "BLOCKED (" + Counted.of(blockers.size(), "blocker") + ")";
            case UNKNOWN -> "UNKNOWN" + (unknowns.isEmpty() ? " (whether the kernel offers it)"
                    : " (" + Counted.of(unknowns.size(), "unknown") + ")");
            case NEEDS_BINDING -> "NEEDS vfio-pci (" + Counted.of(toBind.size(), "function") + " to bind"
                    + (warnings.isEmpty() ? "" : ", " + Counted.of(warnings.size(), "warning")) + ")";
            case CHECK -> "CHECK (" + Counted.of(warnings.size(), "warning") + ")";
            case READY -> "READY";
        };
    }

    /** {@code Function reset (FLR): READY}. */
    public String label() {
        return name + ": " + words();
    }

    /** {@code Function reset (FLR): READY · Hot reset (bus): BLOCKED (2 blockers)}. */
    public static String line(List<KindVerdict> verdicts) {
        return String.join(" · ", verdicts.stream().map(KindVerdict::label).toList());
    }

    /** Whether any kind can go through the wizard. */
    public static boolean anyMayRun(List<KindVerdict> verdicts) {
        return verdicts.stream().anyMatch(KindVerdict::mayRun);
    }

    /** Why no kind can run, in a sentence; empty when one can. */
    public static String whyNoneRuns(List<KindVerdict> verdicts) {
        if (anyMayRun(verdicts)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (KindVerdict v : verdicts) {
            parts.add(v.name + (v.state == State.NOT_OFFERED ? " is not offered: " + v.why
                    : " is blocked: " + v.blockers.get(0).message()
                    + (v.blockers.size() > 1 ? " (and " + Counted.of(v.blockers.size() - 1, "more blocker") + ")" : "")));
        }
        return "No reset can run. " + String.join(" ", parts.stream().map(p -> p.endsWith(".") ? p : p + ".").toList());
    }

    private static String methodName(String m) {
        return switch (m) {
            case "flr" -> "FLR";
            case "af_flr" -> "AF FLR";
            case "pm" -> "PM D3hot";
            case "bus" -> "secondary bus";
            default -> m;
        };
    }
}
