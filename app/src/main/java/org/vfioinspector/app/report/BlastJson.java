package org.vfioinspector.app.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.vfioinspector.core.host.BlockDevice;
import org.vfioinspector.core.host.Holder;
import org.vfioinspector.core.host.NetInterface;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.reset.AffectedFunction;
import org.vfioinspector.core.reset.BlastRadius;
import org.vfioinspector.core.reset.Finding;
import org.vfioinspector.core.reset.FunctionReset;
import org.vfioinspector.core.reset.GroupViability;
import org.vfioinspector.core.reset.HotResetPrediction;
import org.vfioinspector.core.reset.ResetMethodInfo;
import org.vfioinspector.core.reset.Verdict;
import org.vfioinspector.core.vfio.ResetKind;

/** The {@code blast BDF --json} shape of the CLI contract (shared/DESIGN.md), then details. */
public final class BlastJson {

    private BlastJson() {
    }

    public static Map<String, Object> of(BlastRadius b) {
        return of(b, b.verdict());
    }

    /** With {@code verdict} as the headline (the recommended kind's, or the one the user chose). */
    public static Map<String, Object> of(BlastRadius b, Verdict verdict) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("device", b.device().toString());
        out.put("verdict", verdict.json());
        out.put("recommended", b.recommended().map(BlastJson::kind).orElse(null));
        out.put("functionReset", functionReset(b.functionReset()));
        Map<String, Object> hot = hotReset(b.hotReset());
        hot.put("possible", b.hotResetPossible().orElse(null));
        hot.put("verdict", b.hotResetVerdict().json());
        out.put("hotReset", hot);
        out.put("groupViability", groupViability(b.groupViability()));
        out.put("blockers", findings(b.blockers()));
        out.put("warnings", findings(b.warnings()));
        out.put("unknowns", findings(b.unknowns()));
        List<Object> methods = new ArrayList<>();
        for (ResetMethodInfo m : b.resetMethods()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("method", m.method());
            x.put("explanation", m.explanation());
            x.put("functionOnly", m.functionOnly());
            methods.add(x);
        }
        out.put("resetMethods", methods);
        out.put("recommendation", b.recommendation());
        out.put("automaticReset", b.automaticReset());
        List<Object> details = new ArrayList<>();
        for (AffectedFunction f : b.affected()) {
            details.add(affected(f));
        }
        out.put("affectedDetails", details);
        return out;
    }

    /** {@code function} or {@code hot}, as {@code recommended} and {@code blast --reset} spell them. */
    public static String kind(ResetKind k) {
        return k == ResetKind.FUNCTION_RESET ? "function" : "hot";
    }

    static Map<String, Object> functionReset(FunctionReset f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("possible", f.possible().orElse(null));
        m.put("method", f.method().orElse(null));
        m.put("methods", f.methods().methods().orElse(null));
        m.put("source", f.methods().source().name().toLowerCase(Locale.ROOT));
        m.put("affected", f.affected().stream().map(PciAddress::toString).toList());
        m.put("groups", f.groups());
        m.put("reason", f.reason());
        m.put("verdict", f.verdict().json());
        m.put("blockers", findings(f.blockers()));
        m.put("warnings", findings(f.warnings()));
        m.put("unknowns", findings(f.unknowns()));
        return m;
    }

    static List<Object> groupViability(List<GroupViability> groups) {
        List<Object> out = new ArrayList<>();
        for (GroupViability g : groups) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", g.group());
            m.put("viable", g.viable().orElse(null));
            List<Object> members = new ArrayList<>();
            for (GroupViability.Member x : g.members()) {
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("address", x.address().toString());
                mm.put("driver", x.driver().orElse(null));
                mm.put("bridge", x.bridge());
                // null when it cannot be known (a bridge on a host driver, kernel version unknown)
                mm.put("breaksViability", x.breaksViability().orElse(null));
                members.add(mm);
            }
            m.put("members", members);
            out.add(m);
        }
        return out;
    }

    static Map<String, Object> hotReset(HotResetPrediction p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("possible", p.possibility().orElse(null));
        m.put("scope", p.scope().map(s -> s.json()).orElse(null));
        m.put("resetBridge", p.resetBridge().map(PciAddress::toString).orElse(null));
        m.put("affected", p.affected().stream().map(PciAddress::toString).toList());
        m.put("groups", p.groups());
        m.put("reason", p.reason());
        m.put("reasonCode", p.reasonCode());
        return m;
    }

    static List<Object> findings(List<Finding> findings) {
        List<Object> out = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", f.code());
            m.put("device", f.device().map(PciAddress::toString).orElse(null));
            m.put("message", f.message());
            out.add(m);
        }
        return out;
    }

    static Map<String, Object> affected(AffectedFunction f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", f.address().toString());
        m.put("driver", f.driver().orElse(null));
        m.put("iommuGroup", Json.num(f.group()));
        m.put("bridge", f.bridge());
        m.put("holders", f.holders().stream().map(BlastJson::holder).toList());
        List<Object> disks = new ArrayList<>();
        for (BlockDevice d : f.disks()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", d.name());
            x.put("partitions", d.partitions());
            x.put("mounts", d.mounts().stream().map(mt -> mt.mountPoint()).toList());
            x.put("swaps", d.swaps());
            disks.add(x);
        }
        m.put("disks", disks);
        List<Object> nics = new ArrayList<>();
        for (NetInterface n : f.interfaces()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", n.name());
            x.put("state", n.operstate().orElse(null));
            x.put("addresses", n.addresses());
            x.put("defaultRoute", n.defaultRoute());
            nics.add(x);
        }
        m.put("interfaces", nics);
        m.put("drmCards", f.drmCards());
        return m;
    }

    public static Map<String, Object> holder(Holder h) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("pid", h.pid());
        x.put("command", h.command());
        x.put("cmdline", h.cmdline());
        x.put("files", h.files());
        x.put("kvmVfio", h.kvmVfio());
        return x;
    }
}
