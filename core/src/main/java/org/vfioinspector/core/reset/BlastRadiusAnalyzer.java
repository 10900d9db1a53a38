package org.vfioinspector.core.reset;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.vfioinspector.core.config.PortType;
import org.vfioinspector.core.host.BlockDevice;
import org.vfioinspector.core.host.Holder;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.host.NetInterface;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

/**
 * Combines the predicted affected set with what the host has on it and the safety rules of
 * shared/DESIGN.md into a {@link BlastRadius}. Pure and fast: the host state is read once per scan.
 */
public final class BlastRadiusAnalyzer {

    public static final String VFIO_PCI = "vfio-pci";

    private final Topology topology;
    private final HostState host;

    public BlastRadiusAnalyzer(Topology topology, HostState host) {
        this.topology = topology;
        this.host = host;
    }

    public BlastRadius analyze(PciAddress address) {
        HotResetPrediction p = AffectedSet.predict(topology, address);
        Optional<PciDevice> target = topology.device(address);
        List<ResetMethodInfo> methods = target.map(ResetMethodInfo::explain).orElse(List.of());
        List<AffectedFunction> affected = new ArrayList<>();
        for (PciAddress a : p.affected()) {
            topology.device(a).ifPresent(d -> affected.add(describe(d)));
        }
        List<Finding> blockers = new ArrayList<>();
        List<Finding> warnings = new ArrayList<>();
        if (target.isPresent()) {
            kernelBlockers(p, blockers);
            Set<String> heldReported = new LinkedHashSet<>();
            for (AffectedFunction f : affected) {
                functionChecks(f, blockers, warnings, heldReported);
            }
            pathChecks(target.get(), warnings);
            hostChecks(warnings);
        }
        return new BlastRadius(address, p, methods, recommendation(target, p, topology), automaticReset(p), affected,
                dedupe(blockers), dedupe(warnings));
    }

    private AffectedFunction describe(PciDevice d) {
        List<Holder> holders = new ArrayList<>(host.holders().holdersOfDevice(d.address()));
        if (d.iommuGroup().isPresent()) {
            holders.addAll(host.holders().holdersOfGroup(d.iommuGroup().getAsInt()));
        }
        return new AffectedFunction(d.address(), d.driver(), d.iommuGroup(), d.isBridge(),
                holders.stream().distinct().toList(), host.impact().disksOf(d.address()),
                host.impact().interfacesOf(d.address()), host.impact().drmCardsOf(d.address()));
    }

    private void kernelBlockers(HotResetPrediction p, List<Finding> blockers) {
        if (!p.possible()) {
            blockers.add(Finding.of(p.reasonCode().equals("VIRTUAL_BUS") ? "NO_HOT_RESET" : p.reasonCode(),
                    p.device(), p.reason()));
        }
        if (!topology.host().iommuEnabled()) {
            blockers.add(Finding.of("NO_IOMMU_GROUP", p.device(), "The IOMMU is off: there are no IOMMU groups, so VFIO "
                    + "cannot open any device. " + String.join(" ", topology.host().iommuAdvice().subList(1, 2))));
        } else {
            for (PciAddress a : p.withoutGroup()) {
                blockers.add(Finding.of("NO_IOMMU_GROUP", a, a + " has no IOMMU group: the kernel refuses to list or "
                        + "reset a set that contains it (EPERM)."));
            }
        }
    }

    private void functionChecks(AffectedFunction f, List<Finding> blockers, List<Finding> warnings,
                                Set<String> heldReported) {
        PciAddress a = f.address();
        PciDevice d = topology.device(a).orElseThrow();
        if (f.bridge()) {
            blockers.add(Finding.of("BRIDGE_IN_SET", a, a + " is a bridge below the reset bridge; vfio-pci never binds "
                    + "bridges, so the kernel cannot take ownership of the whole set and refuses the hot reset. "
                    + "Reset a device further down instead."));
        } else if (f.driver().isPresent() && !f.driver().get().equals(VFIO_PCI)) {
            blockers.add(Finding.of("HOST_DRIVER", a, a + " is bound to the host driver " + f.driver().get()
                    + ": every affected function must be bound to vfio-pci (bind it with 'vfio-inspector bind "
                    + a + " --vfio'; the reset then takes it away from the host)."));
        } else if (f.driver().isEmpty()) {
            blockers.add(Finding.of("NOT_VFIO_BOUND", a, a + " has no driver: the kernel only resets a set whose "
                    + "functions are all bound to vfio-pci (HOT_RESET fails with EINVAL). Bind it with "
                    + "'vfio-inspector bind " + a + " --vfio'."));
        }
        for (Holder h : f.holders()) {
            // one blocker per group and process, not one per function of the group
            if (!heldReported.add(f.group() + "|" + h.pid())) {
                continue;
            }
            blockers.add(Finding.of("GROUP_HELD", a, "IOMMU group " + f.group().stream().mapToObj(Integer::toString)
                    .findFirst().orElse("?") + " of " + a + " is held open by " + h.describe()
                    + ": " + abbreviate(h.cmdline()) + ". Stop it (or detach the device) before a reset."));
        }
        for (BlockDevice disk : f.disks()) {
            if (disk.holdsRootFilesystem()) {
                blockers.add(Finding.of("ROOT_FILESYSTEM", a, "/dev/" + disk.name() + " on " + a
                        + " holds this host's root filesystem: resetting it would take the system down."));
            }
            List<String> points = disk.mounts().stream().filter(m -> !m.isRoot()).map(m -> m.mountPoint()).toList();
            if (!points.isEmpty()) {
                warnings.add(Finding.of("MOUNTED", a, "/dev/" + disk.name() + " on " + a + " is mounted at "
                        + String.join(", ", points) + ": unmount it first, or its data may be lost."));
            }
            if (!disk.swaps().isEmpty()) {
                warnings.add(Finding.of("SWAP", a, "/dev/" + disk.name() + " on " + a + " holds active swap ("
                        + String.join(", ", disk.swaps()) + "): swapoff first."));
            }
        }
        for (NetInterface n : f.interfaces()) {
            if (n.defaultRoute()) {
                warnings.add(Finding.of("DEFAULT_ROUTE", a, n.name() + " on " + a + " carries the default route: "
                        + "it is likely your own ssh session; the host loses its network during the reset."));
            } else if (n.isUp()) {
                warnings.add(Finding.of("NIC_UP", a, n.name() + " on " + a + " is up"
                        + (n.addresses().isEmpty() ? "" : " with " + String.join(", ", n.addresses()))
                        + ": its traffic stops during the reset."));
            }
        }
        if (d.bootVga().orElse(false)) {
            warnings.add(Finding.of("DISPLAY", a, a + " is the boot VGA device: the host console goes dark, and some "
                    + "GPUs do not come back without a reboot."));
        } else if (!f.drmCards().isEmpty()) {
            warnings.add(Finding.of("DISPLAY", a, a + " drives " + String.join(", ", f.drmCards())
                    + ": displays on it go dark during the reset."));
        }
        KnownResetBugs.reason(d).ifPresent(r -> warnings.add(Finding.of("RESET_BUG", a, a + ": " + r)));
    }

    /** Downstream ports without ACS isolation on the way up: peer-to-peer traffic may bypass the IOMMU. */
    private void pathChecks(PciDevice target, List<Finding> warnings) {
        for (PciDevice p : topology.upstreamPath(target.address())) {
            if (p.portType().filter(t -> t == PortType.DOWNSTREAM_PORT).isPresent()
                    && !GroupExplainer.isolatingAcs(p).orElse(true)) {
                warnings.add(Finding.of("NO_ACS_ON_PATH", p.address(), GroupExplainer.describeAcsGap(p)));
            }
        }
    }

    private void hostChecks(List<Finding> warnings) {
        topology.host().cmdline().acsOverride().ifPresent(v -> warnings.add(new Finding("ACS_OVERRIDE", Optional.empty(),
                "pcie_acs_override=" + v + " is on the kernel command line: IOMMU groups may claim an isolation "
                        + "the hardware does not have.")));
        if (!host.holders().complete()) {
            warnings.add(new Finding("HOLDERS_UNKNOWN", Optional.empty(), "Other processes' open files could not be "
                    + "read (needs root): whether a VM holds an affected group is unknown."));
        }
    }

    private static String recommendation(Optional<PciDevice> target, HotResetPrediction p, Topology topology) {
        if (target.isEmpty()) {
            return "No such function.";
        }
        PciDevice d = target.get();
        if (ResetMethodInfo.hasFlr(d)) {
            return "Use FLR: VFIO_DEVICE_RESET resets only " + d.address() + " and is the least invasive choice; "
                    + "a hot reset is only needed when FLR does not clear the device.";
        }
        if (d.resetMethods().map(l -> l.contains("bus")).orElse(false)) {
            int others = topology.devicesOnBus(d.address().busAddress()).size() - 1;
            if (others <= 0) {
                return d.address() + " is alone on its bus: its 'bus' reset method (VFIO_DEVICE_RESET) resets only it.";
            }
            // the kernel chose the methods when the function appeared, and checks again at each reset
            return "reset_method lists 'bus', which the kernel offers only to a function alone on its bus, but "
                    + others + " other function(s) share bus " + d.address().busAddress() + ": the kernel refuses "
                    + "that reset while they are there, so VFIO_DEVICE_RESET will fail; "
                    + (p.possible() ? "a " + p.scope().orElseThrow().json() + " hot reset resets all "
                            + p.affected().size() + " affected function(s)." : "no hot reset is possible either.");
        }
        if (p.possible()) {
            return "No function-level reset: a " + p.scope().orElseThrow().json() + " hot reset is the only way, and it "
                    + "resets all " + p.affected().size() + " affected function(s).";
        }
        return "This function cannot be reset through VFIO: no function-level reset and no hot reset.";
    }

    private static String automaticReset(HotResetPrediction p) {
        if (!p.possible()) {
            return "vfio-pci cannot bus-reset this function by itself either.";
        }
        return "vfio-pci performs this same " + p.scope().orElseThrow().json() + " reset by itself when the last user "
                + "releases a device of this set that has no function-level reset, if every affected function is bound "
                + "to vfio-pci and unused: the blast radius matters even when nobody asks for a reset.";
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "…";
    }

    private static List<Finding> dedupe(List<Finding> in) {
        Set<String> seen = new LinkedHashSet<>();
        return in.stream().filter(f -> seen.add(f.code() + "|" + f.device() + "|" + f.message()))
                .collect(Collectors.toList());
    }
}
