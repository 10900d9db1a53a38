package org.vfioinspector.app.report;

import java.io.PrintStream;

import org.vfioinspector.core.bind.BindReport;

/** Text for {@code bind} and {@code restore} reports, and their exit codes ({@link BindDocument} is their JSON). */
public final class BindJson {

    private BindJson() {
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
