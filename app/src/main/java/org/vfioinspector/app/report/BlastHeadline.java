package org.vfioinspector.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.BlastRadius;
import org.vfioinspector.core.vfio.ResetKind;

/**
 * What a blast radius report leads with, the same words in the window's blast panel and in {@code blast}'s
 * text: what the reset takes down, who must leave host drivers, what could not be seen, and one verdict per
 * reset kind. Pure: no JavaFX.
 *
 * @param kinds     one verdict per reset kind (empty when the function is not in the topology)
 * @param described the kind the headline is about: the recommended one when it may run, else the first that
 *                  may, else the recommended one (or the hot reset)
 * @param takesDown what {@code described} takes down; empty when the host state is not read yet
 */
public record BlastHeadline(List<KindVerdict> kinds, ResetKind described, Optional<TakesDown> takesDown) {

    public BlastHeadline {
        kinds = List.copyOf(kinds);
    }

    public static BlastHeadline of(BlastRadius b, Optional<PciDevice> target, Optional<ResetKind> recommended,
                                   Optional<Topology> topology, Optional<HostState> host) {
        List<KindVerdict> kinds = target.map(d -> KindVerdict.both(b, d)).orElse(List.of());
        ResetKind described = describedKind(kinds, recommended);
        Optional<TakesDown> down = topology.isPresent() && host.isPresent()
                ? Optional.of(TakesDown.of(b, described, topology.get(), host.get())) : Optional.empty();
        return new BlastHeadline(kinds, described, down);
    }

    static ResetKind describedKind(List<KindVerdict> kinds, Optional<ResetKind> recommended) {
        Optional<KindVerdict> runs = kinds.stream().filter(KindVerdict::mayRun)
                .filter(v -> recommended.map(r -> r == v.kind()).orElse(true)).findFirst()
                .or(() -> kinds.stream().filter(KindVerdict::mayRun).findFirst());
        return runs.map(KindVerdict::kind).orElse(recommended.orElse(ResetKind.HOT_RESET));
    }

    /** True when no kind may run (every kind blocked, unknown or not offered). */
    public boolean noneRuns() {
        return !kinds.isEmpty() && !KindVerdict.anyMayRun(kinds);
    }

    /** True when the kernel offers no kind at all. */
    public boolean noneOffered() {
        return !kinds.isEmpty() && kinds.stream().allMatch(k -> k.state() == KindVerdict.State.NOT_OFFERED);
    }

    /** The first sentence: what goes away, or why nothing can run. */
    public String headline() {
        String name = kinds.stream().filter(k -> k.kind() == described).findFirst().map(KindVerdict::name)
                .orElse(described == ResetKind.FUNCTION_RESET ? "Function reset" : "Hot reset");
        if (takesDown.isEmpty()) {
            return name + " · what it takes down is unknown (the host is not read yet)";
        }
        if (noneOffered()) {
            return "No reset can run here: the kernel offers no VFIO reset for this function.";
        }
        if (noneRuns()) {
            return "No reset can run now (blocked). " + name + " would take down: "
                    + (takesDown.get().items().isEmpty() ? "nothing seen" : String.join(", ", takesDown.get().items()));
        }
        return name + " · " + takesDown.get().headline();
    }

    /** Who must leave host drivers; empty when none must, or when no kind is offered at all. */
    public String mustLeaveLine() {
        return takesDown.isEmpty() || noneOffered() ? "" : takesDown.get().mustLeaveLine();
    }

    /** What could not be seen; empty when everything was. */
    public String unknownLine() {
        return takesDown.map(TakesDown::unknownLine).orElse("");
    }

    /** The leading block of a text report, one sentence a line. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(headline());
        if (!mustLeaveLine().isEmpty()) {
            out.add(mustLeaveLine());
        }
        if (!unknownLine().isEmpty()) {
            out.add(unknownLine());
        }
        if (!kinds.isEmpty()) {
            out.add(KindVerdict.line(kinds));
        }
        String why = KindVerdict.whyNoneRuns(kinds);
        if (!kinds.isEmpty() && !why.isEmpty()) {
            out.add(why);
        }
        return out;
    }
}
