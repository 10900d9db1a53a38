package org.vfioinspector.app.gui.wizard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;

import org.vfioinspector.app.priv.CliInvocation;
import org.vfioinspector.app.report.KindVerdict;
import org.vfioinspector.app.report.ProgressLine;
import org.vfioinspector.app.report.ResetDocument;
import org.vfioinspector.app.priv.RunResult;
import org.vfioinspector.core.pciids.Names;
import org.vfioinspector.core.reset.BindSafety;
import org.vfioinspector.core.bind.JournalEntry;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.reset.BlastRadius;
import org.vfioinspector.core.reset.BlastRadiusAnalyzer;
import org.vfioinspector.core.reset.Finding;
import org.vfioinspector.core.reset.ResetMethodInfo;
import org.vfioinspector.core.text.Counted;
import org.vfioinspector.core.vfio.HotResetExecutor;
import org.vfioinspector.core.sysfs.VfioInterfaces;
import org.vfioinspector.core.vfio.PathChoice;
import org.vfioinspector.core.vfio.ResetKind;
import org.vfioinspector.core.vfio.VfioPath;
import org.vfioinspector.core.vfio.ResetPlan;
import org.vfioinspector.core.vfio.ResetPlanner;
import org.vfioinspector.core.vfio.ResetRequest;

/**
 * The presentation model of the reset wizard: every step's state as properties, the gate that opens
 * each step's Next (or Finish), and the commands (run the kernel check, execute, restore a pending
 * journal). It never touches a {@code Node}; slow work goes through the {@link org.vfioinspector.app.gui.Background}, so
 * tests drive it on one thread. Inputs the user changes are writable properties; everything else is
 * read-only.
 */
public final class ResetWizardModel {

    /** Where the kernel check (step 4) stands. */
    public enum CheckState { NOT_RUN, RUNNING, PASSED, DIFFERS, FAILED }

    /** Where the execution (step 6) stands. */
    public enum RunState { NOT_STARTED, RUNNING, DONE }

    private final HostView view;
    private final PciAddress target;
    private final WizardEnvironment env;
    private final PciDevice device;
    private final BlastRadius blast;
    private final List<MethodOption> methods;
    private final Optional<ResetKind> recommended;
    private final List<KindVerdict> verdicts;

    private final ObjectProperty<ResetKind> method = new SimpleObjectProperty<>(this, "method");
    private final ReadOnlyListWrapper<AffectedRow> affected = list();
    private final ReadOnlyListWrapper<Finding> blockers = list();
    private final ReadOnlyListWrapper<Acknowledgement> acknowledgements = list();
    private final ReadOnlyListWrapper<AffectedRow> toBind = list();
    private final BooleanProperty letToolBind = new SimpleBooleanProperty(this, "letToolBind", false);
    /** What binding {@link #toBind} would take from the host (BindSafety), and the user's explicit yes to it. */
    private final ReadOnlyListWrapper<Finding> hostRisks = list();
    private final BooleanProperty acceptHostImpact = new SimpleBooleanProperty(this, "acceptHostImpact", false);
    private final BooleanProperty restoreAfterwards = new SimpleBooleanProperty(this, "restoreAfterwards", true);
    private final ReadOnlyObjectWrapper<CheckState> checkState = new ReadOnlyObjectWrapper<>(CheckState.NOT_RUN);
    private final ReadOnlyObjectWrapper<ExecutionReport> checkReport = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyListWrapper<String> differences = list();
    private final StringProperty typedAddress = new SimpleStringProperty(this, "typedAddress", "");
    private final ReadOnlyObjectWrapper<RunState> runState = new ReadOnlyObjectWrapper<>(RunState.NOT_STARTED);
    private final ReadOnlyObjectWrapper<ExecutionReport> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final ReadOnlyListWrapper<String> liveSteps = list();
    private final ReadOnlyDoubleWrapper stepFraction = new ReadOnlyDoubleWrapper(-1);
    /** Steps finished in the current run, and the index of the line of the call under way (-1: none). */
    private int stepsDone;
    private int runningLine = -1;
    private final ReadOnlyListWrapper<JournalEntry> pending = list();
    private final ReadOnlyStringWrapper pendingMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper restoringPending = new ReadOnlyBooleanWrapper(false);

    private final ReadOnlyBooleanWrapper targetReady = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper blastReady = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper prepareReady = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper checkReady = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper confirmReady = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper stopped = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper prepareProblem = new ReadOnlyStringWrapper("");

    /** Bumped whenever a choice invalidates the kernel check, so a late answer to an old one is ignored. */
    private int checkGeneration;

    /**
     * @throws IllegalArgumentException when the target is not a function of this host
     */
    public ResetWizardModel(HostView view, PciAddress target, WizardEnvironment env) {
        this.view = Objects.requireNonNull(view, "view");
        this.target = Objects.requireNonNull(target, "target");
        this.env = Objects.requireNonNull(env, "env");
        this.device = view.topology().device(target)
                .orElseThrow(() -> new IllegalArgumentException("no PCI function " + target + " on this host"));
        this.blast = new BlastRadiusAnalyzer(view.topology(), view.host()).analyze(target);
        this.verdicts = KindVerdict.both(blast, device);
        this.methods = methodOptions();
        // never recommend a kind that cannot run: page 1 shows it blocked instead
        this.recommended = blast.recommended().filter(k -> verdict(k).mayRun());
        pending.setAll(view.pending());
        method.addListener((o, was, now) -> methodChanged());
        letToolBind.addListener((o, was, now) -> { invalidateCheck(); updateGates(); });
        acceptHostImpact.addListener((o, was, now) -> { invalidateCheck(); updateGates(); });
        typedAddress.addListener((o, was, now) -> updateGates());
        method.set(blast.recommended().orElse(ResetKind.HOT_RESET));
    }

    private static <T> ReadOnlyListWrapper<T> list() {
        return new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    }

    // ---- step 1: target and method

    public PciAddress target() {
        return target;
    }

    public PciDevice device() {
        return device;
    }

    public String targetName() {
        return Names.describe(device, view.names());
    }

    public List<ResetMethodInfo> resetMethods() {
        return blast.resetMethods();
    }

    public List<MethodOption> methods() {
        return methods;
    }

    /** A function reset when the kernel has one that works, else a hot reset when it offers one; empty when neither. */
    public Optional<ResetKind> recommended() {
        return recommended;
    }

    /** The verdict of {@code kind}: the same one the blast panel's badge shows for this function. */
    public KindVerdict verdict(ResetKind kind) {
        return verdicts.stream().filter(v -> v.kind() == kind).findFirst().orElseThrow();
    }

    /** The least invasive reset the kernel offers, even when it is blocked (then not {@link #recommended()}). */
    public Optional<ResetKind> leastInvasive() {
        return blast.recommended();
    }

    /** Why that is the recommendation, in a sentence. */
    public String recommendationReason() {
        return blast.recommendation();
    }

    /** Why the blast radius matters even without asking for a reset. */
    public String automaticResetNote() {
        return blast.automaticReset();
    }

    public ObjectProperty<ResetKind> methodProperty() {
        return method;
    }

    public ResetKind method() {
        return method.get();
    }

    public MethodOption option(ResetKind kind) {
        return methods.stream().filter(m -> m.kind() == kind).findFirst().orElseThrow();
    }

    /** Whether a run from this window is real, simulated (the demo), or impossible (a snapshot or directory). */
    public WizardEnvironment.Mode mode() {
        return env.mode();
    }

    /**
     * Why nothing can run from this window, for every page to say; empty when a run can happen here (really or
     * simulated).
     */
    public String cannotRunHere() {
        return env.mode() == WizardEnvironment.Mode.ELSEWHERE ? "This window shows a capture of another machine, "
                + "so the wizard cannot check or reset anything here: walk through it to see what it would do, and "
                + "run the commands it shows on that machine." : "";
    }

    private boolean checkNotRunHere() {
        return Optional.ofNullable(checkReport.get()).map(r -> r.run().status() == RunResult.Status.NOT_RUN).orElse(false);
    }

    /** How the privileged steps will get root. */
    public String privilegeDescription() {
        return env.runner().description();
    }

    // ---- step 2: blast radius

    public ReadOnlyListProperty<AffectedRow> affectedProperty() {
        return affected.getReadOnlyProperty();
    }

    /** The affected set, sorted: what will be confirmed and compared with the kernel's list. */
    public List<PciAddress> affectedAddresses() {
        return affected.stream().map(AffectedRow::address).toList();
    }

    /** The reason for the scope of a hot reset, or that a function reset touches only the target. */
    public String scopeSentence() {
        if (method.get() == ResetKind.FUNCTION_RESET) {
            return "A function reset reaches only " + target + blast.functionReset().method()
                    .map(m -> " (the kernel's '" + m + "' method)").orElse("") + ".";
        }
        return blast.hotReset().reason();
    }

    /** What the chosen reset's verdict depends on but this view cannot see (never shown as safe). */
    public List<Finding> unknowns() {
        ResetKind kind = method.get();
        if (kind == null) {
            return List.of();
        }
        return kind == ResetKind.FUNCTION_RESET ? blast.functionReset().unknowns() : blast.unknowns();
    }

    public ReadOnlyListProperty<Finding> blockersProperty() {
        return blockers.getReadOnlyProperty();
    }

    public ReadOnlyListProperty<Acknowledgement> acknowledgementsProperty() {
        return acknowledgements.getReadOnlyProperty();
    }

    // ---- step 3: preparation

    /** Exactly the functions the tool would move to vfio-pci. */
    public ReadOnlyListProperty<AffectedRow> toBindProperty() {
        return toBind.getReadOnlyProperty();
    }

    public BooleanProperty letToolBindProperty() {
        return letToolBind;
    }

    /** What binding these functions would detach from the host; empty when nothing it is seen to use. */
    public ReadOnlyListProperty<Finding> hostRisksProperty() {
        return hostRisks.getReadOnlyProperty();
    }

    /** Ticked only by the user, on a box that names each risk: then the bind runs with --force-host-impact. */
    public BooleanProperty acceptHostImpactProperty() {
        return acceptHostImpact;
    }

    public BooleanProperty restoreAfterwardsProperty() {
        return restoreAfterwards;
    }

    public ReadOnlyStringProperty prepareProblemProperty() {
        return prepareProblem.getReadOnlyProperty();
    }

    public boolean vfioPciLoaded() {
        return view.vfioPciLoaded();
    }

    public String journalFile() {
        return env.journalDir().resolve(org.vfioinspector.core.bind.BindJournal.FILE).toString();
    }

    /**
     * The command that binds them by hand, for a user who prefers that; empty while binding them would detach
     * what the host uses and the user has not accepted it (the tool never suggests such a bind on its own).
     */
    public String bindCommand() {
        if (toBind.isEmpty() || (!hostRisks.isEmpty() && !acceptHostImpact.get())) {
            return "";
        }
        return env.runner().commandLine(CliInvocation.bind(toBind.stream().map(AffectedRow::address).toList(),
                forceHostImpact(), env.journalDir(), env.hostRootArgument()));
    }

    private boolean forceHostImpact() {
        return !hostRisks.isEmpty() && acceptHostImpact.get();
    }

    // ---- step 4: kernel check

    public ReadOnlyObjectProperty<CheckState> checkStateProperty() {
        return checkState.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ExecutionReport> checkReportProperty() {
        return checkReport.getReadOnlyProperty();
    }

    public ReadOnlyListProperty<String> differencesProperty() {
        return differences.getReadOnlyProperty();
    }

    /** The kernel's list from the last check (empty before one ran, or for FLR). */
    public List<PciAddress> kernelSet() {
        return Optional.ofNullable(checkReport.get()).flatMap(ExecutionReport::reset).map(ResetDocument::kernelAddresses)
                .orElse(List.of());
    }

    /** True once the kernel disagreed with the prediction: the wizard goes no further. */
    public ReadOnlyBooleanProperty stoppedProperty() {
        return stopped.getReadOnlyProperty();
    }

    /**
     * Which VFIO interface the reset will go through on this host, and why, in one line: the CLI the wizard runs
     * chooses the same way ({@link PathChoice}, without {@code --cdev}).
     */
    public String pathLine() {
        PathChoice c = pathChoice();
        return "Path: " + (c.path() == VfioPath.CDEV ? "the vfio device cdev and iommufd" : "the IOMMU groups (/dev/vfio/N)")
                + ", because " + c.reason() + ".";
    }

    private PathChoice pathChoice() {
        return PathChoice.choose(false, VfioInterfaces.read(view.root(), view.topology()), target);
    }

    /** The dry-run command, as a person would type it. */
    public String checkCommand() {
        return env.runner().commandLine(steps().reset(true, bindNeeded()));
    }

    /** Step 4: runs the whole protocol except the reset, through the privileged runner. */
    public void runKernelCheck() {
        if (checkState.get() == CheckState.RUNNING || !prepareReady.get()) {
            return;
        }
        int generation = ++checkGeneration;
        PrivilegedSteps steps = steps();
        checkState.set(CheckState.RUNNING);
        checkReport.set(null);
        differences.clear();
        int expected = expectedSteps(true);
        startLiveSteps();
        env.executor().run("Checking the reset with the kernel", () -> steps.dryRun(this::publishProgress, e -> publishStep(e, expected, generation)), r -> {
            if (generation == checkGeneration) {
                checkFinished(r);
            }
        }, e -> {
            if (generation == checkGeneration) {
                progress.set("The check failed: " + e);
                checkState.set(CheckState.FAILED);
                updateGates();
            }
        });
        updateGates();
    }

    private void checkFinished(ExecutionReport r) {
        checkReport.set(r);
        List<String> diff = new ArrayList<>();
        Optional<ResetDocument> rr = r.reset();
        rr.ifPresent(x -> diff.addAll(x.differences()));
        boolean hot = method.get() == ResetKind.HOT_RESET;
        if (hot && rr.filter(x -> x.outcome() == ResetDocument.Outcome.DRY_RUN).isPresent()) {
            List<PciAddress> kernel = rr.get().kernelAddresses().stream().sorted().distinct().toList();
            if (!kernel.equals(affectedAddresses()) && diff.isEmpty()) {
                diff.add("the kernel lists " + kernel + ", the prediction is " + affectedAddresses());
            }
        }
        differences.setAll(diff);
        if (!diff.isEmpty() || rr.filter(ResetDocument::kernelDiffers).isPresent()) {
            checkState.set(CheckState.DIFFERS);
        } else if (rr.filter(x -> x.outcome() == ResetDocument.Outcome.DRY_RUN).isPresent() && r.driversOk()) {
            checkState.set(CheckState.PASSED);
        } else {
            checkState.set(CheckState.FAILED);
        }
        progress.set("");
        updateGates();
    }

    // ---- step 5: final confirmation

    public StringProperty typedAddressProperty() {
        return typedAddress;
    }

    /** True when {@code text} names the target (any form {@link PciAddress#parse} accepts). */
    public boolean matchesTarget(String text) {
        return target.equals(PciAddress.tryParse(text == null ? "" : text));
    }

    /** What Finish will do, one line per action, in order. */
    public List<String> finishPlan() {
        List<String> out = new ArrayList<>();
        String rows = toBind.stream().map(r -> r.address() + " (" + r.driver() + ")").reduce((a, b) -> a + ", " + b)
                .orElse("");
        if (!toBind.isEmpty()) {
            out.add("Bind " + Counted.of(toBind.size(), "function") + " to vfio-pci: " + rows + "; journaled in " + journalFile() + ".");
        }
        if (method.get() == ResetKind.HOT_RESET) {
            out.add("Hot reset (" + blast.hotReset().scope().map(s -> s.json()).orElse("bus") + ") of " + target
                    + blast.hotReset().resetBridge().map(b -> " below " + b).orElse("") + ": resets exactly "
                    + String.join(", ", affectedAddresses().stream().map(PciAddress::toString).toList())
                    + ", the set the kernel listed.");
        } else {
            out.add("Function level reset (VFIO_DEVICE_RESET) of " + target + " only.");
        }
        out.add("Re-read every reset function: config space readable, same vendor:device ids, not ffff.");
        if (!toBind.isEmpty()) {
            out.add(restoreAfterwards.get() ? "Put " + rows + " back on the original drivers."
                    : "Leave them on vfio-pci; 'vfio-inspector restore' puts them back later.");
        }
        out.add(env.simulated() ? "The simulated commands record it in the demo's own copy (" + env.audit().file()
                + "), not in this machine's audit log."
                : "The reset command, as root, records it in the audit log " + env.audit().file()
                + " before the reset and after it.");
        return out;
    }

    public DowntimeEstimate downtime() {
        return DowntimeEstimate.of(method.get(), toBind.size());
    }

    /** The reset command Finish runs, as a person would type it. */
    public String executeCommand() {
        return env.runner().commandLine(steps().reset(false, bindNeeded() && restoreAfterwards.get()));
    }

    // ---- step 6: execute

    public ReadOnlyObjectProperty<RunState> runStateProperty() {
        return runState.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ExecutionReport> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /**
     * The protocol of the running (or last) check or reset, one line per call as the command reports it:
     * {@code … VFIO_DEVICE_PCI_HOT_RESET 0000:03:00.0} while it runs, then {@code ✔ …} or {@code ✖ …}.
     */
    public ReadOnlyListProperty<String> liveStepsProperty() {
        return liveSteps.getReadOnlyProperty();
    }

    /** Finished protocol steps over the steps a complete run has; -1 until the first one (indeterminate). */
    public ReadOnlyDoubleProperty stepFractionProperty() {
        return stepFraction.getReadOnlyProperty();
    }

    /** Step 6: runs the reset once; later calls do nothing. */
    public void execute() {
        if (runState.get() != RunState.NOT_STARTED || !confirmReady.get()) {
            return;
        }
        PrivilegedSteps steps = steps();
        boolean keep = !restoreAfterwards.get();
        runState.set(RunState.RUNNING);
        int expected = expectedSteps(false);
        int generation = checkGeneration;
        startLiveSteps();
        env.executor().run("Resetting " + target, () -> steps.execute(keep, this::publishProgress, e -> publishStep(e, expected, generation)), r -> {
            result.set(r);
            progress.set("");
            runState.set(RunState.DONE);
        }, e -> {
            progress.set("The run failed inside the wizard: " + e + ". Check the drivers with 'vfio-inspector restore'.");
            runState.set(RunState.DONE);
        });
    }

    // ---- pending journal

    /** Functions an earlier run left on vfio-pci (from the bind journal). */
    public ReadOnlyListProperty<JournalEntry> pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pendingMessageProperty() {
        return pendingMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty restoringPendingProperty() {
        return restoringPending.getReadOnlyProperty();
    }

    /** Puts every function the journal still lists back on its original driver. */
    public void restorePending() {
        if (restoringPending.get() || pending.isEmpty()) {
            return;
        }
        restoringPending.set(true);
        CliInvocation inv = CliInvocation.restore(env.journalDir(), env.hostRootArgument());
        env.executor().run("Restoring drivers", () -> {
            RunResult r = env.runner().run(inv);
            List<String> notes = new ArrayList<>();
            return Map.entry(r, HostView.pending(env.journalDir(), notes));
        }, done -> {
            RunResult r = done.getKey();
            pending.setAll(done.getValue());
            pendingMessage.set(r.summary() + (r.status() == RunResult.Status.NOT_RUN ? " " + r.command() : ""));
            restoringPending.set(false);
        }, e -> {
            pendingMessage.set("Restore failed: " + e);
            restoringPending.set(false);
        });
    }

    // ---- gates

    public ReadOnlyBooleanProperty targetReadyProperty() {
        return targetReady.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty blastReadyProperty() {
        return blastReady.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty prepareReadyProperty() {
        return prepareReady.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checkReadyProperty() {
        return checkReady.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty confirmReadyProperty() {
        return confirmReady.getReadOnlyProperty();
    }

    // ---- internals

    private boolean bindNeeded() {
        return !toBind.isEmpty() && letToolBind.get();
    }

    private PrivilegedSteps steps() {
        Map<PciAddress, Optional<String>> originals = new TreeMap<>();
        if (bindNeeded()) {
            for (AffectedRow r : toBind) {
                originals.put(r.address(), view.topology().device(r.address()).flatMap(PciDevice::driver));
            }
        }
        return new PrivilegedSteps(env, view, target, method.get(), affectedAddresses(), originals,
                bindNeeded() && forceHostImpact());
    }

    private void publishProgress(String message) {
        env.executor().publish(() -> progress.set(message));
    }

    private int expectedSteps(boolean dryRun) {
        long groups = method.get() == ResetKind.FUNCTION_RESET ? 1 : affectedAddresses().stream()
                .map(a -> view.topology().device(a).map(PciDevice::iommuGroup).orElse(java.util.OptionalInt.empty()))
                .filter(java.util.OptionalInt::isPresent).mapToInt(java.util.OptionalInt::getAsInt).distinct().count();
        return HotResetExecutor.expectedSteps(method.get(), (int) groups, dryRun, pathChoice().path());
    }

    private void startLiveSteps() {
        liveSteps.clear();
        stepsDone = 0;
        runningLine = -1;
        stepFraction.set(-1);
    }

    private void publishStep(ProgressLine e, int expected, int generation) {
        env.executor().publish(() -> {
            if (generation != checkGeneration) {
                return; // a late line of a check the user has since invalidated
            }
            String line = e.describe();
            switch (e.progress()) {
                case STARTING -> {
                    liveSteps.add(line);
                    runningLine = liveSteps.size() - 1;
                }
                case STEP -> {
                    if (runningLine >= 0 && runningLine < liveSteps.size()) {
                        liveSteps.set(runningLine, line); // the call under way ended
                    } else {
                        liveSteps.add(line);
                    }
                    runningLine = -1;
                    stepsDone++;
                    stepFraction.set(Math.min(1.0, stepsDone / (double) Math.max(expected, 1)));
                }
                case PHASE -> {
                    liveSteps.add(line);
                    runningLine = -1;
                }
            }
        });
    }

    private List<MethodOption> methodOptions() {
        var f = blast.functionReset();
        var p = blast.hotReset();
        boolean function = f.possible().orElse(false);
        MethodOption fo = new MethodOption(ResetKind.FUNCTION_RESET, "Function reset (VFIO_DEVICE_RESET)", function,
                function ? f.reason() + " Nothing else on the bus notices."
                        : (f.possible().isEmpty() ? "Not offered while unknown: " : "Not possible: ") + f.reason());
        boolean hot = blast.hotResetPossible().orElse(false);
        MethodOption h = new MethodOption(ResetKind.HOT_RESET, "Hot reset (VFIO_DEVICE_PCI_HOT_RESET)", hot,
                hot ? "Resets the whole " + p.scope().orElseThrow().json()
                        + p.resetBridge().map(b -> " below " + b).orElse("") + ": "
                        + Counted.of(p.affected().size(), "function") + ". " + p.reason()
                        : (blast.hotResetPossible().isEmpty() ? "Not offered while unknown: " : "Not possible: ")
                        + p.reason());
        // the least invasive possible first: the function reset when the kernel has one, as the blast radius says
        return List.of(fo, h).stream().sorted((a, b) -> Boolean.compare(b.available(), a.available())).toList();
    }

    private void methodChanged() {
        ResetKind kind = method.get();
        if (kind == null) {
            updateGates();
            return;
        }
        boolean hot = kind == ResetKind.HOT_RESET;
        List<PciAddress> set = hot ? blast.hotReset().affected() : List.of(target);
        // the planner's own checks, with binding allowed: what is left would refuse the reset
        ResetPlan plan = ResetPlanner.plan(new ResetRequest(target, set, kind, true, true), view.topology(), view.host(),
                true);
        List<AffectedRow> rows = blast.affected().stream().filter(f -> hot || f.address().equals(target))
                .map(f -> Rows.of(f, view)).toList();
        affected.setAll(rows);
        blockers.setAll(plan.refusals());
        List<Acknowledgement> acks = plan.warnings().stream().map(Acknowledgement::new).toList();
        acks.forEach(a -> a.tickedProperty().addListener((o, was, now) -> updateGates()));
        acknowledgements.setAll(acks);
        toBind.setAll(rows.stream().filter(AffectedRow::needsBinding).toList());
        hostRisks.setAll(BindSafety.risks(toBind.stream().map(AffectedRow::address).toList(), view.topology(), view.host()));
        acceptHostImpact.set(false); // an acknowledgement names these risks: a new set needs a new one
        invalidateCheck();
        updateGates();
    }

    private void invalidateCheck() {
        checkGeneration++;
        checkState.set(CheckState.NOT_RUN);
        checkReport.set(null);
        differences.clear();
    }

    private void updateGates() {
        ResetKind kind = method.get();
        targetReady.set(kind != null && option(kind).available());
        blastReady.set(targetReady.get() && blockers.isEmpty()
                && acknowledgements.stream().allMatch(a -> a.tickedProperty().get()));
        String problem = "";
        if (!toBind.isEmpty() && !view.vfioPciLoaded()) {
            problem = "The vfio-pci driver is not loaded: run 'modprobe vfio-pci' as root, then start the wizard again.";
        } else if (!toBind.isEmpty() && !letToolBind.get()) {
            problem = "Tick the first box to let the tool bind them, or bind them yourself with the command "
                    + "shown and start the wizard again.";
        } else if (!toBind.isEmpty() && !hostRisks.isEmpty() && !acceptHostImpact.get()) {
            problem = "Binding them detaches what the host uses (" + hostRisks.stream()
                    .map(f -> f.code() + " " + f.device().map(Object::toString).orElse("")).collect(
                            java.util.stream.Collectors.joining(", "))
                    + "). The wizard binds them only after you tick the box that accepts exactly that.";
        }
        prepareProblem.set(problem);
        prepareReady.set(blastReady.get() && problem.isEmpty());
        stopped.set(checkState.get() == CheckState.DIFFERS);
        // a snapshot's check cannot run here: the user may still read the confirm page, never finish it
        boolean elsewhere = env.mode() == WizardEnvironment.Mode.ELSEWHERE;
        checkReady.set(prepareReady.get() && (checkState.get() == CheckState.PASSED
                || elsewhere && checkState.get() == CheckState.FAILED && checkNotRunHere()));
        confirmReady.set(checkReady.get() && !elsewhere && matchesTarget(typedAddress.get()));
    }
}
