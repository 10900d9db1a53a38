package org.vfioinspector.app.gui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.vfioinspector.app.gui.graph.Labels;
import org.vfioinspector.app.session.LoadedHost;
import org.vfioinspector.core.config.Acs;
import org.vfioinspector.core.config.AcsBit;
import org.vfioinspector.core.config.ConfigSpace;
import org.vfioinspector.core.host.BlockDevice;
import org.vfioinspector.core.host.Holder;
import org.vfioinspector.core.host.NetInterface;
import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.PciSlot;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.Names;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.reset.GroupExplainer;
import org.vfioinspector.core.reset.GroupExplanation;
import org.vfioinspector.core.reset.KernelResetMethods;
import org.vfioinspector.core.reset.ResetMethodInfo;

/** The details panel's content for one function: pure, from what the scan read. */
public final class DeviceDetails {

    private DeviceDetails() {
    }

    public static List<DetailSection> of(PciDevice d, LoadedHost host) {
        Topology t = host.topology();
        PciIds ids = host.names();
        List<DetailSection> out = new ArrayList<>();
        out.add(identity(d, ids));
        out.add(driver(d));
        out.add(group(d, t, ids));
        out.add(position(d, t));
        out.add(resets(d, t));
        capabilities(d).ifPresent(out::add);
        use(d, host).ifPresent(out::add);
        if (!d.notes().isEmpty()) {
            out.add(new DetailSection("Notes", d.notes().stream().map(n -> DetailRow.of("note", n)).toList()));
        }
        return out;
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
        rows.add(new DetailRow("Driver", d.driver().orElse("none"), hint));
        d.driverOverride().ifPresent(o -> rows.add(new DetailRow("driver_override", o,
                "The kernel will only bind this driver to the function.")));
        return new DetailSection("Driver", rows);
    }

    private static DetailSection group(PciDevice d, Topology t, PciIds ids) {
        List<DetailRow> rows = new ArrayList<>();
        Optional<IommuGroup> g = t.groupOf(d.address());
        if (d.iommuGroup().isEmpty()) {
            rows.add(new DetailRow("IOMMU group", "none", "Without a group VFIO cannot use this function."));
            return new DetailSection("IOMMU group", rows);
        }
        rows.add(DetailRow.of("IOMMU group", d.iommuGroup().getAsInt()
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
                slotTip(s))));
        String link = d.link().describeCurrent();
        String max = d.link().maxSpeed().map(m -> m + widthText(d.link().maxWidth())).orElse("");
        rows.add(new DetailRow("Link", link + (max.isEmpty() ? "" : "  (max " + max + ")"),
                Labels.degraded(d.link()) ? "The link runs below its maximum speed or width." : ""));
        d.numaNode().ifPresent(n -> rows.add(DetailRow.of("NUMA node", n < 0 ? "none" : Integer.toString(n))));
        d.bootVga().filter(b -> b).ifPresent(b -> rows.add(new DetailRow("Boot VGA", "yes",
                "The firmware console runs on this GPU; resetting it may blank the host's screen.")));
        d.sriov().physfn().ifPresent(pf -> rows.add(DetailRow.of("SR-IOV", "virtual function of " + pf)));
        if (d.sriov().isPhysicalFunction()) {
            rows.add(DetailRow.of("SR-IOV", d.sriov().numVfs().orElse(d.sriov().virtfns().size()) + " of "
                    + d.sriov().totalVfs().stream().mapToObj(Integer::toString).findFirst().orElse("?") + " VFs enabled"));
        }
        return new DetailSection("Position and link", rows);
    }

    private static DetailSection resets(PciDevice d, Topology t) {
        List<DetailRow> rows = new ArrayList<>();
        KernelResetMethods k = KernelResetMethods.of(d, t);
        if (d.resetMethods().isEmpty()) {
            // absent: none found on a kernel that has the file, or a kernel before 5.15 that has no such file
            rows.add(new DetailRow("reset_method", switch (k.source()) {
                case SYSFS -> "absent";
                case INFERRED -> "absent (kernel before 5.15): inferred";
                case UNKNOWN -> "absent: unknown";
            }, k.source() == KernelResetMethods.Source.SYSFS ? "The kernel found no way to reset just this function."
                    : k.explanation()));
        } else if (d.resetDisabled()) {
            rows.add(new DetailRow("reset_method", "empty (disabled)",
                    "An administrator disabled resets; kernels since 6.15 then refuse bus resets that reach it."));
        }
        for (ResetMethodInfo m : ResetMethodInfo.explain(d, t)) {
            rows.add(new DetailRow(m.method(), m.explanation(), m.functionOnly() ? "Resets only this function." : ""));
        }
        return new DetailSection("Reset methods", rows);
    }

    private static Optional<DetailSection> capabilities(PciDevice d) {
        if (d.config().isEmpty()) {
            return Optional.of(new DetailSection("Capabilities", List.of(DetailRow.of("config space", "not readable"))));
        }
        ConfigSpace c = d.config().get();
        List<DetailRow> rows = new ArrayList<>();
        rows.add(DetailRow.of("Config space", c.length() + " bytes" + (c.extendedAvailable() ? "" : c.capabilitiesAvailable()
                ? " (no extended space: run as root to read ACS)" : " (header only: run as root)")));
        if (!c.capabilities().isEmpty()) {
            rows.add(DetailRow.of("Capabilities", c.capabilities().stream().map(x -> x.name()).distinct()
                    .collect(Collectors.joining(", "))));
        }
        if (!c.extendedCapabilities().isEmpty()) {
            rows.add(DetailRow.of("Extended", c.extendedCapabilities().stream().map(x -> x.name()).distinct()
                    .collect(Collectors.joining(", "))));
        }
        c.pciExpress().ifPresent(e -> rows.add(new DetailRow("FLR", e.flrCapable() ? "supported" : "not supported",
                "Function Level Reset in the PCIe Device Capabilities.")));
        c.powerManagement().ifPresent(pm -> rows.add(new DetailRow("NoSoftRst", pm.noSoftReset() ? "+ (keeps state in D3hot)" : "-",
                "With NoSoftRst+ a D3hot→D0 transition does not reset the function.")));
        c.acs().ifPresent(a -> rows.addAll(acs(a)));
        return Optional.of(new DetailSection("Capabilities", rows));
    }

    static List<DetailRow> acs(Acs a) {
        List<DetailRow> rows = new ArrayList<>();
        StringBuilder s = new StringBuilder();
        StringBuilder hint = new StringBuilder();
        for (AcsBit bit : AcsBit.values()) {
            if (a.hasCapability(bit)) {
                s.append(bit.name()).append(a.isEnabled(bit) ? "+ " : "- ");
                hint.append(bit.name()).append(": ").append(bit.description()).append('\n');
            }
        }
        rows.add(new DetailRow("ACS", s.length() == 0 ? "capability present, no controls" : s.toString().strip(),
                hint.toString().strip()));
        rows.add(DetailRow.of("ACS isolation", a.isolates() ? "isolates the functions below"
                : "does not enable " + a.isolationGaps().stream().map(Enum::name).collect(Collectors.joining(", "))));
        return rows;
    }

    private static Optional<DetailSection> use(PciDevice d, LoadedHost host) {
        List<DetailRow> rows = new ArrayList<>();
        List<Holder> holders = new ArrayList<>(host.state().holders().holdersOfDevice(d.address()));
        d.iommuGroup().ifPresent(g -> holders.addAll(host.state().holders().holdersOfGroup(g)));
        for (Holder h : holders.stream().distinct().toList()) {
            rows.add(new DetailRow("Held by", h.describe(), h.cmdline()));
        }
        for (BlockDevice b : host.state().impact().disksOf(d.address())) {
            rows.add(DetailRow.of("Disk", "/dev/" + b.name() + (b.mounts().isEmpty() ? ""
                    : " mounted at " + b.mounts().stream().map(m -> m.mountPoint()).collect(Collectors.joining(", ")))));
        }
        for (NetInterface n : host.state().impact().interfacesOf(d.address())) {
            rows.add(DetailRow.of("Interface", n.name() + " " + n.operstate().orElse("?")
                    + (n.addresses().isEmpty() ? "" : " " + String.join(", ", n.addresses()))
                    + (n.defaultRoute() ? " (default route)" : "")));
        }
        for (String card : host.state().impact().drmCardsOf(d.address())) {
            rows.add(DetailRow.of("Display", card));
        }
        if (rows.isEmpty()) {
            rows.add(DetailRow.of("Held by", host.state().holders().complete() ? "nobody"
                    : "unknown (not root: other users' processes could not be read)"));
        }
        return Optional.of(new DetailSection("In use by", rows));
    }

    private static String widthText(OptionalInt w) {
        return w.isPresent() ? " x" + w.getAsInt() : "";
    }

    /** Only a slot driven by pciehp is reset on its own; every other slot is reset with its whole bus. */
    static String slotTip(PciSlot s) {
        return s.slotReset().map(own -> own ? "A pciehp hot-plug slot: the kernel can reset just this slot."
                : s.hotplug() ? "A hot-plug slot whose driver (" + s.hotplugDriver().orElse("not pciehp")
                        + ") has no slot reset: resets use the whole bus."
                        : "A slot without a hot-plug controller: resets use the whole bus.")
                .orElse("A hot-plug slot whose driver cannot be seen: a reset is predicted for the whole bus, which"
                        + " holds the slot.");
    }
}
