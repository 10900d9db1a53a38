package org.vfioinspector.core.reset;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.vfioinspector.core.config.Acs;
import org.vfioinspector.core.config.AcsBit;
import org.vfioinspector.core.config.ConfigSpace;
import org.vfioinspector.core.config.PortType;
import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

/**
 * Explains multi-function IOMMU groups with the rules of {@code pci_device_group()}
 * (drivers/iommu/iommu.c): functions behind a conventional PCI bridge share its requester ID;
 * functions of a multifunction device without ACS may talk to each other; a device joins the group
 * of the first upstream port that does not enforce ACS SV, RR, CR and UF.
 */
public final class GroupExplainer {

    private GroupExplainer() {
    }

    /** Explanations for every group with more than one function. */
    public static List<GroupExplanation> explainAll(Topology t) {
        List<GroupExplanation> out = new ArrayList<>();
        for (IommuGroup g : t.groups()) {
            if (g.devices().size() > 1) {
                out.add(explain(t, g));
            }
        }
        return out;
    }

    public static GroupExplanation explain(Topology t, IommuGroup g) {
        Set<PciAddress> members = new LinkedHashSet<>(g.devices());
        Set<PciAddress> explained = new LinkedHashSet<>();
        List<GroupExplanation.Reason> reasons = new ArrayList<>();
        if (members.size() <= 1) {
            return new GroupExplanation(g.id(), g.devices(), reasons, List.of());
        }

        // 1. conventional PCI behind a PCIe-to-PCI (or PCI-to-PCI) bridge
        for (PciAddress m : members) {
            PciDevice d = t.device(m).orElse(null);
            if (d == null || !d.isBridge() || !isConventionalBridge(d)) {
                continue;
            }
            List<PciAddress> below = t.descendants(m).stream().filter(members::contains).toList();
            if (!below.isEmpty()) {
                explained.add(m);
                explained.addAll(below);
                reasons.add(new GroupExplanation.Reason("PCI_BRIDGE", m,
                        m + " is a bridge to conventional PCI: DMA from the " + (below.size() == 1 ? "one function"
                                : below.size() + " functions") + " behind it carries the bridge's requester ID, so the IOMMU cannot tell them apart."));
            }
        }

        // 2. functions of one multifunction device without ACS
        for (PciAddress m : members) {
            if (explained.contains(m)) {
                continue;
            }
            List<PciAddress> siblings = members.stream().filter(o -> !o.equals(m)
                    && o.busAddress().equals(m.busAddress()) && o.device() == m.device()).toList();
            if (siblings.isEmpty()) {
                continue;
            }
            PciDevice d = t.device(m).orElse(null);
            if (d != null && !isolatingAcs(d).orElse(false)) {
                explained.add(m);
                explained.addAll(siblings);
                String acs = isolatingAcs(d).isEmpty() ? "its ACS capability could not be read" : "it has no ACS that isolates its functions";
                reasons.add(new GroupExplanation.Reason("MULTIFUNCTION", m,
                        m.slotId() + " is a multifunction device and " + acs
                                + ": its functions may reach each other without the IOMMU."));
            }
        }

        // 3. an upstream port without ACS isolation
        for (PciAddress m : members) {
            if (explained.contains(m)) {
                continue;
            }
            Optional<PciDevice> port = firstNonIsolatingPort(t, m, members);
            if (port.isPresent()) {
                PciDevice p = port.get();
                List<PciAddress> covered = new ArrayList<>();
                covered.add(p.address());
                t.descendants(p.address()).stream().filter(members::contains).forEach(covered::add);
                covered.stream().filter(members::contains).forEach(explained::add);
                if (reasons.stream().noneMatch(r -> r.code().equals("NO_ACS") && r.at().equals(p.address()))) {
                    reasons.add(new GroupExplanation.Reason("NO_ACS", p.address(), describeAcsGap(p)));
                }
            }
        }

        t.host().cmdline().acsOverride().ifPresent(v -> reasons.add(new GroupExplanation.Reason("ACS_OVERRIDE",
                g.devices().get(0), "pcie_acs_override=" + v + " is on the kernel command line: an out-of-tree "
                        + "patch pretends ports have ACS, so these groups may be smaller than the hardware isolates.")));

        List<PciAddress> unexplained = members.stream().filter(m -> !explained.contains(m)).toList();
        return new GroupExplanation(g.id(), g.devices(), reasons, unexplained);
    }

    private static boolean isConventionalBridge(PciDevice d) {
        Optional<PortType> pt = d.portType();
        if (pt.isEmpty()) {
            // a bridge without a PCI Express capability is a conventional PCI-to-PCI bridge
            return d.config().map(c -> c.capabilitiesAvailable()).orElse(false);
        }
        return pt.get() == PortType.PCIE_TO_PCI_BRIDGE;
    }

    /**
     * The nearest port above (or at) {@code m} that does not isolate, whose subtree holds another
     * member. Only Root and Downstream Ports enforce ACS for what is below them.
     */
    private static Optional<PciDevice> firstNonIsolatingPort(Topology t, PciAddress m, Set<PciAddress> members) {
        List<PciDevice> chain = new ArrayList<>();
        t.device(m).filter(d -> d.isBridge()).ifPresent(chain::add);
        chain.addAll(t.upstreamPath(m));
        for (PciDevice p : chain) {
            boolean downstreamFacing = p.portType().map(PortType::isDownstreamFacing).orElse(false);
            if (!downstreamFacing) {
                continue;
            }
            if (isolatingAcs(p).orElse(false)) {
                return Optional.empty();
            }
            boolean sharesWithSubtree = members.contains(p.address())
                    || t.descendants(p.address()).stream().filter(members::contains).count() > 1;
            if (sharesWithSubtree) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** True/false when ACS could be read; empty when the extended config space was not readable. */
    public static Optional<Boolean> isolatingAcs(PciDevice d) {
        Optional<ConfigSpace> c = d.config();
        if (c.isEmpty() || !c.get().extendedAvailable()) {
            return Optional.empty();
        }
        return Optional.of(c.get().acs().map(Acs::isolates).orElse(false));
    }

    public static String describeAcsGap(PciDevice p) {
        String kind = p.portType().map(PortType::label).orElse("port");
        Optional<Boolean> iso = isolatingAcs(p);
        if (iso.isEmpty()) {
            return kind + " " + p.address() + ": its ACS state is unknown (extended config space not readable; "
                    + "run as root), and the kernel did not isolate the devices below it.";
        }
        Optional<Acs> acs = p.config().flatMap(ConfigSpace::acs);
        if (acs.isEmpty()) {
            return kind + " " + p.address() + " has no ACS capability, so devices below it can reach each other "
                    + "without the IOMMU and share its group.";
        }
        StringBuilder gaps = new StringBuilder();
        for (AcsBit b : acs.get().isolationGaps()) {
            gaps.append(gaps.length() == 0 ? "" : ", ").append(b.name());
        }
        return kind + " " + p.address() + " has ACS but does not enable " + gaps
                + ", so devices below it share its group.";
    }
}
