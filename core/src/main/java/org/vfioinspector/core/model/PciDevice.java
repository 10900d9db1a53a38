package org.vfioinspector.core.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.vfioinspector.core.config.ConfigSpace;
import org.vfioinspector.core.config.PciExpress;
import org.vfioinspector.core.config.PortType;

/**
 * One PCI function as read from sysfs. Every field that may be missing or unreadable is explicit
 * about it ({@code Optional}/{@code OptionalInt}); what could not be read is described in
 * {@link #notes()}, never replaced by a value that looks like data. The values come in parts
 * ({@link PciIdentity}, {@link KernelState}, {@link PlatformInfo}, {@link BusRange}); each of their
 * values also has an accessor here.
 *
 * @param sysfsPath      the function's directory relative to {@code sys/devices}
 *                       (e.g. {@code pci0000:00/0000:00:02.2/0000:03:00.0})
 * @param parent         the upstream bridge function; empty for a function on a root bus
 * @param config         the parsed config space when the {@code config} file could be read
 */
public record PciDevice(
        PciAddress address,
        String sysfsPath,
        Optional<PciAddress> parent,
        PciIdentity ids,
        KernelState kernel,
        PlatformInfo platform,
        LinkStatus link,
        SriovInfo sriov,
        BusRange buses,
        Optional<ConfigSpace> config,
        List<String> notes) {

    public PciDevice {
        notes = List.copyOf(notes);
    }

    public OptionalInt vendorId() {
        return ids.vendorId();
    }

    public OptionalInt deviceId() {
        return ids.deviceId();
    }

    public OptionalInt classCode() {
        return ids.classCode();
    }

    public OptionalInt subsystemVendorId() {
        return ids.subsystemVendorId();
    }

    public OptionalInt subsystemDeviceId() {
        return ids.subsystemDeviceId();
    }

    public OptionalInt revision() {
        return ids.revision();
    }

    public Optional<String> driver() {
        return kernel.driver();
    }

    public OptionalInt iommuGroup() {
        return kernel.iommuGroup();
    }

    public Optional<String> driverOverride() {
        return kernel.driverOverride();
    }

    /** See {@link KernelState#resetMethods()}. */
    public Optional<List<String>> resetMethods() {
        return kernel.resetMethods();
    }

    public OptionalInt numaNode() {
        return platform.numaNode();
    }

    public Optional<Boolean> bootVga() {
        return platform.bootVga();
    }

    public OptionalInt secondaryBus() {
        return buses.secondaryBus();
    }

    public OptionalInt subordinateBus() {
        return buses.subordinateBus();
    }

    /** PCI-to-PCI bridge (class 0604/0609, or header type 1 when the class is unknown). */
    public boolean isBridge() {
        OptionalInt classCode = classCode();
        if (classCode.isPresent()) {
            int baseSub = classCode.getAsInt() >> 8;
            if (baseSub == 0x0604 || baseSub == 0x0609) {
                return true;
            }
        }
        // header type 1 is a PCI-to-PCI bridge whatever the class register claims
        return config.map(ConfigSpace::isBridge).orElse(false);
    }

    /** A host bridge (class 0600): the root complex itself, not a PCI-to-PCI bridge. */
    public boolean isHostBridge() {
        return classCode().isPresent() && (classCode().getAsInt() >> 8) == 0x0600;
    }

    public boolean isVirtualFunction() {
        return sriov.isVirtualFunction();
    }

    public Optional<PciExpress> pciExpress() {
        return config.flatMap(ConfigSpace::pciExpress);
    }

    /** The PCIe port type, when the PCI Express capability could be read. */
    public Optional<PortType> portType() {
        return pciExpress().map(PciExpress::portType);
    }

    /** True when {@code reset_method} exists and lists at least one method. */
    public boolean hasResetMethod() {
        return resetMethods().map(l -> !l.isEmpty()).orElse(false);
    }

    /** True when {@code reset_method} exists but was emptied by the administrator. */
    public boolean resetDisabled() {
        return resetMethods().map(List::isEmpty).orElse(false);
    }

    /** {@code vendor:device} as lowercase hex, {@code ????} where unknown. */
    public String idPair() {
        return hex4(vendorId()) + ":" + hex4(deviceId());
    }

    /** Is the given name the bound driver? */
    public boolean boundTo(String name) {
        return driver().map(name::equals).orElse(false);
    }

    private static String hex4(OptionalInt v) {
        if (v.isEmpty()) {
            return "????";
        }
        // not String.format: the graph and the tree ask this of every function
        String hex = Integer.toHexString(v.getAsInt());
        return hex.length() >= 4 ? hex : "0000".substring(hex.length()) + hex;
    }
}
