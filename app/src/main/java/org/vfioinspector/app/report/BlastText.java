package org.vfioinspector.app.report;

import java.util.List;

import org.vfioinspector.core.host.BlockDevice;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.host.Holder;
import org.vfioinspector.core.host.NetInterface;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.Names;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.reset.AffectedFunction;
import org.vfioinspector.core.reset.BlastRadius;
import org.vfioinspector.core.reset.CdevPrediction;
import org.vfioinspector.core.reset.Finding;
import org.vfioinspector.core.reset.FunctionReset;
import org.vfioinspector.core.reset.GroupViability;
import org.vfioinspector.core.reset.HotResetPrediction;
import org.vfioinspector.core.reset.ResetMethodInfo;
import org.vfioinspector.core.reset.Verdict;
import org.vfioinspector.core.vfio.ResetKind;

/**
 * The text report of {@code blast BDF}: the recommendation, the function reset and the hot reset each
 * with its verdict, the IOMMU groups VFIO must use, and the headline verdict last.
 */
public final class BlastText {

    private BlastText() {
    }

    public static String render(BlastRadius b, Topology t, HostState host, PciIds ids) {
        return render(b, t, host, ids, b.recommended());
    }

    /**
     * With {@code kind} as the reset the last line's verdict is about (empty: nothing is possible). The report
     * leads with what the window's blast panel leads with ({@link BlastHeadline}): what the reset takes down
     * and one verdict per kind.
     */
    public static String render(BlastRadius b, Topology t, HostState host, PciIds ids,
                                java.util.Optional<ResetKind> kind) {
        return render(b, t, host, ids, kind, java.util.Optional.empty());
    }

    /** With the hot reset through the vfio cdev and iommufd ({@code cdev}) as its own section before the headline. */
    public static String render(BlastRadius b, Topology t, HostState host, PciIds ids,
                                java.util.Optional<ResetKind> kind, java.util.Optional<CdevPrediction> cdev) {
        StringBuilder s = new StringBuilder();
        s.append("Reset blast radius of ").append(b.device());
        t.device(b.device()).ifPresent(d -> s.append("  ").append(Names.describe(d, ids)));
        s.append("\n\n");
        BlastHeadline head = BlastHeadline.of(b, t.device(b.device()), b.recommended(), java.util.Optional.of(t),
                java.util.Optional.of(host));
        head.lines().forEach(l -> s.append(l).append('\n'));
        s.append('\n');
        // "recommended" only for a kind that may run: a blocked kind is never recommended (as in the window)
        boolean recommendedRuns = b.recommended().map(r -> head.kinds().stream()
                .anyMatch(v -> v.kind() == r && v.mayRun())).orElse(false);
        s.append(recommendedRuns ? "Recommended: " : "Least invasive the kernel offers (cannot run now): ")
                .append(b.recommended().map(BlastText::kindName).orElse("none")).append('\n');
        s.append("  ").append(b.recommendation()).append('\n');
        functionReset(s, b);
        hotReset(s, b, t, ids);
        groups(s, b);
        cdev.ifPresent(c -> s.append(CdevPathDocument.text(c)));
        s.append('\n').append(headline(b, kind)).append('\n');
        return s.toString();
    }

    private static void functionReset(StringBuilder s, BlastRadius b) {
        FunctionReset f = b.functionReset();
        s.append("\nFunction reset of ").append(b.device()).append(" (VFIO_DEVICE_RESET): ")
                .append(f.possible().map(p -> p ? "possible, method " + f.method().orElse("?") : "not possible")
                        .orElse("unknown"))
                .append(" [reset methods").append(f.methods().methods().map(m -> " ("
                        + f.methods().source().name().toLowerCase(java.util.Locale.ROOT) + "): "
                        + (m.isEmpty() ? "none" : String.join(" ", m))).orElse(": unknown")).append("]\n");
        s.append("  ").append(f.reason()).append('\n');
        for (ResetMethodInfo m : b.resetMethods()) {
            s.append("    ").append(m.method()).append(": ").append(m.explanation()).append('\n');
        }
        findings(s, f.blockers(), f.warnings(), f.unknowns());
        s.append("  Function reset verdict: ").append(f.verdict().name()).append('\n');
    }

    private static void hotReset(StringBuilder s, BlastRadius b, Topology t, PciIds ids) {
        HotResetPrediction p = b.hotReset();
        s.append("\nHot reset (VFIO_DEVICE_PCI_HOT_RESET): ").append(b.hotResetPossible()
                .map(x -> x ? p.scope().orElseThrow().json() + " reset" : "not possible").orElse("unknown"));
        p.resetBridge().filter(x -> p.possible()).ifPresent(br -> s.append(" by bridge ").append(br));
        s.append("\n  ").append(p.reason()).append('\n');
        s.append("  Affected functions (").append(p.affected().size()).append("), IOMMU groups ")
                .append(p.groups().isEmpty() ? "none" : p.groups().toString()).append(":\n");
        for (AffectedFunction f : b.affected()) {
            s.append("    ").append(f.address());
            t.device(f.address()).ifPresent(d -> s.append("  ").append(Names.describe(d, ids)));
            s.append("  [").append(f.driver().orElse("no driver")).append(']');
            f.group().ifPresent(g -> s.append("  group ").append(g));
            s.append('\n');
            for (Holder h : f.holders()) {
                s.append("        held by ").append(h.describe()).append('\n');
            }
            for (BlockDevice d : f.disks()) {
                s.append("        disk /dev/").append(d.name());
                d.mounts().forEach(m -> s.append("  mounted at ").append(m.mountPoint()));
                d.swaps().forEach(w -> s.append("  swap ").append(w));
                s.append('\n');
            }
            for (NetInterface n : f.interfaces()) {
                s.append("        interface ").append(n.name()).append(' ').append(n.operstate().orElse("?"));
                if (!n.addresses().isEmpty()) {
                    s.append("  ").append(String.join(", ", n.addresses()));
                }
                if (n.defaultRoute()) {
                    s.append("  (default route)");
                }
                s.append('\n');
            }
            for (String card : f.drmCards()) {
                s.append("        display ").append(card).append('\n');
            }
        }
        s.append("  Note: ").append(b.automaticReset()).append('\n');
        findings(s, b.blockers(), b.warnings(), b.unknowns());
        s.append("  Hot reset verdict: ").append(b.hotResetVerdict().name()).append('\n');
    }

    private static void groups(StringBuilder s, BlastRadius b) {
        s.append("\nIOMMU groups VFIO must use (every function in them unbound or on vfio-pci, pci-stub, pcieport):\n");
        if (b.groupViability().isEmpty()) {
            s.append("  none\n");
        }
        for (GroupViability g : b.groupViability()) {
            boolean byFunction = b.functionReset().groups().contains(g.group());
            boolean byHot = b.hotReset().groups().contains(g.group());
            s.append("  group ").append(g.group()).append(" (")
                    .append(byFunction && byHot ? "both resets" : byFunction ? "function reset" : "hot reset").append("): ")
                    .append(g.viable().map(v -> v ? "viable" : "NOT viable").orElse("viability unknown")).append('\n');
            for (GroupViability.Member m : g.members()) {
                s.append("    ").append(m.describe());
                if (m.breaksViability().orElse(false)) {
                    s.append("  must leave the host: ").append(m.remedy());
                } else if (m.breaksViability().isEmpty()) {
                    s.append("  unknown");
                }
                s.append('\n');
            }
        }
    }

    private static void findings(StringBuilder s, List<Finding> blockers, List<Finding> warnings, List<Finding> unknowns) {
        section(s, "Blockers", blockers);
        section(s, "Warnings", warnings);
        section(s, "Unknowns", unknowns);
    }

    private static void section(StringBuilder s, String title, List<Finding> list) {
        s.append("  ").append(title).append(" (").append(list.size()).append(")").append(list.isEmpty() ? "\n" : ":\n");
        for (Finding f : list) {
            s.append("    ").append(f.code()).append(": ").append(f.message()).append('\n');
        }
    }

    static String kindName(ResetKind k) {
        return k == ResetKind.FUNCTION_RESET ? "function reset" : "hot reset";
    }

    /** The last line: the verdict of the reset the user would run. */
    static String headline(BlastRadius b, java.util.Optional<ResetKind> kind) {
        if (kind.isEmpty()) {
            Verdict v = b.verdict();
            return "Verdict: " + v.name() + (v == Verdict.UNKNOWN
                    ? " — whether any reset through VFIO is possible is unknown (see the unknowns)."
                    : " — neither a function reset nor a hot reset is possible.");
        }
        ResetKind k = kind.get();
        String name = kindName(k);
        boolean warned = !(k == ResetKind.FUNCTION_RESET ? b.functionReset().warnings() : b.warnings()).isEmpty();
        return switch (b.verdict(k)) {
            case READY -> "Verdict: READY — the " + name + " may run" + (warned ? "; acknowledge the warnings first." : ".");
            case BLOCKED -> "Verdict: BLOCKED — the " + name + " must not run now (see its blockers).";
            case UNKNOWN -> "Verdict: UNKNOWN — the " + name + " depends on what this host root does not show "
                    + "(see its unknowns); it is not known to be safe.";
        };
    }
}
