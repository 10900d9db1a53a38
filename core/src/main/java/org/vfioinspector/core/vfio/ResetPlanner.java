package org.vfioinspector.core.vfio;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.BlastRadius;
import org.vfioinspector.core.reset.BlastRadiusAnalyzer;
import org.vfioinspector.core.reset.Finding;
import org.vfioinspector.core.reset.HotResetPrediction;

/**
 * The checks made from sysfs before any ioctl: the target exists and is not a bridge, the process is
 * root, the IOMMU formed groups, the confirmed set equals the predicted one, no blast-radius blocker
 * of the requested kind applies (with {@link ResetRequest#bind()}, the "not on vfio-pci" ones are left to
 * the binding) — among them every group to open being viable apart from the functions being reset, and
 * for a function reset, the kernel having a method that works (any, not only FLR). What the blast radius
 * calls unknown is left to the kernel's own answers at run time (GET_INFO's RESET flag, the INFO list).
 * Pure: the caller reads the topology, host state and privilege.
 */
public final class ResetPlanner {

    /** Blockers that binding the affected functions to vfio-pci resolves. */
    static final Set<String> BIND_RESOLVES = Set.of("HOST_DRIVER", "NOT_VFIO_BOUND");

    private ResetPlanner() {
    }

    public static ResetPlan plan(ResetRequest r, Topology t, HostState host, boolean runningAsRoot) {
        List<Finding> refusals = new ArrayList<>();
        Optional<PciDevice> target = t.device(r.target());
        if (target.isEmpty()) {
            refusals.add(Finding.of("UNKNOWN_DEVICE", r.target(), "No function " + r.target() + " on this host."));
            return new ResetPlan(r, Optional.empty(), List.of(), List.of(), OptionalInt.empty(), refusals, List.of());
        }
        if (!runningAsRoot) {
            refusals.add(new Finding("NOT_ROOT", Optional.empty(), "A reset through VFIO needs root: run the command "
                    + "as root (sudo), or from the GUI, which asks through pkexec."));
        }
        BlastRadius blast = new BlastRadiusAnalyzer(t, host).analyze(r.target());
        List<Finding> own = refusals(blast, target.get(), r.kind(), r.bind());
        own.stream().filter(f -> f.code().equals("TARGET_IS_BRIDGE")).forEach(refusals::add);
        boolean hot = r.kind() == ResetKind.HOT_RESET;
        Optional<HotResetPrediction> prediction = hot ? Optional.of(blast.hotReset()) : Optional.empty();
        List<PciAddress> affected = hot ? blast.hotReset().affected() : List.of(r.target());
        if (!r.confirmed().equals(affected)) {
            refusals.add(Finding.of("CONFIRMED_SET_DIFFERS", r.target(), "You confirmed " + list(r.confirmed())
                    + ", but " + (hot ? "a hot reset of " + r.target() + " reaches " : "a function reset reaches only ")
                    + list(affected) + ". Confirm exactly that set (see 'vfio-inspector blast " + r.target() + "')."));
        }
        own.stream().filter(f -> !f.code().equals("TARGET_IS_BRIDGE")).forEach(refusals::add);
        List<Integer> groups = groupsOf(t, affected);
        List<Finding> warnings = hot ? blast.warnings() : blast.functionReset().warnings();
        return new ResetPlan(r, prediction, affected, groups, target.get().iommuGroup(), dedupe(refusals), warnings);
    }

    /**
     * The blast radius's blockers of {@code kind} that refuse the run (with {@code bind}, less those binding
     * the functions to vfio-pci resolves), a bridge target first: what the reset wizard and the window's verdict
     * show, so that the two never disagree with the run.
     */
    public static List<Finding> refusals(BlastRadius blast, PciDevice target, ResetKind kind, boolean bind) {
        List<Finding> out = new ArrayList<>();
        if (target.isBridge() || target.isHostBridge()) {
            out.add(Finding.of("TARGET_IS_BRIDGE", target.address(), target.address() + " is a bridge: vfio-pci never "
                    + "binds bridges, so VFIO cannot reset it. Reset a device below it instead."));
        }
        // each kind is checked against its own verdict: a function reset does not care about the bus
        List<Finding> kindBlockers = kind == ResetKind.HOT_RESET ? blast.blockers() : blast.functionReset().blockers();
        for (Finding b : kindBlockers) {
            if (bind && BIND_RESOLVES.contains(b.code())) {
                continue;
            }
            if (b.code().equals("TARGET_IS_BRIDGE") || b.code().equals("UNKNOWN_DEVICE")) {
                continue; // refused above already
            }
            out.add(b);
        }
        return dedupe(out);
    }

    /** True when binding the functions to vfio-pci resolves this blocker (the wizard offers to). */
    public static boolean bindResolves(Finding blocker) {
        return BIND_RESOLVES.contains(blocker.code());
    }

    private static List<Integer> groupsOf(Topology t, List<PciAddress> set) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (PciAddress a : set) {
            t.device(a).ifPresent(d -> d.iommuGroup().ifPresent(ids::add));
        }
        return List.copyOf(ids);
    }

    static String list(List<PciAddress> set) {
        return set.isEmpty() ? "[]" : set.stream().map(PciAddress::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    private static List<Finding> dedupe(List<Finding> in) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : in) {
            if (!out.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }
}
