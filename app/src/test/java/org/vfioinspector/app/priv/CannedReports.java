package org.vfioinspector.app.priv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vfioinspector.app.report.Json;

/**
 * CLI JSON reports in the {@code reset --json} / {@code bind --json} contract shape, for tests that need
 * the kernel to say something particular.
 */
public final class CannedReports {

    private CannedReports() {
    }

    /** A reset report; {@code kernel} are addresses, each reported in group {@code group}. */
    public static Map<String, Object> reset(String device, String outcome, boolean dryRun, List<String> confirmed,
                                            List<String> kernel, int group, String summary) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", device);
        m.put("kind", "hot-reset");
        m.put("dryRun", dryRun);
        m.put("outcome", outcome);
        m.put("summary", summary);
        m.put("confirmed", confirmed);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("possible", true);
        p.put("scope", "bus");
        p.put("affected", confirmed);
        m.put("prediction", p);
        m.put("kernelSet", kernel);
        List<Object> list = new ArrayList<>();
        for (String k : kernel) {
            list.add(Map.of("address", k, "group", group));
        }
        m.put("kernelList", list);
        List<String> diff = new ArrayList<>();
        for (String k : kernel) {
            if (!confirmed.contains(k)) {
                diff.add("the kernel lists " + k + ", which the prediction from sysfs does not");
            }
        }
        for (String c : confirmed) {
            if (!kernel.isEmpty() && !kernel.contains(c)) {
                diff.add("the prediction has " + c + ", which the kernel does not list");
            }
        }
        m.put("differences", diff);
        m.put("refusals", diff.isEmpty() ? List.of() : List.of(Map.of("code", "KERNEL_SET_DIFFERS", "device", device,
                "message", "The kernel would reset " + kernel + ". Nothing was reset.")));
        m.put("warnings", List.of());
        m.put("error", null);
        m.put("steps", List.of(Map.of("step", "get_hot_reset_info", "label", "VFIO_DEVICE_GET_PCI_HOT_RESET_INFO",
                "target", device, "outcome", "ok", "detail", kernel.size() + " dependent device(s)")));
        m.put("verification", List.of());
        m.put("bind", null);
        m.put("restore", null);
        return m;
    }

    /** Adds a failing call to a reset report. */
    public static Map<String, Object> withError(Map<String, Object> m, String operation, int errno, String name,
                                                String sentence) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("step", "hot_reset");
        e.put("operation", operation);
        e.put("target", m.get("device"));
        e.put("errno", errno);
        e.put("errnoName", name);
        e.put("sentence", sentence);
        m.put("error", e);
        return m;
    }

    /** A bind or restore report. Each function: address, before, after, action. */
    public static Map<String, Object> bind(String operation, String outcome, String summary, List<String[]> functions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("operation", operation);
        m.put("outcome", outcome);
        m.put("summary", summary);
        List<Object> fns = new ArrayList<>();
        for (String[] f : functions) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("address", f[0]);
            x.put("driverBefore", f[1]);
            x.put("driverAfter", f[2]);
            x.put("action", f[3]);
            x.put("message", f[0] + " " + f[3]);
            fns.add(x);
        }
        m.put("functions", fns);
        m.put("notes", List.of());
        m.put("journal", "/tmp/journal");
        return m;
    }

    public static String json(Map<String, Object> m) {
        return Json.write(m);
    }
}
