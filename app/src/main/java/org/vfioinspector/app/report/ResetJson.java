package org.vfioinspector.app.report;

import java.io.PrintStream;
import java.util.stream.Collectors;

import org.vfioinspector.core.health.Verification;
import org.vfioinspector.core.vfio.DependentDevice;
import org.vfioinspector.core.vfio.ResetKind;
import org.vfioinspector.core.vfio.ResetReport;

/** The text report of a reset, and its exit code ({@link ResetDocument} is its {@code --json}). */
public final class ResetJson {

    private ResetJson() {
    }

    static String outcome(ResetReport.Outcome o) {
        return Wire.word(o);
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
        r.verification().ifPresent(v -> VerificationDocument.of(v).lines().forEach(out::println));
    }

    /** {@link ExitCodes#NOT_BACK} when a function was lost (whatever else happened), else by the outcome. */
    public static int exitCode(ResetReport r) {
        if (r.verification().filter(Verification::lost).isPresent()) {
            return ExitCodes.NOT_BACK;
        }
        return switch (r.outcome()) {
            case RESET, DRY_RUN -> ExitCodes.OK;
            case REFUSED -> ExitCodes.REFUSED;
            case FAILED -> ExitCodes.IO;
        };
    }
}
