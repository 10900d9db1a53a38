package org.vfioinspector.app.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vfioinspector.core.config.Acs;
import org.vfioinspector.core.config.AcsBit;
import org.vfioinspector.core.config.ConfigSpace;
import org.vfioinspector.core.config.PciExpress;
import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.reset.KernelResetMethods;

/** The {@code tree --json} and {@code show --json} shapes of the CLI contract (shared/DESIGN.md). */
public final class TopologyJson {

    private TopologyJson() {
    }

    public static Map<String, Object> tree(Topology t, PciIds names) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> devices = new ArrayList<>();
        for (PciDevice d : t.devices()) {
            devices.add(device(d, t, names));
        }
        out.put("devices", devices);
        out.put("groups", groups(t));
        out.put("host", host(t));
        return out;
    }

    public static List<Object> groups(Topology t) {
        List<Object> groups = new ArrayList<>();
        for (IommuGroup g : t.groups()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", g.id());
            m.put("type", g.type().orElse(null));
            m.put("devices", g.devices().stream().map(PciAddress::toString).toList());
            groups.add(m);
        }
        return groups;
    }

    public static Map<String, Object> host(Topology t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kernel", t.host().kernelRelease().orElse(null));
        m.put("iommuEnabled", t.host().iommuEnabled());
        m.put("iommu", t.host().iommuSummary());
        m.put("cmdline", t.host().cmdline().raw());
        m.put("notes", t.notes());
        return m;
    }

    /**
     * {@link #device(PciDevice, PciIds)} and, after {@code resetMethods} (which stays exactly the file: null when
     * absent, [] when emptied), where the kernel's method list comes from ({@code resetMethodsSource}: sysfs,
     * inferred, unknown) and, on a kernel without {@code reset_method}, the inferred list
     * ({@code resetMethodsInferred}, else null).
     */
    public static Map<String, Object> device(PciDevice d, Topology t, PciIds names) {
        Map<String, Object> base = device(d, names);
        KernelResetMethods k = KernelResetMethods.of(d, t);
        Map<String, Object> m = new LinkedHashMap<>();
        base.forEach((key, value) -> {
            m.put(key, value);
            if (key.equals("resetMethods")) {
                m.put("resetMethodsSource", k.source().name().toLowerCase());
                m.put("resetMethodsInferred", k.source() == KernelResetMethods.Source.INFERRED
                        ? k.methods().orElse(null) : null);
            }
        });
        return m;
    }

    /** The contract fields first (address … resetMethods), then everything else that is known. */
    public static Map<String, Object> device(PciDevice d, PciIds names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", d.address().toString());
        m.put("vendorId", Json.hex(d.vendorId(), 4));
        m.put("deviceId", Json.hex(d.deviceId(), 4));
        m.put("classCode", Json.hex(d.classCode(), 6));
        m.put("driver", d.driver().orElse(null));
        m.put("iommuGroup", Json.num(d.iommuGroup()));
        m.put("parent", d.parent().map(PciAddress::toString).orElse(null));
        m.put("resetMethods", d.resetMethods().orElse(null));
        m.put("vendorName", d.vendorId().isPresent() ? names.vendorName(d.vendorId().getAsInt()).orElse(null) : null);
        m.put("deviceName", d.vendorId().isPresent() && d.deviceId().isPresent()
                ? names.deviceName(d.vendorId().getAsInt(), d.deviceId().getAsInt()).orElse(null) : null);
        m.put("className", d.classCode().isPresent() ? names.describeClass(d.classCode().getAsInt()) : null);
        m.put("subsystemVendorId", Json.hex(d.subsystemVendorId(), 4));
        m.put("subsystemDeviceId", Json.hex(d.subsystemDeviceId(), 4));
        m.put("revision", Json.hex(d.revision(), 2));
        m.put("driverOverride", d.driverOverride().orElse(null));
        m.put("numaNode", Json.num(d.numaNode()));
        m.put("bridge", d.isBridge());
        m.put("secondaryBus", Json.hex(d.secondaryBus(), 2));
        m.put("subordinateBus", Json.hex(d.subordinateBus(), 2));
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("currentSpeed", d.link().currentSpeed().orElse(null));
        link.put("currentWidth", Json.num(d.link().currentWidth()));
        link.put("maxSpeed", d.link().maxSpeed().orElse(null));
        link.put("maxWidth", Json.num(d.link().maxWidth()));
        m.put("link", link);
        m.put("bootVga", d.bootVga().orElse(null));
        m.put("physfn", d.sriov().physfn().map(PciAddress::toString).orElse(null));
        m.put("virtfns", d.sriov().virtfns().stream().map(PciAddress::toString).toList());
        m.put("sriovTotalVfs", Json.num(d.sriov().totalVfs()));
        m.put("sriovNumVfs", Json.num(d.sriov().numVfs()));
        m.put("sysfsPath", d.sysfsPath());
        m.put("config", d.config().map(TopologyJson::config).orElse(null));
        m.put("notes", d.notes());
        return m;
    }

    static Map<String, Object> config(ConfigSpace c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("length", c.length());
        m.put("headerType", c.headerType());
        m.put("multifunction", c.multifunction());
        m.put("capabilities", c.capabilities().stream().map(x -> x.name()).toList());
        m.put("extendedCapabilities", c.extendedCapabilities().stream().map(x -> x.name()).toList());
        m.put("powerManagementNoSoftReset", c.powerManagement().map(pm -> pm.noSoftReset()).orElse(null));
        PciExpress e = c.pciExpress().orElse(null);
        if (e != null) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("portType", e.portType().label());
            x.put("flr", e.flrCapable());
            x.put("slotImplemented", e.slotImplemented());
            x.put("hotPlugCapable", e.hotPlugCapable());
            x.put("dataLinkLayerActiveReporting", e.dataLinkLayerActiveReporting());
            m.put("pciExpress", x);
        } else {
            m.put("pciExpress", null);
        }
        Acs acs = c.acs().orElse(null);
        if (acs != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            List<String> cap = new ArrayList<>();
            List<String> ctl = new ArrayList<>();
            for (AcsBit b : AcsBit.values()) {
                if (acs.hasCapability(b)) {
                    cap.add(b.name());
                }
                if (acs.isEnabled(b)) {
                    ctl.add(b.name());
                }
            }
            a.put("capability", cap);
            a.put("enabled", ctl);
            m.put("acs", a);
        } else {
            m.put("acs", null);
        }
        m.put("sriov", c.sriov().isPresent());
        m.put("aer", c.aer());
        return m;
    }
}
