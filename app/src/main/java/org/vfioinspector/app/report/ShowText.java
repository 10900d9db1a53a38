package org.vfioinspector.app.report;

import java.util.stream.Collectors;

import org.vfioinspector.core.config.Acs;
import org.vfioinspector.core.config.AcsBit;
import org.vfioinspector.core.config.ConfigSpace;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.Names;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.reset.KernelResetMethods;

/** The text of {@code show BDF}: one "key: value" line per fact. */
public final class ShowText {

    private ShowText() {
    }

    public static String render(PciDevice d, Topology t, PciIds ids) {
        StringBuilder b = new StringBuilder();
        b.append(d.address()).append("  ").append(Names.describe(d, ids)).append('\n');
        row(b, "ids", d.idPair() + (d.classCode().isPresent() ? String.format("  class %06x", d.classCode().getAsInt()) : ""));
        if (d.subsystemVendorId().isPresent() && d.subsystemDeviceId().isPresent()) {
            int sv = d.subsystemVendorId().getAsInt();
            int sd = d.subsystemDeviceId().getAsInt();
            String name = d.vendorId().isPresent() && d.deviceId().isPresent()
                    ? ids.subsystemName(d.vendorId().getAsInt(), d.deviceId().getAsInt(), sv, sd).orElse("") : "";
            row(b, "subsystem", String.format("%04x:%04x", sv, sd) + (name.isEmpty() ? "" : "  " + name));
        }
        row(b, "driver", d.driver().orElse("none") + d.driverOverride().map(o -> "  (driver_override " + o + ")").orElse(""));
        row(b, "IOMMU group", d.iommuGroup().isPresent()
                ? d.iommuGroup().getAsInt() + t.groupOf(d.address())
                        .map(g -> "  members " + g.devices().stream().map(PciAddress::toString).collect(Collectors.joining(" ")))
                        .orElse("")
                : "none");
        row(b, "parent", d.parent().map(PciAddress::toString).orElse("none (on a root bus)"));
        KernelResetMethods k = KernelResetMethods.of(d, t);
        row(b, "reset methods", switch (k.source()) {
            case SYSFS -> d.resetMethods()
                    .map(l -> l.isEmpty() ? "disabled (reset_method is empty)" : String.join(" ", l))
                    .orElse("none (the kernel hides reset_method where it found none)");
            case INFERRED -> (k.methods().orElseThrow().isEmpty() ? "none" : String.join(" ", k.methods().orElseThrow()))
                    + " (inferred from config space: this kernel has no reset_method file)";
            case UNKNOWN -> "unknown (" + k.explanation() + ")";
        });
        row(b, "link", d.link().describeCurrent()
                + d.link().maxSpeed().map(m -> "  (max " + m + d.link().maxWidth().stream()
                        .mapToObj(w -> " x" + w).findFirst().orElse("") + ")").orElse(""));
        d.numaNode().ifPresent(n -> row(b, "NUMA node", n < 0 ? "none" : Integer.toString(n)));
        d.bootVga().ifPresent(v -> row(b, "boot VGA", v ? "yes" : "no"));
        if (d.isBridge()) {
            row(b, "buses", "secondary " + hex(d.secondaryBus()) + ", subordinate " + hex(d.subordinateBus()));
        }
        d.sriov().physfn().ifPresent(pf -> row(b, "SR-IOV", "virtual function of " + pf));
        if (d.sriov().isPhysicalFunction()) {
            row(b, "SR-IOV", d.sriov().numVfs().orElse(d.sriov().virtfns().size()) + " of "
                    + d.sriov().totalVfs().stream().mapToObj(Integer::toString).findFirst().orElse("?") + " VFs enabled");
        }
        d.config().ifPresent(c -> config(b, c));
        if (d.config().isEmpty()) {
            row(b, "config space", "not readable");
        }
        for (String n : d.notes()) {
            row(b, "note", n);
        }
        return b.toString();
    }

    private static void config(StringBuilder b, ConfigSpace c) {
        row(b, "config space", c.length() + " bytes, header type " + c.headerType()
                + (c.multifunction() ? ", multifunction" : ""));
        if (!c.capabilities().isEmpty()) {
            row(b, "capabilities", c.capabilities().stream().map(x -> x.name()).collect(Collectors.joining(", ")));
        }
        if (!c.extendedCapabilities().isEmpty()) {
            row(b, "extended", c.extendedCapabilities().stream().map(x -> x.name()).collect(Collectors.joining(", ")));
        }
        c.pciExpress().ifPresent(e -> row(b, "PCI Express", e.portType().label()
                + (e.flrCapable() ? ", FLR" : ", no FLR")
                + (e.slotImplemented() ? ", slot" + (e.hotPlugCapable() ? " (hot-plug capable)" : "") : "")));
        c.powerManagement().ifPresent(pm -> row(b, "power mgmt", pm.noSoftReset()
                ? "NoSoftRst+ (keeps state across a D3hot→D0 reset)" : "NoSoftRst- (a D3hot→D0 transition resets it)"));
        c.acs().ifPresent(a -> row(b, "ACS", acs(a)));
        if (!c.capabilitiesAvailable()) {
            row(b, "capabilities", "not readable (only " + c.length() + " bytes of config space; run as root for all)");
        }
    }

    static String acs(Acs a) {
        StringBuilder s = new StringBuilder();
        for (AcsBit bit : AcsBit.values()) {
            if (a.hasCapability(bit)) {
                s.append(bit.name()).append(a.isEnabled(bit) ? "+ " : "- ");
            }
        }
        return s.length() == 0 ? "capability present, no controls" : s.toString().strip();
    }

    private static String hex(java.util.OptionalInt v) {
        return v.isPresent() ? String.format("%02x", v.getAsInt()) : "?";
    }

    private static void row(StringBuilder b, String key, String value) {
        b.append(String.format("  %-14s %s%n", key + ":", value));
    }
}
