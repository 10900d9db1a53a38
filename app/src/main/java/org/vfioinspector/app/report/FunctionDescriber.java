package org.vfioinspector.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.vfioinspector.core.health.HostHealth;
import org.vfioinspector.core.host.BlockDevice;
import org.vfioinspector.core.host.Holder;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.host.NetInterface;
import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.Names;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.reset.GroupExplainer;
import org.vfioinspector.core.reset.GroupExplanation;

/**
 * Makes the one {@link FunctionDescription} of a function from what the scan read: the device, its
 * place in the topology, its links and errors, its IOMMU group and who holds it on the host. Pure; the
 * same for the CLI and the window.
 */
public final class FunctionDescriber {

    /** Keys of rows that the tooltip picks. */
    public static final String DRIVER = "Driver";
    public static final String GROUP = "IOMMU group";
    public static final String LINK = "Link";
    public static final String NUMA = "NUMA node";

    private FunctionDescriber() {
    }

    public static FunctionDescription describe(PciDevice d, Topology t, PciIds ids, HostState state, HostHealth health) {
        List<DetailSection> out = new ArrayList<>();
        out.add(identity(d, ids));
        out.add(driver(d));
        out.add(group(d, t, ids));
        out.add(position(d, t));
        out.add(HealthFacts.path(health, d.address()));
        out.add(HealthFacts.power(health, d.address()));
        out.add(CapabilityFacts.resets(d, t));
        out.add(CapabilityFacts.capabilities(d));
        out.add(use(d, state));
        if (!d.notes().isEmpty()) {
            out.add(new DetailSection("Notes", d.notes().stream().map(n -> DetailRow.of("note", n)).toList()));
        }
        return new FunctionDescription(d.address(), d.address() + "  " + Names.describe(d, ids), out);
    }

    private static DetailSection identity(PciDevice d, PciIds ids) {
        List<DetailRow> rows = new ArrayList<>();
        rows.add(DetailRow.of("Address", d.address().toString()));
        rows.add(DetailRow.of("Device", Labels.deviceName(d, ids)));
        rows.add(DetailRow.of("Class", d.classCode().isPresent()
                ? ids.describeClass(d.classCode().getAsInt()) + String.format(" (%06x)", d.classCode().getAsInt())
                : "unknown"));
        rows.add(DetailRow.of("Vendor:device", d.idPair()));
        if (d.subsystemVendorId().isPresent() && d.subsystemDeviceId().isPresent()) {
            int sv = d.subsystemVendorId().getAsInt();
            int sd = d.subsystemDeviceId().getAsInt();
            String name = d.vendorId().isPresent() && d.deviceId().isPresent()
                    ? ids.subsystemName(d.vendorId().getAsInt(), d.deviceId().getAsInt(), sv, sd).orElse("") : "";
            rows.add(DetailRow.of("Subsystem", String.format("%04x:%04x", sv, sd) + (name.isEmpty() ? "" : " " + name)));
        }
        d.revision().ifPresent(r -> rows.add(DetailRow.of("Revision", String.format("%02x", r))));
        return new DetailSection(Names.describe(d, ids), rows);
    }

    private static DetailSection driver(PciDevice d) {
        List<DetailRow> rows = new ArrayList<>();
        String hint = d.driver().map(x -> x.equals("vfio-pci")
                ? "Bound to vfio-pci: a VM (or another VFIO user) can take it."
                : "Bound to a host driver: the host uses it; a hot reset that reaches it is blocked.")
                .orElse("No driver: nothing uses it, but a hot reset still needs it bound to vfio-pci.");
        rows.add(new DetailRow(DRIVER, d.driver().orElse("none"), hint));
        d.driverOverride().ifPresent(o -> rows.add(new DetailRow("driver_override", o,
                "The kernel will only bind this driver to the function.")));
        return new DetailSection("Driver", rows);
    }

    private static DetailSection group(PciDevice d, Topology t, PciIds ids) {
        List<DetailRow> rows = new ArrayList<>();
        Optional<IommuGroup> g = t.groupOf(d.address());
        if (d.iommuGroup().isEmpty()) {
            rows.add(new DetailRow(GROUP, "none", "Without a group VFIO cannot use this function."));
            return new DetailSection("IOMMU group", rows);
        }
        rows.add(DetailRow.of(GROUP, d.iommuGroup().getAsInt()
                + g.flatMap(IommuGroup::type).map(x -> " (" + x + ")").orElse("")));
        if (g.isPresent()) {
            for (PciAddress m : g.get().devices()) {
                String who = t.device(m).map(x -> Labels.deviceName(x, ids) + " [" + x.driver().orElse("no driver") + "]")
                        .orElse("not in the scan");
                rows.add(DetailRow.of(m.equals(d.address()) ? "Member (this)" : "Member", m + "  " + who));
            }
            if (g.get().devices().size() > 1) {
                GroupExplanation why = GroupExplainer.explain(t, g.get());
                for (GroupExplanation.Reason r : why.reasons()) {
                    rows.add(new DetailRow("Why together", r.message(), r.code()));
                }
                if (!why.unexplained().isEmpty()) {
                    rows.add(DetailRow.of("Why together", "Not explained by ACS or bridges for "
                            + why.unexplained().stream().map(PciAddress::toString).collect(Collectors.joining(", "))
                            + " (a platform or device quirk may apply)."));
                }
            }
        }
        return new DetailSection("IOMMU group", rows);
    }

    private static DetailSection position(PciDevice d, Topology t) {
        List<DetailRow> rows = new ArrayList<>();
        rows.add(DetailRow.of("Parent", d.parent().map(PciAddress::toString).orElse("none (on a root bus)")));
        if (d.isBridge() || d.isHostBridge()) {
            String range = Labels.busRange(d.secondaryBus(), d.subordinateBus());
            rows.add(DetailRow.of("Role", Labels.bridgeRole(d) + (range.isEmpty() ? "" : ", " + range)));
        } else {
            d.portType().ifPresent(p -> rows.add(DetailRow.of("PCIe type", p.label())));
        }
        t.slotOf(d.address()).ifPresent(s -> rows.add(new DetailRow("Slot", s.name()
                + (s.hotplug() ? " (hot-plug" + s.hotplugDriver().map(dr -> ", " + dr).orElse("") + ")" : ""),
                CapabilityFacts.slotTip(s))));
        String link = d.link().describeCurrent();
        String max = d.link().maxSpeed().map(m -> m + widthText(d.link().maxWidth())).orElse("");
        rows.add(new DetailRow(LINK, link + (max.isEmpty() ? "" : "  (max " + max + ")"),
                Labels.degraded(d.link()) ? "The link runs below its maximum speed or width (what lspci calls "
                        + "downgraded); the Link path section tells whether the other end is what limits it." : ""));
        d.numaNode().ifPresent(n -> rows.add(DetailRow.of(NUMA, n < 0 ? "none" : Integer.toString(n))));
        d.bootVga().filter(b -> b).ifPresent(b -> rows.add(new DetailRow("Boot VGA", "yes",
                "The firmware console runs on this GPU; resetting it may blank the host's screen.")));
        d.sriov().physfn().ifPresent(pf -> rows.add(DetailRow.of("SR-IOV", "virtual function of " + pf)));
        if (d.sriov().isPhysicalFunction()) {
            rows.add(DetailRow.of("SR-IOV", d.sriov().numVfs().orElse(d.sriov().virtfns().size()) + " of "
                    + d.sriov().totalVfs().stream().mapToObj(Integer::toString).findFirst().orElse("?") + " VFs enabled"));
        }
        return new DetailSection("Position and link", rows);
    }

    private static DetailSection use(PciDevice d, HostState state) {
        List<DetailRow> rows = new ArrayList<>();
        List<Holder> holders = new ArrayList<>(state.holders().holdersOfDevice(d.address()));
        d.iommuGroup().ifPresent(g -> holders.addAll(state.holders().holdersOfGroup(g)));
        for (Holder h : holders.stream().distinct().toList()) {
            rows.add(new DetailRow("Held by", h.describe(), h.cmdline()));
        }
        for (BlockDevice b : state.impact().disksOf(d.address())) {
            rows.add(DetailRow.of("Disk", "/dev/" + b.name() + (b.mounts().isEmpty() ? ""
                    : " mounted at " + b.mounts().stream().map(m -> m.mountPoint()).collect(Collectors.joining(", ")))));
        }
        for (NetInterface n : state.impact().interfacesOf(d.address())) {
            rows.add(DetailRow.of("Interface", n.name() + " " + n.operstate().orElse("?")
                    + (n.addresses().isEmpty() ? "" : " " + String.join(", ", n.addresses()))
                    + (n.defaultRoute() ? " (default route)" : "")));
        }
        for (String card : state.impact().drmCardsOf(d.address())) {
            rows.add(DetailRow.of("Display", card));
        }
        if (rows.isEmpty()) {
            rows.add(DetailRow.of("Held by", state.holders().complete() ? "nobody"
                    : "unknown (not root: other users' processes could not be read)"));
        }
        return new DetailSection("In use by", rows);
    }

    private static String widthText(OptionalInt w) {
        return w.isPresent() ? " x" + w.getAsInt() : "";
    }
}
