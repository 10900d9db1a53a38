package org.vfioinspector.core.reset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.vfioinspector.core.config.PortType;
import org.vfioinspector.core.host.Holder;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.text.Counted;

/**
 * Combines the predicted affected set with what the host has on it and the safety rules of
 * shared/DESIGN.md into a {@link BlastRadius}. Pure and fast: the host state is read once per scan.
 */
public final class BlastRadiusAnalyzer {

    public static final String VFIO_PCI = "vfio-pci";

    private final Topology topology;
    private final HostState host;
    /** The words between {@code vfio-inspector} and a suggested command: empty for this machine. */
    private final String source;

    public BlastRadiusAnalyzer(Topology topology, HostState host) {
        this(topology, host, List.of());
    }

    /**
     * @param source the host's source as the command line names it ({@code --demo}, {@code --root PATH}), put into
     *               every command suggested, so a command suggested for the demo or a capture acts on that (or is
     *               refused there as read-only), never on the machine at hand; empty for this machine
     */
    public BlastRadiusAnalyzer(Topology topology, HostState host, List<String> source) {
        this.topology = topology;
        this.host = host;
        this.source = source.stream().map(w -> w.matches("[A-Za-z0-9_./:,=@%+-]+") ? w
                : "\"" + w.replaceAll("[\\p{Cntrl}\"\\\\$`]", "?") + "\"").map(w -> w + " ").collect(Collectors.joining());
    }

    public BlastRadius analyze(PciAddress address) {
        HotResetPrediction p = AffectedSet.predict(topology, address);
        Optional<PciDevice> target = topology.device(address);
        List<ResetMethodInfo> methods = target.map(d -> ResetMethodInfo.explain(d, topology)).orElse(List.of());
        List<AffectedFunction> affected = new ArrayList<>();
        for (PciAddress a : p.affected()) {
            topology.device(a).ifPresent(d -> affected.add(describe(d)));
        }
        List<Finding> blockers = new ArrayList<>();
        List<Finding> warnings = new ArrayList<>();
        List<Finding> unknowns = new ArrayList<>();
        TreeSet<Integer> touched = new TreeSet<>(p.groups());
        if (target.isPresent()) {
            kernelBlockers(p, blockers, unknowns);
            Set<String> heldReported = new LinkedHashSet<>();
            for (AffectedFunction f : affected) {
                functionChecks(f, blockers, warnings, heldReported);
                hostUseUnknown(f.address(), unknowns);
            }
            viabilityChecks(p.groups(), p.affected(), blockers, warnings, unknowns);
            pathChecks(target.get(), warnings);
            hostChecks(warnings, unknowns);
            target.get().iommuGroup().ifPresent(touched::add);
        }
        FunctionReset function = functionReset(address, target);
        return new BlastRadius(address, p, methods, recommendation(target, p, function), automaticReset(p), affected,
                dedupe(blockers), dedupe(warnings), dedupe(unknowns), function, GroupViability.of(touched, topology));
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

    private void kernelBlockers(HotResetPrediction p, List<Finding> blockers, List<Finding> unknowns) {
        if (BlastRadius.PARENT_UNKNOWN.equals(p.reasonCode())) {
            unknowns.add(Finding.of(BlastRadius.PARENT_UNKNOWN, p.device(), p.reason()));
        } else if (!p.possible()) {
            blockers.add(Finding.of(p.reasonCode().equals("VIRTUAL_BUS") ? "NO_HOT_RESET" : p.reasonCode(),
                    p.device(), p.reason()));
        }
        iommuBlockers(p.device(), p.withoutGroup(), blockers);
    }

    private void iommuBlockers(PciAddress device, List<PciAddress> withoutGroup, List<Finding> blockers) {
        if (!topology.host().iommuEnabled()) {
            blockers.add(Finding.of("NO_IOMMU_GROUP", device, "The IOMMU is off: there are no IOMMU groups, so VFIO "
                    + "cannot open any device. " + String.join(" ", topology.host().iommuAdvice().subList(1, 2))));
        } else {
            for (PciAddress a : withoutGroup) {
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
        } else {
            driverBlocker(d, "every affected function must be bound to vfio-pci", blockers);
        }
        holderBlockers(a, f.group(), f.holders(), heldReported, blockers);
        HostUse.ofReset(d, host.impact(), blockers, warnings);
        KnownResetBugs.reason(d).ifPresent(r -> warnings.add(Finding.of("RESET_BUG", a, a + ": " + r)));
    }

    /** HOST_DRIVER or NOT_VFIO_BOUND when {@code d} (an endpoint VFIO must own) is not on vfio-pci. */
    private void driverBlocker(PciDevice d, String rule, List<Finding> blockers) {
        PciAddress a = d.address();
        if (d.driver().isPresent() && !d.driver().get().equals(VFIO_PCI)) {
            blockers.add(Finding.of("HOST_DRIVER", a, a + " is bound to the host driver " + d.driver().get()
                    + ": " + rule + " (" + bindAdvice(a) + "; that takes it away from the host)."));
        } else if (d.driver().isEmpty()) {
            blockers.add(Finding.of("NOT_VFIO_BOUND", a, a + " has no driver: " + rule + " (the kernel refuses a "
                    + "function without it: EINVAL). " + capitalized(bindAdvice(a)) + "."));
        }
    }

    private void holderBlockers(PciAddress a, OptionalInt group, List<Holder> holders, Set<String> heldReported,
                                List<Finding> blockers) {
        for (Holder h : holders) {
            // one blocker per group and process, not one per function of the group
            if (!heldReported.add(group + "|" + h.pid())) {
                continue;
            }
            blockers.add(Finding.of("GROUP_HELD", a, "IOMMU group " + group.stream().mapToObj(Integer::toString)
                    .findFirst().orElse("?") + " of " + a + " is held open by " + h.describe()
                    + ": " + abbreviate(h.cmdline()) + ". Stop it (or detach the device) before a reset."));
        }
    }

    /**
     * GROUP_NOT_VIABLE for each group VFIO must open ({@code groups}) that holds a function outside
     * {@code own} (the functions this reset binds and resets) on a driver that breaks viability; what the
     * host loses with those functions counts like an affected function's. Unknown drivers make it unknown.
     */
    private void viabilityChecks(Collection<Integer> groups, Collection<PciAddress> own, List<Finding> blockers,
                                 List<Finding> warnings, List<Finding> unknowns) {
        for (GroupViability g : GroupViability.of(groups, topology)) {
            List<GroupViability.Member> leave = g.breaking().stream().filter(m -> !own.contains(m.address())).toList();
            if (!leave.isEmpty()) {
                blockers.add(new Finding("GROUP_NOT_VIABLE", Optional.empty(), "IOMMU group " + g.group()
                        + " is not viable: " + leave.stream().map(GroupViability.Member::describe)
                        .collect(Collectors.joining(", ")) + (leave.size() == 1 ? " is" : " are")
                        + " on a host driver, so the kernel refuses VFIO the group (EPERM at VFIO_GROUP_SET_CONTAINER). "
                        + "Using VFIO here takes " + (leave.size() == 1 ? "that function" : "those functions")
                        + " from the host too: " + leave.stream().map(m -> m.address() + ": " + remedy(m))
                        .collect(Collectors.joining("; ")) + "."));
                for (GroupViability.Member m : leave) {
                    topology.device(m.address()).ifPresent(d ->
                            HostUse.ofLeavingHost(d, g.group(), host.impact(), blockers, warnings));
                    hostUseUnknown(m.address(), unknowns);
                }
            }
            List<GroupViability.Member> uncertain = g.uncertain().stream()
                    .filter(m -> !own.contains(m.address())).toList();
            if (!uncertain.isEmpty()) {
                unknowns.add(new Finding("VIABILITY_UNKNOWN", Optional.empty(), "Whether VFIO may use IOMMU group "
                        + g.group() + " is unknown: " + uncertain.stream().map(m -> m.known()
                        ? m.describe() + " is a bridge on a driver the kernel allows only before 5.19, and the kernel "
                                + "version is unknown"
                        : m.address() + " is in the group but was not captured")
                        .collect(Collectors.joining("; ")) + "."));
            }
        }
    }

    /** What a group member must do for VFIO to use its group: a bridge is unbound, an endpoint bound. */
    private String remedy(GroupViability.Member m) {
        return m.bridge() ? m.remedy() : bindAdvice(m.address());
    }

    /**
     * The one place that suggests a bind. Where {@code bind} would refuse it (the function holds the root
     * filesystem, a mount, swap or the default route, or that cannot be seen) the command is not handed
     * out: the sentence names what the bind would take from the host instead.
     */
    private String bindAdvice(PciAddress a) {
        List<Finding> risks = BindSafety.risks(List.of(a), topology, host);
        if (risks.isEmpty()) {
            return "bind it with 'vfio-inspector " + source + "bind " + a + " --vfio'";
        }
        return "binding it to vfio-pci would take from this host what it uses (" + risks.stream().map(Finding::code)
                .distinct().collect(Collectors.joining(", ")) + ", see the warnings): move that use elsewhere first; "
                + "'vfio-inspector bind' refuses it otherwise, unless told --force-host-impact";
    }

    /**
     * MOUNTS_UNKNOWN / ROUTES_UNKNOWN when this host root cannot show whether {@code a} carries mounted disks,
     * swap or the default route (a snapshot without proc): what the reset takes down is then unknown.
     */
    private void hostUseUnknown(PciAddress a, List<Finding> unknowns) {
        BindSafety.risks(List.of(a), topology, host).stream().filter(BindSafety::isUnknown).forEach(unknowns::add);
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * The function reset of {@code address}: only that function, its group, its own disks, interfaces and
     * displays, plus whatever must leave the host for VFIO to use its group.
     */
    private FunctionReset functionReset(PciAddress address, Optional<PciDevice> target) {
        if (target.isEmpty()) {
            return new FunctionReset(Optional.of(false), Optional.empty(), new KernelResetMethods(Optional.empty(),
                    KernelResetMethods.Source.UNKNOWN, "No such function."), List.of(address), List.of(),
                    "No function " + address + " on this host.", List.of(Finding.of("UNKNOWN_DEVICE", address,
                    "No function " + address + " on this host.")), List.of(), List.of());
        }
        PciDevice d = target.get();
        List<Finding> blockers = new ArrayList<>();
        List<Finding> warnings = new ArrayList<>();
        List<Finding> unknowns = new ArrayList<>();
        if (d.isBridge() || d.isHostBridge()) {
            // whatever methods the kernel has, VFIO never owns a bridge: not possible, not unknown
            String why = address + " is a bridge: vfio-pci never binds bridges, so VFIO cannot reset it. Reset a "
                    + "device below it instead.";
            return new FunctionReset(Optional.of(false), Optional.empty(), KernelResetMethods.of(d, topology),
                    List.of(address), d.iommuGroup().stream().boxed().toList(), why,
                    List.of(Finding.of("TARGET_IS_BRIDGE", address, why)), List.of(), List.of());
        }
        FunctionResetMethods m = FunctionResetMethods.of(d, topology);
        m.blocker().ifPresent(blockers::add);
        m.unknown().ifPresent(unknowns::add);
        driverBlocker(d, "VFIO_DEVICE_RESET needs it bound to vfio-pci", blockers);
        iommuBlockers(address, d.iommuGroup().isPresent() ? List.of() : List.of(address), blockers);
        List<Holder> holders = new ArrayList<>(host.holders().holdersOfDevice(address));
        d.iommuGroup().ifPresent(g -> holders.addAll(host.holders().holdersOfGroup(g)));
        holderBlockers(address, d.iommuGroup(), holders.stream().distinct().toList(), new LinkedHashSet<>(), blockers);
        HostUse.ofReset(d, host.impact(), blockers, warnings);
        hostUseUnknown(address, unknowns);
        KnownResetBugs.reason(d).ifPresent(r -> warnings.add(Finding.of("RESET_BUG", address, address + ": " + r)));
        List<Integer> groups = d.iommuGroup().stream().boxed().toList();
        viabilityChecks(groups, List.of(address), blockers, warnings, unknowns);
        holdersUnknown(unknowns);
        return new FunctionReset(m.possible(), m.method(), m.kernel(), List.of(address), groups, m.reason(),
                dedupe(blockers), dedupe(warnings), dedupe(unknowns));
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

    private void hostChecks(List<Finding> warnings, List<Finding> unknowns) {
        topology.host().cmdline().acsOverride().ifPresent(v -> warnings.add(new Finding("ACS_OVERRIDE", Optional.empty(),
                "pcie_acs_override=" + v + " is on the kernel command line: IOMMU groups may claim an isolation "
                        + "the hardware does not have.")));
        holdersUnknown(unknowns);
    }

    private void holdersUnknown(List<Finding> unknowns) {
        if (!host.holders().complete()) {
            unknowns.add(new Finding("HOLDERS_UNKNOWN", Optional.empty(), "Other processes' open files could not be "
                    + "read (needs root), or the capture has no process table: whether a VM holds an affected group is unknown."));
        }
    }

    private String recommendation(Optional<PciDevice> target, HotResetPrediction p, FunctionReset f) {
        if (target.isEmpty()) {
            return "No such function.";
        }
        PciAddress a = target.get().address();
        String method = f.method().orElse("");
        if (f.possible().orElse(false)) {
            if (method.equals("flr") || method.equals("af_flr")) {
                return "Use FLR: VFIO_DEVICE_RESET resets only " + a + " and is the least invasive choice; "
                        + "a hot reset is only needed when FLR does not clear the device.";
            }
            if (method.equals("bus")) {
                return a + " is alone on its bus: its 'bus' reset method (VFIO_DEVICE_RESET) resets only it.";
            }
            return "Use a function reset: VFIO_DEVICE_RESET resets only " + a + " with the kernel's '" + method
                    + "' method and is the least invasive choice; a hot reset is only needed when it does not clear "
                    + "the device.";
        }
        String hot = hotSentence(p);
        if (f.possible().isEmpty()) {
            return f.reason() + " " + hot;
        }
        List<String> listed = f.methods().methods().orElse(List.of());
        if (listed.size() == 1 && listed.get(0).equals("bus")) {
            // the kernel chose the methods when the function appeared, and checks again at each reset
            int others = topology.devicesOnBus(a.busAddress()).size() - 1;
            return "reset_method lists 'bus', which the kernel offers only to a function alone on its bus, but "
                    + Counted.of(others, "other function") + " share" + (others == 1 ? "s" : "") + " bus " + a.busAddress()
                    + ": the kernel refuses that reset while " + (others == 1 ? "it is" : "they are")
                    + " there, so VFIO_DEVICE_RESET will fail; " + (p.possible() ? "a "
                    + p.scope().orElseThrow().json() + " hot reset resets " + allAffected(p.affected().size()) + "."
                    : "no hot reset is possible either.");
        }
        if (p.possible()) {
            return "No function reset (" + f.reason() + "): a " + p.scope().orElseThrow().json() + " hot reset is the "
                    + "only way, and it resets " + allAffected(p.affected().size()) + ".";
        }
        if (BlastRadius.PARENT_UNKNOWN.equals(p.reasonCode())) {
            return "No function reset (" + f.reason() + "), and " + hot;
        }
        return "This function cannot be reset through VFIO: " + f.reason() + " No hot reset either: " + p.reason();
    }

    private static String hotSentence(HotResetPrediction p) {
        if (BlastRadius.PARENT_UNKNOWN.equals(p.reasonCode())) {
            return "whether a hot reset is possible is unknown: " + p.reason();
        }
        return p.possible() ? "A " + p.scope().orElseThrow().json() + " hot reset resets "
                + allAffected(p.affected().size()) + "." : "No hot reset either: " + p.reason();
    }

    /** "all 3 affected functions", "the one affected function". */
    private static String allAffected(int n) {
        return n == 1 ? "the one affected function" : "all " + n + " affected functions";
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
