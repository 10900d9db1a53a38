package org.vfioinspector.app.cli;

import org.vfioinspector.core.host.BlockDevice;
import org.vfioinspector.core.host.Holder;
import org.vfioinspector.core.host.NetInterface;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.reset.AffectedFunction;
import org.vfioinspector.core.reset.BlastRadius;
import org.vfioinspector.core.reset.Finding;
import org.vfioinspector.core.reset.HotResetPrediction;
import org.vfioinspector.core.reset.ResetMethodInfo;

/** The text report of {@code blast BDF}: scope, affected functions, blockers and warnings. */
public final class BlastText {

    private BlastText() {
    }

    public static String render(BlastRadius b, Topology t, PciIds ids) {
        StringBuilder s = new StringBuilder();
        HotResetPrediction p = b.hotReset();
        s.append("Reset blast radius of ").append(b.device());
        t.device(b.device()).ifPresent(d -> s.append("  ").append(Names.describe(d, ids)));
        s.append("\n\n");
        s.append("Hot reset: ").append(p.possible() ? p.scope().orElseThrow().json() + " reset" : "not possible");
        p.resetBridge().filter(x -> p.possible()).ifPresent(br -> s.append(" by bridge ").append(br));
        s.append("\n  ").append(p.reason()).append('\n');
        s.append("\nAffected functions (").append(p.affected().size()).append("), IOMMU groups ")
                .append(p.groups().isEmpty() ? "none" : p.groups().toString()).append(":\n");
        for (AffectedFunction f : b.affected()) {
            s.append("  ").append(f.address());
            t.device(f.address()).ifPresent(d -> s.append("  ").append(Names.describe(d, ids)));
            s.append("  [").append(f.driver().orElse("no driver")).append(']');
            f.group().ifPresent(g -> s.append("  group ").append(g));
            s.append('\n');
            for (Holder h : f.holders()) {
                s.append("      held by ").append(h.describe()).append('\n');
            }
            for (BlockDevice d : f.disks()) {
                s.append("      disk /dev/").append(d.name());
                d.mounts().forEach(m -> s.append("  mounted at ").append(m.mountPoint()));
                d.swaps().forEach(w -> s.append("  swap ").append(w));
                s.append('\n');
            }
            for (NetInterface n : f.interfaces()) {
                s.append("      interface ").append(n.name()).append(' ').append(n.operstate().orElse("?"));
                if (!n.addresses().isEmpty()) {
                    s.append("  ").append(String.join(", ", n.addresses()));
                }
                if (n.defaultRoute()) {
                    s.append("  (default route)");
                }
                s.append('\n');
            }
            for (String card : f.drmCards()) {
                s.append("      display ").append(card).append('\n');
            }
        }
        s.append("\nFunction reset of ").append(b.device()).append(":\n");
        if (b.resetMethods().isEmpty()) {
            s.append("  none: ").append(t.device(b.device()).map(d -> d.resetDisabled()
                    ? "reset_method is empty (disabled by an administrator)" : "the kernel found no reset method")
                    .orElse("unknown")).append('\n');
        }
        for (ResetMethodInfo m : b.resetMethods()) {
            s.append("  ").append(m.method()).append(": ").append(m.explanation()).append('\n');
        }
        s.append("  ").append(b.recommendation()).append('\n');
        s.append("  Note: ").append(b.automaticReset()).append('\n');
        section(s, "Blockers", b.blockers());
        section(s, "Warnings", b.warnings());
        s.append('\n').append(b.blocked() ? "Verdict: BLOCKED — a hot reset must not run now."
                : "Verdict: no blockers" + (b.warnings().isEmpty() ? "." : "; acknowledge the warnings first.")).append('\n');
        return s.toString();
    }

    private static void section(StringBuilder s, String title, java.util.List<Finding> list) {
        s.append('\n').append(title).append(" (").append(list.size()).append("):\n");
        for (Finding f : list) {
            s.append("  ").append(f.code()).append(": ").append(f.message()).append('\n');
        }
    }
}
