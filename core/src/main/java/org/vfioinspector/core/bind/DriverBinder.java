package org.vfioinspector.core.bind;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.vfioinspector.core.bind.BindReport.Action;
import org.vfioinspector.core.bind.BindReport.FunctionResult;
import org.vfioinspector.core.bind.BindReport.Operation;
import org.vfioinspector.core.bind.BindReport.Outcome;
import org.vfioinspector.core.bind.JournalEntry.State;
import org.vfioinspector.core.host.HolderScan;
import org.vfioinspector.core.host.HostImpactReader;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.BindSafety;
import org.vfioinspector.core.reset.Finding;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;
import org.vfioinspector.core.sysfs.SysfsValues;
import org.vfioinspector.core.text.Counted;

/**
 * Moves PCI functions to vfio-pci and back, journaled. Bind, per function: journal the current driver
 * and {@code driver_override}, then {@code driver_override} ← vfio-pci, {@code driver/unbind} ← BDF,
 * {@code drivers_probe} ← BDF, and check the {@code driver} link now names vfio-pci. A failure part-way
 * undoes that function and every one bound before it in the same call. Restore puts each journaled
 * function back: the old override (cleared with "\n" when there was none), unbind from vfio-pci, and
 * {@code drivers_probe} (or the old driver's {@code bind} when probing picks another).
 *
 * <p>All checks (exists, not a bridge, has an IOMMU group, vfio-pci is loaded, and what the host would lose:
 * {@link BindSafety}) run before the first write.
 */
public final class DriverBinder {

    public static final String VFIO_PCI = "vfio-pci";

    private final HostRoot root;
    private final SysfsWriter writer;
    private final BindJournal journal;
    private final Clock clock;

    public DriverBinder(HostRoot root, SysfsWriter writer, BindJournal journal, Clock clock) {
        this.root = Objects.requireNonNull(root, "root");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Binds each function to vfio-pci; all or nothing. Refused before any write when the bind would take
     * from the host what it uses ({@link BindSafety}, read from this root now): no override here.
     */
    public BindReport bindToVfio(Collection<PciAddress> functions, Topology t) {
        return bindToVfio(functions, t, new HostState(HolderScan.NONE, HostImpactReader.read(root, t)), false);
    }

    /**
     * Binds each function to vfio-pci; all or nothing. Before any write, every function is validated and
     * checked with {@link BindSafety#risks}: a function that carries the root filesystem, a mount, swap or
     * the default route, or whose mounts or routes this root cannot show, is refused unless
     * {@code forceHostImpact} (the user named the risk explicitly); then the risks are kept in the notes.
     */
    public BindReport bindToVfio(Collection<PciAddress> functions, Topology t, HostState host, boolean forceHostImpact) {
        List<PciAddress> wanted = functions.stream().sorted().distinct().toList();
        List<FunctionResult> refused = new ArrayList<>(validate(wanted, t));
        List<Finding> risks = BindSafety.risks(wanted.stream().filter(a -> driver(a).filter(VFIO_PCI::equals).isEmpty())
                .toList(), t, host);
        if (!forceHostImpact) {
            for (Finding f : risks) {
                refused.add(refused(f.device().orElseThrow(), "[" + f.code() + "] " + f.message()));
            }
        }
        if (!refused.isEmpty()) {
            String summary = refused.get(0).message() + (refused.size() > 1 ? " (and " + (refused.size() - 1) + " more)" : "");
            if (!forceHostImpact && !risks.isEmpty()) {
                summary += " Nothing was changed. Binding would detach what the host uses; if you accept that, "
                        + "run it again with --force-host-impact.";
            }
            return new BindReport(Operation.BIND, Outcome.REFUSED, refused, List.of(), summary);
        }
        List<String> overridden = risks.stream().map(f -> "host impact accepted (--force-host-impact): [" + f.code() + "] "
                + f.message()).toList();
        BindReport report = bind(wanted);
        return overridden.isEmpty() ? report : new BindReport(report.operation(), report.outcome(), report.functions(),
                concat(overridden, report.notes()), report.summary());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private BindReport bind(List<PciAddress> wanted) {
        List<FunctionResult> results = new ArrayList<>();
        List<JournalEntry> done = new ArrayList<>();
        for (PciAddress a : wanted) {
            Optional<String> before = driver(a);
            if (before.filter(VFIO_PCI::equals).isPresent()) {
                results.add(new FunctionResult(a, before, before, Action.ALREADY_ON_VFIO, a + " is already on vfio-pci."));
                continue;
            }
            JournalEntry entry = new JournalEntry(clock.instant(), State.PENDING, a, before, override(a));
            try {
                journal.append(entry);
            } catch (IOException e) {
                results.add(failed(a, before, "cannot write the journal " + journal.file() + ": " + e.getMessage()));
                return rollBack(results, done, "Nothing more was changed: the journal could not be written.");
            }
            done.add(entry);
            Optional<String> problem = bindOne(a, before);
            if (problem.isPresent()) {
                results.add(failed(a, before, problem.get()));
                return rollBack(results, done, problem.get());
            }
            try {
                journal.append(entry.with(State.BOUND, clock.instant()));
            } catch (IOException e) {
                // the pending line already records what to restore; restore treats pending like bound
            }
            results.add(new FunctionResult(a, before, driver(a), Action.BOUND, a + " moved from "
                    + before.orElse("no driver") + " to vfio-pci."));
        }
        return new BindReport(Operation.BIND, Outcome.DONE, results, List.of(),
                Counted.of(results.size(), "function") + " on vfio-pci; 'vfio-inspector restore' puts the old drivers back.");
    }

    /** Restores every function the journal still lists as bound (or half bound). */
    public BindReport restore() {
        return restoreWhere(a -> true);
    }

    /** Restores only the listed functions (e.g. the ones a {@code reset --bind} bound). */
    public BindReport restore(Collection<PciAddress> only) {
        return restoreWhere(only::contains);
    }

    private BindReport restoreWhere(java.util.function.Predicate<PciAddress> which) {
        BindJournal.Contents contents;
        try {
            contents = journal.read();
        } catch (IOException e) {
            return new BindReport(Operation.RESTORE, Outcome.INCOMPLETE, List.of(), List.of(),
                    "Cannot read the journal " + journal.file() + ": " + e.getMessage());
        }
        List<FunctionResult> results = new ArrayList<>();
        List<String> notes = new ArrayList<>(contents.notes());
        boolean complete = true;
        List<JournalEntry> open = new ArrayList<>(contents.open().stream().filter(e -> which.test(e.address())).toList());
        java.util.Collections.reverse(open); // undo the latest first
        for (JournalEntry e : open) {
            FunctionResult r = restoreOne(e, State.RESTORED, notes);
            complete &= r.action() == Action.RESTORED;
            results.add(r);
        }
        String summary = open.isEmpty() ? "Nothing to restore: the journal lists no function on vfio-pci."
                : complete ? Counted.of(results.size(), "function") + " back on " + (results.size() == 1 ? "its original driver." : "their original drivers.")
                : "Some functions could not be restored; the journal keeps them for another 'restore'.";
        return new BindReport(Operation.RESTORE, complete ? Outcome.DONE : Outcome.INCOMPLETE, results, notes, summary);
    }

    private List<FunctionResult> validate(List<PciAddress> wanted, Topology t) {
        List<FunctionResult> out = new ArrayList<>();
        if (!java.nio.file.Files.isDirectory(root.resolve(SysfsNames.PCI_DRIVERS + "/" + VFIO_PCI))) {
            PciAddress first = wanted.isEmpty() ? null : wanted.get(0);
            if (first != null) {
                out.add(refused(first, "The vfio-pci driver is not loaded: run 'modprobe vfio-pci' first."));
            }
            return out;
        }
        for (PciAddress a : wanted) {
            Optional<PciDevice> d = t.device(a);
            if (d.isEmpty() || !HostRoot.exists(root.resolve(SysfsNames.function(a)))) {
                out.add(refused(a, "No function " + a + " on this host."));
            } else if (d.get().isBridge() || d.get().isHostBridge()) {
                out.add(refused(a, a + " is a bridge: vfio-pci does not bind bridges, and taking one from its "
                        + "driver would cut off everything behind it."));
            } else if (d.get().iommuGroup().isEmpty()) {
                out.add(refused(a, a + " has no IOMMU group: vfio-pci cannot bind it (is the IOMMU on?)."));
            } else if (driver(a).filter(n -> !JournalEntry.safeName(n)).isPresent()
                    || override(a).filter(n -> !JournalEntry.safeName(n)).isPresent()) {
                out.add(refused(a, a + " has a driver or driver_override name this tool cannot journal safely."));
            }
        }
        return out;
    }

    /** The bind steps for one function; the problem when one fails. */
    private Optional<String> bindOne(PciAddress a, Optional<String> before) {
        String dev = SysfsNames.BUS_DEVICES + "/" + a + "/";
        try {
            writer.write(dev + "driver_override", VFIO_PCI);
            if (before.isPresent()) {
                writer.write(dev + "driver/unbind", a.toString());
            }
            writer.write("sys/bus/pci/drivers_probe", a.toString());
        } catch (IOException e) {
            return Optional.of("binding " + a + " failed: " + e.getMessage());
        }
        Optional<String> now = driver(a);
        if (now.filter(VFIO_PCI::equals).isEmpty()) {
            return Optional.of(a + " did not bind to vfio-pci (driver now: " + now.orElse("none") + ")");
        }
        return Optional.empty();
    }

    private BindReport rollBack(List<FunctionResult> results, List<JournalEntry> done, String why) {
        List<String> notes = new ArrayList<>();
        boolean complete = true;
        for (int i = done.size() - 1; i >= 0; i--) {
            FunctionResult r = restoreOne(done.get(i), State.ROLLED_BACK, notes);
            complete &= r.action() == Action.ROLLED_BACK;
            results.removeIf(x -> x.address().equals(r.address()) && x.action() == Action.BOUND);
            results.add(r);
        }
        return new BindReport(Operation.BIND, complete ? Outcome.ROLLED_BACK : Outcome.INCOMPLETE, results, notes,
                why + (complete ? " Everything bound so far was put back."
                        : " Not everything could be put back; 'vfio-inspector restore' retries from the journal."));
    }

    /** Puts one function back to its journaled driver and override; journals {@code done} on success. */
    private FunctionResult restoreOne(JournalEntry e, State done, List<String> notes) {
        PciAddress a = e.address();
        Action ok = done == State.ROLLED_BACK ? Action.ROLLED_BACK : Action.RESTORED;
        if (!HostRoot.exists(root.resolve(SysfsNames.function(a)))) {
            mark(e, done, notes);
            return new FunctionResult(a, e.driver(), Optional.empty(), ok, a + " is gone from the host; nothing to restore.");
        }
        Optional<String> now = driver(a);
        if (now.isPresent() && !now.get().equals(VFIO_PCI) && !now.equals(e.driver())) {
            return new FunctionResult(a, e.driver(), now, Action.LEFT_ALONE, a + " is now on " + now.get()
                    + ", not vfio-pci: someone rebound it since; left alone.");
        }
        String dev = SysfsNames.BUS_DEVICES + "/" + a + "/";
        try {
            writer.write(dev + "driver_override", e.override().orElse("\n"));
            if (now.filter(VFIO_PCI::equals).isPresent()) {
                writer.write(dev + "driver/unbind", a.toString());
            }
            if (e.driver().isPresent() && driver(a).isEmpty()) {
                writer.write("sys/bus/pci/drivers_probe", a.toString());
                if (!driver(a).equals(e.driver()) && driver(a).isEmpty()) {
                    writer.write(SysfsNames.PCI_DRIVERS + "/" + e.driver().get() + "/bind", a.toString());
                }
            }
        } catch (IOException ex) {
            notes.add("restoring " + a + ": " + ex.getMessage());
            return new FunctionResult(a, e.driver(), driver(a), Action.FAILED, "Could not put " + a + " back on "
                    + e.driver().orElse("no driver") + ": " + ex.getMessage());
        }
        Optional<String> after = driver(a);
        if (!after.equals(e.driver())) {
            return new FunctionResult(a, e.driver(), after, Action.FAILED, a + " is on " + after.orElse("no driver")
                    + " instead of " + e.driver().orElse("no driver") + " after restoring.");
        }
        mark(e, done, notes);
        return new FunctionResult(a, e.driver(), after, ok, a + " is back on " + e.driver().orElse("no driver") + ".");
    }

    private void mark(JournalEntry e, State done, List<String> notes) {
        try {
            journal.append(e.with(done, clock.instant()));
        } catch (IOException ex) {
            notes.add("could not journal " + e.address() + " as " + done + ": " + ex.getMessage());
        }
    }

    private Optional<String> driver(PciAddress a) {
        return HostRoot.linkName(root.resolve(SysfsNames.functionFile(a, SysfsNames.DRIVER)));
    }

    private Optional<String> override(PciAddress a) {
        return HostRoot.readText(root.resolve(SysfsNames.functionFile(a, SysfsNames.DRIVER_OVERRIDE)))
                .flatMap(SysfsValues::parseDriverOverride);
    }

    private static FunctionResult refused(PciAddress a, String why) {
        return new FunctionResult(a, Optional.empty(), Optional.empty(), Action.REFUSED, why);
    }

    private static FunctionResult failed(PciAddress a, Optional<String> before, String why) {
        return new FunctionResult(a, before, Optional.empty(), Action.FAILED, why);
    }
}
