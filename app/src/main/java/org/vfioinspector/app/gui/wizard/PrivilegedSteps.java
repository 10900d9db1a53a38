package org.vfioinspector.app.gui.wizard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.vfioinspector.app.priv.CliInvocation;
import org.vfioinspector.app.report.ProgressLine;
import org.vfioinspector.app.report.ResetDocument;
import org.vfioinspector.app.priv.RunResult;
import org.vfioinspector.core.bind.DriverBinder;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.text.Counted;
import org.vfioinspector.core.vfio.ResetKind;

/**
 * The background half of steps 4 and 6: run the privileged command (which writes the audit lines itself, as
 * root: this window does not), re-read the functions, and make sure every moved function ends on the driver
 * it belongs on, running {@code restore} when the command did not put one back. Touches no property: it returns an
 * {@link ExecutionReport} that the model publishes.
 *
 * @param target     the function to reset
 * @param affected   the confirmed set (what the kernel check showed)
 * @param originals  the driver each function to bind had when the wizard opened
 * @param forceHostImpact the user ticked the acknowledgement naming what binding takes from the host
 *                   ({@code --force-host-impact}); false unless there was such a risk to accept
 */
record PrivilegedSteps(WizardEnvironment env, HostView view, PciAddress target, ResetKind kind,
                       List<PciAddress> affected, Map<PciAddress, Optional<String>> originals,
                       boolean forceHostImpact) {

    /** Step 4: the whole protocol but the reset ioctl, binding first (and restoring) when needed. */
    ExecutionReport dryRun(Consumer<String> progress, Consumer<ProgressLine> steps) {
        progress.accept("Running the check " + env.runner().description() + "…");
        RunResult r = run(reset(true, !originals.isEmpty()), steps);
        return finish(r, Optional.empty(), List.of(), originals, new ArrayList<>(), progress);
    }

    /**
     * Step 6. With {@code keepOnVfio} the functions are bound by a separate journaled {@code bind} first,
     * and the reset runs without {@code --bind}, so they stay on vfio-pci afterwards (unless it fails).
     */
    ExecutionReport execute(boolean keepOnVfio, Consumer<String> progress, Consumer<ProgressLine> steps) {
        List<String> notes = new ArrayList<>();
        Optional<RunResult> bindFirst = Optional.empty();
        boolean separateBind = keepOnVfio && !originals.isEmpty();
        if (separateBind) {
            progress.accept("Binding " + Counted.of(originals.size(), "function") + " to vfio-pci " + env.runner().description() + "…");
            RunResult b = run(CliInvocation.bind(originals.keySet(), forceHostImpact, env.journalDir(),
                    env.hostRootArgument()), steps);
            if (b.status() != RunResult.Status.COMPLETED || b.bind().filter(x -> x.ok()).isEmpty()) {
                return finish(b, Optional.empty(), List.of(), originals, notes, progress);
            }
            bindFirst = Optional.of(b);
        }
        progress.accept("Resetting " + target + " " + env.runner().description() + "…");
        RunResult r = run(reset(false, !originals.isEmpty() && !separateBind), steps);
        progress.accept("Re-reading every reset function…");
        List<FunctionCheck> checks = new ArrayList<>();
        if (r.reset().filter(x -> x.outcome() == ResetDocument.Outcome.RESET || x.outcome() == ResetDocument.Outcome.FAILED)
                .isPresent()) {
            for (PciAddress a : affected) {
                view.topology().device(a).map(d -> FunctionCheck.read(view.root(), d)).ifPresent(checks::add);
            }
        }
        boolean keep = separateBind && r.reset().filter(x -> x.outcome() == ResetDocument.Outcome.RESET).isPresent();
        Map<PciAddress, Optional<String>> expected = new java.util.TreeMap<>(originals);
        if (keep) {
            expected.replaceAll((a, d) -> Optional.of(DriverBinder.VFIO_PCI));
        }
        return finish(r, bindFirst, checks, expected, notes, progress);
    }

    /** A runner that throws (a bug, a dead process) still leaves a result, so the drivers get checked. */
    private RunResult run(CliInvocation inv, Consumer<ProgressLine> steps) {
        try {
            return env.runner().run(inv, steps);
        } catch (RuntimeException e) {
            return RunResult.notRun(inv, RunResult.Status.LAUNCH_FAILED, "The command failed inside the wizard: " + e,
                    env.runner().commandLine(inv));
        }
    }

    CliInvocation reset(boolean dryRun, boolean bind) {
        return CliInvocation.reset(target, affected, kind, dryRun, bind, bind && forceHostImpact, env.journalDir(),
                env.hostRootArgument());
    }

    /** Checks the drivers and restores from the journal when one is not where it belongs. */
    private ExecutionReport finish(RunResult r, Optional<RunResult> bindFirst, List<FunctionCheck> checks,
                                   Map<PciAddress, Optional<String>> expected, List<String> notes,
                                   Consumer<String> progress) {
        List<DriverCheck> drivers = drivers(expected);
        Optional<RunResult> restore = Optional.empty();
        boolean restoreExpected = expected.values().stream().noneMatch(d -> d.filter(DriverBinder.VFIO_PCI::equals).isPresent());
        if (restoreExpected && drivers.stream().anyMatch(d -> !d.ok()) && env.runner().canRun()) {
            progress.accept("Putting the original drivers back…");
            restore = Optional.of(run(CliInvocation.restore(env.journalDir(), env.hostRootArgument()), e -> { }));
            drivers = drivers(expected);
        }
        if (env.simulated()) {
            notes.add("Simulation: nothing on this machine was reset; the commands' audit lines went to the demo's copy ("
                    + env.audit().file() + "), not to this machine's audit log.");
        }
        return new ExecutionReport(r, bindFirst, checks, drivers, restore, notes);
    }

    private List<DriverCheck> drivers(Map<PciAddress, Optional<String>> expected) {
        List<DriverCheck> out = new ArrayList<>();
        expected.forEach((a, d) -> out.add(DriverCheck.read(view.root(), a, d)));
        return out;
    }
}
