package org.vfioinspector.app.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vfioinspector.core.bind.BindReport;

/** JSON and text for {@code bind} and {@code restore} reports, and their exit codes. */
public final class BindJson {

    private BindJson() {
    }

    public static Map<String, Object> report(BindReport r, String journal) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("operation", r.operation().name().toLowerCase());
        m.put("outcome", r.outcome().name().toLowerCase().replace('_', '-'));
        m.put("summary", r.summary());
        List<Object> fns = new ArrayList<>();
        for (BindReport.FunctionResult f : r.functions()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("address", f.address().toString());
            x.put("driverBefore", f.driverBefore().orElse(null));
            x.put("driverAfter", f.driverAfter().orElse(null));
            x.put("action", f.action().name().toLowerCase().replace('_', '-'));
            x.put("message", f.message());
            fns.add(x);
        }
        m.put("functions", fns);
        m.put("notes", r.notes());
        m.put("journal", journal);
        return m;
    }

    public static void text(PrintStream out, BindReport r) {
        for (BindReport.FunctionResult f : r.functions()) {
            out.println("  " + f.action().name().toLowerCase().replace('_', ' ') + "  " + f.message());
        }
        r.notes().forEach(n -> out.println("  note: " + n));
        out.println(r.summary());
    }

    public static int exitCode(BindReport r) {
        return switch (r.outcome()) {
            case DONE -> ExitCodes.OK;
            case REFUSED -> ExitCodes.REFUSED;
            case ROLLED_BACK, INCOMPLETE -> ExitCodes.IO;
        };
    }
}
