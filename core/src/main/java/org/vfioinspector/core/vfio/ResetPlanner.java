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
import org.vfioinspector.core.reset.ResetMethodInfo;

/**
 * The checks made from sysfs before any ioctl: the target exists and is not a bridge, the process is
 * root, the IOMMU formed groups, the confirmed set equals the predicted one, no blast-radius blocker
 * applies (with {@link ResetRequest#bind()}, the "not on vfio-pci" ones are left to the binding), and
 * every group to open is viable apart from the functions being reset. Pure: the caller reads the
 * topology, host state and privilege.
 */
public final class ResetPlanner {

    /** Blockers that binding the affected functions to vfio-pci resolves. */
    static final Set<String> BIND_RESOLVES = Set.of("HOST_DRIVER", "NOT_VFIO_BOUND");

    /** Blockers about the slot or bus reset that do not concern a function-level reset. */
    static final Set<String> HOT_RESET_ONLY = Set.of("ROOT_BUS", "NO_BUS_RESET_QUIRK", "RESET_DISABLED",
            "NO_HOT_RESET", "VIRTUAL_BUS", "BRIDGE_IN_SET");

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
        if (target.get().isBridge() || target.get().isHostBridge()) {
            refusals.add(Finding.of("TARGET_IS_BRIDGE", r.target(), r.target() + " is a bridge: vfio-pci never binds "
                    + "bridges, so VFIO cannot reset it. Reset a device below it instead."));
        }
        BlastRadius blast = new BlastRadiusAnalyzer(t, host).analyze(r.target());
        boolean hot = r.kind() == ResetKind.HOT_RESET;
        Optional<HotResetPrediction> prediction = hot ? Optional.of(blast.hotReset()) : Optional.empty();
        List<PciAddress> affected = hot ? blast.hotReset().affected() : List.of(r.target());
        if (!r.confirmed().equals(affected)) {
            refusals.add(Finding.of("CONFIRMED_SET_DIFFERS", r.target(), "You confirmed " + list(r.confirmed())
                    + ", but " + (hot ? "a hot reset of " + r.target() + " reaches " : "a function reset reaches only ")
                    + list(affected) + ". Confirm exactly that set (see 'vfio-inspector blast " + r.target() + "')."));
        }
        if (!hot && !ResetMethodInfo.hasFlr(target.get())) {
            refusals.add(Finding.of("NO_FLR", r.target(), r.target() + " has no FLR (reset_method: "
                    + target.get().resetMethods().map(m -> m.isEmpty() ? "disabled" : String.join(" ", m))
                            .orElse("none") + "): a function reset cannot be limited to it. Use a hot reset."));
        }
        for (Finding b : blast.blockers()) {
            if (r.bind() && BIND_RESOLVES.contains(b.code())) {
                continue;
            }
            if (!hot && (HOT_RESET_ONLY.contains(b.code()) || !concernsOnly(b, r.target()))) {
                continue;
            }
            refusals.add(b);
        }
        List<Integer> groups = groupsOf(t, affected);
        refusals.addAll(nonViableGroups(t, groups, affected));
        List<Finding> warnings = hot ? blast.warnings()
                : blast.warnings().stream().filter(w -> concernsOnly(w, r.target())).toList();
        return new ResetPlan(r, prediction, affected, groups, target.get().iommuGroup(), dedupe(refusals), warnings);
    }

    private static boolean concernsOnly(Finding f, PciAddress target) {
        return f.device().map(target::equals).orElse(true);
    }

    private static List<Integer> groupsOf(Topology t, List<PciAddress> set) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (PciAddress a : set) {
            t.device(a).ifPresent(d -> d.iommuGroup().ifPresent(ids::add));
        }
        return List.copyOf(ids);
    }

    /**
     * Group members outside the reset set that are on a host driver: binding the set does not help, and
     * {@code VFIO_GROUP_SET_CONTAINER} would fail with EPERM. Refusing here avoids opening anything.
     */
    private static List<Finding> nonViableGroups(Topology t, List<Integer> groups, List<PciAddress> affected) {
        List<Finding> out = new ArrayList<>();
        for (int g : groups) {
            List<String> host = t.group(g).map(grp -> grp.devices()).orElse(List.of()).stream()
                    .filter(a -> !affected.contains(a))
                    .flatMap(a -> t.device(a).stream())
                    .filter(d -> d.driver().filter(drv -> !ViableDrivers.allowed(drv)).isPresent())
                    .map(d -> d.address() + " (" + d.driver().orElseThrow() + ")")
                    .toList();
            if (!host.isEmpty()) {
                out.add(new Finding("GROUP_NOT_VIABLE", Optional.empty(),
                        VfioErrors.notViable("IOMMU group " + g, host)));
            }
        }
        return out;
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
