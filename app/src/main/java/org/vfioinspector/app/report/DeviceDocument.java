package org.vfioinspector.app.report;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.vfioinspector.core.model.LinkStatus;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.reset.KernelResetMethods;

/**
 * One function: the {@code show --json} document and each entry of {@code tree --json}'s {@code devices}. The
 * contract fields first ({@code address} … {@code resetMethods}: exactly the file, null when absent, [] when
 * emptied), where the kernel's method list comes from ({@code sysfs}, {@code inferred}, {@code unknown}) and,
 * on a kernel without {@code reset_method}, the inferred list; then everything else that is known.
 */
public record DeviceDocument(String address, Optional<String> vendorId, Optional<String> deviceId,
                             Optional<String> classCode, Optional<String> driver, OptionalInt iommuGroup,
                             Optional<String> parent, Optional<List<String>> resetMethods, String resetMethodsSource,
                             Optional<List<String>> resetMethodsInferred, Optional<String> vendorName,
                             Optional<String> deviceName, Optional<String> className,
                             Optional<String> subsystemVendorId, Optional<String> subsystemDeviceId,
                             Optional<String> revision, Optional<String> driverOverride, OptionalInt numaNode,
                             boolean bridge, Optional<String> secondaryBus, Optional<String> subordinateBus,
                             Link link, Optional<Boolean> bootVga, Optional<String> physfn, List<String> virtfns,
                             OptionalInt sriovTotalVfs, OptionalInt sriovNumVfs, String sysfsPath,
                             Optional<ConfigDocument> config, List<String> notes) {

    /** The PCIe link as sysfs shows it. */
    public record Link(Optional<String> currentSpeed, OptionalInt currentWidth, Optional<String> maxSpeed,
                       OptionalInt maxWidth) {

        static Link of(LinkStatus l) {
            return new Link(l.currentSpeed(), l.currentWidth(), l.maxSpeed(), l.maxWidth());
        }
    }

    public static DeviceDocument of(PciDevice d, Topology t, PciIds names) {
        KernelResetMethods k = KernelResetMethods.of(d, t);
        Optional<List<String>> inferred = k.source() == KernelResetMethods.Source.INFERRED ? k.methods() : Optional.empty();
        OptionalInt vendor = d.vendorId();
        Optional<String> deviceName = vendor.isPresent() && d.deviceId().isPresent()
                ? names.deviceName(vendor.getAsInt(), d.deviceId().getAsInt()) : Optional.empty();
        return new DeviceDocument(d.address().toString(), Json.hex(vendor, 4), Json.hex(d.deviceId(), 4),
                Json.hex(d.classCode(), 6), d.driver(), d.iommuGroup(), text(d.parent()), d.resetMethods(),
                Json.word(k.source()), inferred,
                vendor.isPresent() ? names.vendorName(vendor.getAsInt()) : Optional.empty(), deviceName,
                d.classCode().isPresent() ? Optional.ofNullable(names.describeClass(d.classCode().getAsInt())) : Optional.empty(),
                Json.hex(d.subsystemVendorId(), 4), Json.hex(d.subsystemDeviceId(), 4), Json.hex(d.revision(), 2),
                d.driverOverride(), d.numaNode(), d.isBridge(), Json.hex(d.secondaryBus(), 2),
                Json.hex(d.subordinateBus(), 2), Link.of(d.link()), d.bootVga(), text(d.sriov().physfn()),
                Json.addresses(d.sriov().virtfns()), d.sriov().totalVfs(), d.sriov().numVfs(), d.sysfsPath(),
                d.config().map(ConfigDocument::of), d.notes());
    }

    private static Optional<String> text(Optional<PciAddress> a) {
        return a.map(PciAddress::toString);
    }
}
