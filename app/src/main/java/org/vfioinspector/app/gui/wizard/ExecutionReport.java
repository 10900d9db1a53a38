package org.vfioinspector.app.gui.wizard;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.vfioinspector.app.report.ResetDocument;
import org.vfioinspector.app.priv.RunResult;

/**
 * Everything one privileged run produced, for the kernel-check and result pages.
 *
 * @param run       the reset command (dry run or real); for a bind that failed first, that bind
 * @param bindFirst the separate {@code bind} that ran first when the drivers are to stay on vfio-pci
 * @param checks    the wizard's own re-read of each function's ids
 * @param drivers   each moved function's driver after everything, against what it should be
 * @param restore   the {@code restore} the wizard ran because drivers were not back where they belong
 * @param notes     audit log problems and the like
 */
public record ExecutionReport(RunResult run, Optional<RunResult> bindFirst, List<FunctionCheck> checks,
                              List<DriverCheck> drivers, Optional<RunResult> restore, List<String> notes) {

    public ExecutionReport {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(bindFirst, "bindFirst");
        checks = List.copyOf(checks);
        drivers = List.copyOf(drivers);
        Objects.requireNonNull(restore, "restore");
        notes = List.copyOf(notes);
    }

    public Optional<ResetDocument> reset() {
        return run.reset();
    }

    public boolean driversOk() {
        return drivers.stream().allMatch(DriverCheck::ok);
    }

    /** The reset (or dry run) ran through, every function answers unchanged, and every driver is where it belongs. */
    public boolean success() {
        return reset().map(r -> r.outcome() == ResetDocument.Outcome.RESET || r.outcome() == ResetDocument.Outcome.DRY_RUN)
                .orElse(false) && checks.stream().allMatch(FunctionCheck::ok) && driversOk();
    }

    /** One line for the top of the result page. */
    public String headline() {
        String driversNote = driversOk() ? "" : " Not every driver is back: run 'vfio-inspector restore' as root.";
        switch (run.status()) {
            case NOT_RUN, NOT_AUTHORIZED -> {
                return "Nothing was reset: " + run.summary() + driversNote;
            }
            case LAUNCH_FAILED, NO_REPORT -> {
                // a command that died may have got anywhere: say so rather than guess
                return "The command gave no report, so whether anything was reset is unknown: " + run.summary()
                        + driversNote;
            }
            default -> {
            }
        }
        if (success()) {
            return reset().orElseThrow().summary();
        }
        return reset().map(r -> r.outcome() == ResetDocument.Outcome.RESET || r.outcome() == ResetDocument.Outcome.DRY_RUN
                ? "The reset ran, but the checks afterwards found a problem."
                : r.summary()).orElse(run.summary()) + driversNote;
    }
}
