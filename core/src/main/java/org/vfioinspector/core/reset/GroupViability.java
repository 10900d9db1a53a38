package org.vfioinspector.core.reset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.vfio.ViableDrivers;

/**
 * Whether VFIO may use an IOMMU group: {@code VFIO_GROUP_SET_CONTAINER} fails with EPERM unless every
 * function of the group is unbound or on a driver that lets VFIO own DMA. Since 5.19 that is a driver
 * with {@code driver_managed_dma} (vfio-pci and its variants, pci-stub, pcieport), bridges included (a
 * bridge on shpchp breaks it); before 5.19 vfio allowed any non-normal header (bridges) on any driver
 * (drivers/vfio/vfio.c {@code vfio_dev_driver_allowed}).
 *
 * @param group    the IOMMU group number
 * @param viable   true/false, or empty when a member's driver or the kernel's rule cannot be known
 * @param members  every function of the group, sorted
 */
public record GroupViability(int group, Optional<Boolean> viable, List<Member> members) {

    /** First kernel where bridges need a DMA-managing driver too (the iommu DMA-ownership rework). */
    static final int[] BRIDGE_RULE_SINCE = {5, 19};

    /**
     * One function of the group.
     *
     * @param driver           its bound driver; empty when unbound or not captured
     * @param known            false when the function is listed in the group but was not captured
     * @param breaksViability  true when its driver makes the group not viable; empty when that is unknown
     */
    public record Member(PciAddress address, Optional<String> driver, boolean bridge, boolean known,
                         Optional<Boolean> breaksViability) {

        /** What it takes to let VFIO use the group: a bridge is unbound, an endpoint is bound to vfio-pci. */
        public String remedy() {
            return bridge ? "unbind it from " + driver.orElse("its driver") + " (vfio-pci never accepts bridges)"
                    : "bind it to vfio-pci";
        }

        /** {@code 0000:03:00.0 (nvme)}. */
        public String describe() {
            return address + " (" + driver.orElse(known ? "no driver" : "not captured") + ")";
        }
    }

    public GroupViability {
        members = List.copyOf(members);
    }

    /** The members that break viability (they must leave their drivers before VFIO can use the group). */
    public List<Member> breaking() {
        return members.stream().filter(m -> m.breaksViability().orElse(false)).toList();
    }

    /** The members whose effect on viability cannot be known. */
    public List<Member> uncertain() {
        return members.stream().filter(m -> m.breaksViability().isEmpty()).toList();
    }

    /** The viability of each of {@code groups}, ascending, as the topology shows them. */
    public static List<GroupViability> of(Collection<Integer> groups, Topology t) {
        TreeSet<Integer> wanted = new TreeSet<>(groups);
        // a function whose iommu_group link names a group whose folder does not list it is still in it:
        // one pass over the functions, not one per group (hot resets of large switches touch many groups)
        Map<Integer, TreeSet<PciAddress>> linked = new HashMap<>();
        for (PciDevice d : t.devices()) {
            if (d.iommuGroup().isPresent() && wanted.contains(d.iommuGroup().getAsInt())) {
                linked.computeIfAbsent(d.iommuGroup().getAsInt(), k -> new TreeSet<>()).add(d.address());
            }
        }
        List<GroupViability> out = new ArrayList<>();
        for (int g : wanted) {
            TreeSet<PciAddress> members = new TreeSet<>(t.group(g).map(x -> x.devices()).orElse(List.of()));
            members.addAll(linked.getOrDefault(g, new TreeSet<>()));
            out.add(of(g, members, t));
        }
        return out;
    }

    public static GroupViability of(int group, Topology t) {
        return of(List.of(group), t).get(0);
    }

    private static GroupViability of(int group, TreeSet<PciAddress> addresses, Topology t) {
        Optional<Boolean> bridgeRule = t.host().kernelAtLeast(BRIDGE_RULE_SINCE[0], BRIDGE_RULE_SINCE[1]);
        List<Member> members = new ArrayList<>();
        boolean anyBreaks = false;
        boolean anyUnknown = false;
        for (PciAddress a : addresses) {
            Optional<PciDevice> d = t.device(a);
            Member m = d.map(x -> member(x, bridgeRule))
                    .orElseGet(() -> new Member(a, Optional.empty(), false, false, Optional.empty()));
            anyBreaks |= m.breaksViability().orElse(false);
            anyUnknown |= m.breaksViability().isEmpty();
            members.add(m);
        }
        Optional<Boolean> viable = anyBreaks ? Optional.of(false) : anyUnknown ? Optional.empty() : Optional.of(true);
        return new GroupViability(group, viable, members);
    }

    private static Member member(PciDevice d, Optional<Boolean> bridgeRule) {
        boolean bridge = d.isBridge();
        Optional<Boolean> breaks;
        if (d.driver().isEmpty() || ViableDrivers.allowed(d.driver().get())) {
            breaks = Optional.of(false);
        } else if (bridge) {
            breaks = bridgeRule; // before 5.19 a bridge on any driver is allowed; unknown kernel: unknown
        } else {
            breaks = Optional.of(true);
        }
        return new Member(d.address(), d.driver(), bridge, true, breaks);
    }
}
