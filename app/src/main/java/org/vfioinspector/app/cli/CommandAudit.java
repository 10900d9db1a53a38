package org.vfioinspector.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.core.audit.AuditLog;
import org.vfioinspector.core.audit.AuditRecord;
import org.vfioinspector.core.audit.HostName;
import org.vfioinspector.core.audit.Invoker;
import org.vfioinspector.core.bind.BindReport;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.text.Counted;
import org.vfioinspector.core.vfio.ResetKind;
import org.vfioinspector.core.vfio.ResetReport;
import org.vfioinspector.core.vfio.ResetRequest;

/**
 * The audit lines of {@code reset}, {@code bind} and {@code restore}, written by the process that acts: an
 * intent line before the first ioctl or sysfs write, forced to disk, and a result line after. When the intent
 * cannot be written the action is refused ({@link CliException}, exit 1): an audit that can be skipped is none.
 * A run that is not root writes nothing: it cannot act (the reset is refused as NOT_ROOT, bind and restore need
 * root) and cannot write root's log. A reset the planner refused gets only a result line, when it can be written.
 */
final class CommandAudit {

    private final Optional<AuditLog> log;
    private final Supplier<Invoker> invoker;
    private final Optional<String> host;
    private final Clock clock;
    private final PrintStream err;
    private boolean intentWritten;

    private CommandAudit(Optional<AuditLog> log, Supplier<Invoker> invoker, Optional<String> host, Clock clock,
                         PrintStream err) {
        this.log = log;
        this.invoker = invoker;
        this.host = host;
        this.clock = clock;
        this.err = err;
    }

    /** The audit of a command acting on {@code root}: its log when the command acts as root, else none. */
    static CommandAudit of(Cli cli, HostRoot root) {
        boolean acts = cli.access.root().getAsBoolean();
        return new CommandAudit(acts ? Optional.of(AuditLog.forHost(root)) : Optional.empty(), cli.access.invoker(),
                HostName.of(root), Clock.systemUTC(), cli.err);
    }

    /** The VFIO path ({@code group} or {@code cdev}) the next reset's intent line names. */
    void via(String path) {
        via = java.util.Optional.of(path);
    }

    private java.util.Optional<String> via = java.util.Optional.empty();

    /** Before a reset's first write (its bind) or ioctl; nothing yet when the plan is refused. */
    void beforeReset(ResetRequest request, boolean refused) {
        if (!refused) {
            intent(AuditRecord.RESET, request, OptionalInt.empty());
        }
    }

    /** After a reset (or its bind, when that failed), with the run's verification verdict when there is one. */
    void afterReset(ResetRequest request, ResetReport report, BindReport bound, BindReport restored,
                    Optional<String> verification) {
        String result = report != null ? result(report) : result(bound);
        String message = report != null ? report.summary() : bound.summary();
        if (restored != null && !restored.ok()) {
            result = AuditRecord.FAILED;
            message += " Putting the original drivers back failed: " + restored.summary();
        }
        Optional<ResetReport.KernelError> error = Optional.ofNullable(report).flatMap(ResetReport::error);
        result(AuditRecord.RESET, request, OptionalInt.empty(), report == null ? List.of() : report.kernelSet(),
                List.of(), verification, result, error, message);
    }

    /** Before round {@code round} (from 1) of a soak: refused like a reset when the line cannot be written. */
    void beforeSoakRound(ResetRequest request, int round) {
        intent(AuditRecord.SOAK_ROUND, request, OptionalInt.of(round));
    }

    /** After round {@code round} of a soak, with its verification verdict when there is one. */
    void afterSoakRound(ResetRequest request, int round, ResetReport report, Optional<String> verification) {
        result(AuditRecord.SOAK_ROUND, request, OptionalInt.of(round), report.kernelSet(), List.of(), verification,
                result(report), report.error(), report.summary());
    }

    void beforeBind(List<PciAddress> functions) {
        write(record(AuditRecord.BIND, AuditRecord.INTENT, Optional.empty(), functions, List.of(), List.of(),
                OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                "Binding " + Counted.of(functions.size(), "function") + " to vfio-pci."), true, "bound");
    }

    void afterBind(List<PciAddress> functions, BindReport r) {
        write(record(AuditRecord.BIND, AuditRecord.RESULT, Optional.empty(), functions, List.of(),
                moved(r, BindReport.Action.BOUND), OptionalInt.empty(), Optional.empty(), Optional.of(result(r)),
                Optional.empty(), r.summary()), false, "bound");
    }

    void beforeRestore() {
        write(record(AuditRecord.RESTORE, AuditRecord.INTENT, Optional.empty(), List.of(), List.of(), List.of(),
                OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                "Putting the functions in the bind journal back on their original drivers."), true, "restored");
    }

    void afterRestore(BindReport r) {
        write(record(AuditRecord.RESTORE, AuditRecord.RESULT, Optional.empty(), List.of(), List.of(),
                moved(r, BindReport.Action.RESTORED), OptionalInt.empty(), Optional.empty(), Optional.of(result(r)),
                Optional.empty(), r.summary()), false, "restored");
    }

    private void intent(String action, ResetRequest q, OptionalInt round) {
        String kind = q.kind() == ResetKind.HOT_RESET ? "hot reset" : "function reset";
        String what = (q.dryRun() ? "Dry run of a " + kind : Character.toUpperCase(kind.charAt(0)) + kind.substring(1))
                + " of " + q.target() + round.stream().mapToObj(n -> ", round " + n).findFirst().orElse("")
                + " (" + Counted.of(q.confirmed().size(), "function") + " confirmed" + (q.bind() ? ", bound to vfio-pci first" : "")
                + via.filter("cdev"::equals).map(p -> ", through the vfio cdev and iommufd").orElse("") + ").";
        write(record(action, AuditRecord.INTENT, Optional.of(q), q.confirmed(), List.of(), List.of(), round,
                Optional.empty(), Optional.empty(), Optional.empty(), what), true, "reset");
        intentWritten = true;
    }

    private void result(String action, ResetRequest q, OptionalInt round, List<PciAddress> kernelSet,
                        List<PciAddress> functions, Optional<String> verification, String result,
                        Optional<ResetReport.KernelError> error, String message) {
        write(record(action, AuditRecord.RESULT, Optional.of(q), q.confirmed(), kernelSet, functions, round,
                verification, Optional.of(result), error, message), false, "reset");
    }

    private AuditRecord record(String action, String phase, Optional<ResetRequest> q, List<PciAddress> confirmed,
                               List<PciAddress> kernelSet, List<PciAddress> functions, OptionalInt round,
                               Optional<String> verification, Optional<String> result,
                               Optional<ResetReport.KernelError> error, String message) {
        return new AuditRecord(clock.instant(), action, phase, invoker.get(), host, q.map(ResetRequest::target),
                q.map(r -> r.kind() == ResetKind.HOT_RESET ? "hot-reset" : "function-reset"),
                q.map(ResetRequest::dryRun).orElse(false), confirmed, kernelSet, functions, round, verification, result,
                error.map(e -> OptionalInt.of(e.errno())).orElse(OptionalInt.empty()),
                error.map(ResetReport.KernelError::errnoName).filter(n -> !n.isBlank()), message);
    }

    /**
     * An intent that cannot be written refuses the action; a result that cannot be written is a warning (the
     * action is done, and its intent line is there to show it began).
     */
    private void write(AuditRecord r, boolean intent, String verb) {
        if (log.isEmpty()) {
            return;
        }
        try {
            log.get().append(r);
        } catch (IOException | RuntimeException e) {
            String why = "the audit log " + log.get().file() + " cannot be written (" + e.getMessage() + ")";
            if (intent) {
                throw new CliException(ExitCodes.REFUSED, "refused: " + why + "; nothing was " + verb
                        + ": an action that cannot be audited does not run");
            }
            err.println("vfio-inspector: warning: " + why + (intentWritten || !r.action().equals(AuditRecord.RESET)
                    ? "; its intent line is there, the result is not" : "; this refusal is not recorded"));
        }
    }

    private static String result(ResetReport r) {
        return switch (r.outcome()) {
            case RESET, DRY_RUN -> AuditRecord.OK;
            case REFUSED -> AuditRecord.REFUSED;
            case FAILED -> AuditRecord.FAILED;
        };
    }

    private static String result(BindReport r) {
        return switch (r.outcome()) {
            case DONE -> AuditRecord.OK;
            case REFUSED -> AuditRecord.REFUSED;
            case ROLLED_BACK, INCOMPLETE -> AuditRecord.FAILED;
        };
    }

    private static List<PciAddress> moved(BindReport r, BindReport.Action action) {
        return r.functions().stream().filter(f -> f.action() == action).map(BindReport.FunctionResult::address).toList();
    }
}
