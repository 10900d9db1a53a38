package org.vfioinspector.app.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.reset.Finding;
import org.vfioinspector.core.reset.HotResetPrediction;
import org.vfioinspector.core.vfio.DependentDevice;
import org.vfioinspector.core.vfio.ResetKind;
import org.vfioinspector.core.vfio.ResetReport;

/** The {@code reset --json} shape and the text report, and the exit code of a report. */
public final class ResetJson {

    private ResetJson() {
    }

    public static Map<String, Object> report(ResetReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        var req = r.plan().request();
        m.put("device", req.target().toString());
        m.put("kind", req.kind() == ResetKind.HOT_RESET ? "hot-reset" : "function-reset");
        m.put("dryRun", req.dryRun());
        m.put("outcome", outcome(r.outcome()));
        m.put("summary", r.summary());
        m.put("confirmed", addresses(req.confirmed()));
        m.put("prediction", r.plan().prediction().map(ResetJson::prediction).orElse(null));
        m.put("kernelSet", addresses(r.kernelSet().stream().sorted().toList()));
        List<Object> kernel = new ArrayList<>();
        for (DependentDevice d : r.kernelList()) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("address", d.address().toString());
            k.put("group", d.devIdMode() ? null : d.groupId());
            kernel.add(k);
        }
        m.put("kernelList", kernel);
        m.put("differences", r.differences());
        m.put("refusals", findings(r.refusals()));
        m.put("warnings", findings(r.plan().warnings()));
        m.put("error", r.error().map(e -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("step", e.stage().name().toLowerCase());
            x.put("operation", e.operation());
            x.put("target", e.target());
            x.put("errno", e.errno());
            x.put("errnoName", e.errnoName());
            x.put("sentence", e.sentence());
            return x;
        }).orElse(null));
        List<Object> steps = new ArrayList<>();
        for (ResetReport.Step s : r.steps()) {
            steps.add(step(s));
        }
        m.put("steps", steps);
        List<Object> verification = new ArrayList<>();
        for (ResetReport.Verification v : r.verification()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("address", v.address().toString());
            x.put("before", v.before().orElse(null));
            x.put("after", v.after().orElse(null));
            x.put("answers", v.answers());
            x.put("unchanged", v.unchanged());
            verification.add(x);
        }
        m.put("verification", verification);
        return m;
    }

    private static Map<String, Object> prediction(HotResetPrediction p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("possible", p.possibility().orElse(null));
        m.put("scope", p.scope().map(s -> s.json()).orElse(null));
        m.put("resetBridge", p.resetBridge().map(PciAddress::toString).orElse(null));
        m.put("affected", addresses(p.affected()));
        m.put("groups", p.groups());
        m.put("reason", p.reason());
        return m;
    }

    static List<Object> findings(List<Finding> fs) {
        List<Object> out = new ArrayList<>();
        for (Finding f : fs) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("code", f.code());
            x.put("device", f.device().map(PciAddress::toString).orElse(null));
            x.put("message", f.message());
            out.add(x);
        }
        return out;
    }

    private static List<String> addresses(List<PciAddress> as) {
        return as.stream().map(PciAddress::toString).toList();
    }

    /** One protocol step, as in the report's {@code steps} and in {@code --progress} lines. */
    public static Map<String, Object> step(ResetReport.Step s) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("step", s.stage().name().toLowerCase());
        x.put("label", s.stage().label());
        x.put("target", s.target());
        x.put("outcome", s.outcome().name().toLowerCase());
        x.put("detail", s.detail());
        return x;
    }

    static String outcome(ResetReport.Outcome o) {
        return o.name().toLowerCase().replace('_', '-');
    }

    public static void text(PrintStream out, ResetReport r) {
        var req = r.plan().request();
        out.println((req.kind() == ResetKind.HOT_RESET ? "Hot reset" : "Function reset (VFIO_DEVICE_RESET)") + " of " + req.target()
                + (req.dryRun() ? " (dry run)" : "") + ": " + outcome(r.outcome()));
        for (ResetReport.Step s : r.steps()) {
            out.printf("  %-8s %-36s %s%s%n", s.outcome().name().toLowerCase(), s.stage().label(),
                    s.target().isEmpty() ? "" : s.target() + " ", s.detail());
        }
        if (!r.kernelList().isEmpty()) {
            out.println("Kernel's list: " + r.kernelList().stream().map(DependentDevice::toString)
                    .collect(Collectors.joining(", ")));
        }
        r.differences().forEach(d -> out.println("Difference: " + d));
        r.refusals().forEach(f -> out.println("Refused (" + f.code() + "): " + f.message()));
        r.plan().warnings().forEach(f -> out.println("Warning (" + f.code() + "): " + f.message()));
        if (r.refusals().stream().noneMatch(f -> f.message().equals(r.summary()))) {
            out.println(r.summary());
        }
    }

    public static int exitCode(ResetReport r) {
        return switch (r.outcome()) {
            case RESET, DRY_RUN -> ExitCodes.OK;
            case REFUSED -> ExitCodes.REFUSED;
            case FAILED -> ExitCodes.IO;
        };
    }
}
