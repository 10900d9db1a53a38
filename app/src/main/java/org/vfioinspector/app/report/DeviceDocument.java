package org.vfioinspector.app.report;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.vfioinspector.core.health.AerCounters;
import org.vfioinspector.core.health.HostHealth;
import org.vfioinspector.core.health.LinkHop;
import org.vfioinspector.core.health.PathHealth;

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
 * on a kernel without {@code reset_method}, the inferred list; then everything else that is known, and its
 * health: {@code powerState}, {@code aer} (null when the kernel exposes no counters), {@code linkDowngraded}
 * (the link into it trained below what both ends support; null when that cannot be told, false when it has
 * no link) and {@code bottleneck} (the link into it is the narrowest on the way to it or to a function below
 * it). {@code show} adds {@code linkPath} (each link from the root port down) and {@code aerRootPort} (each total
 * null when not exposed); a {@code tree} entry leaves both out.
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
                             Optional<ConfigDocument> config, List<String> notes,
                             Optional<String> powerState, Optional<Aer> aer, Optional<Boolean> linkDowngraded,
                             boolean bottleneck,
                             @JsonInclude(JsonInclude.Include.NON_NULL) List<Hop> linkPath,
                             @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Aer> aerRootPort,
                             @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<VfioAccessDocument> vfio) {

    /** AER totals; a total the kernel does not show is null. */
    public record Aer(OptionalLong correctable, OptionalLong nonFatal, OptionalLong fatal) {

        static Optional<Aer> of(AerCounters c) {
            return c.known() ? Optional.of(totals(c)) : Optional.empty();
        }

        static Aer totals(AerCounters c) {
            return new Aer(c.correctable(), c.nonFatal(), c.fatal());
        }
    }

    /**
     * One link of {@code show}'s {@code linkPath}, root port first: the link now, the best both ends support,
     * the device's own maximum; {@code downgraded} null when unknown.
     */
    public record Hop(String upstream, String downstream, Optional<String> currentSpeed, OptionalInt currentWidth,
                      Optional<String> capableSpeed, OptionalInt capableWidth, Optional<String> deviceMaxSpeed,
                      OptionalInt deviceMaxWidth, Optional<Boolean> downgraded, boolean bottleneck) {

        static Hop of(LinkHop h, boolean bottleneck) {
            LinkStatus both = h.capable();
            return new Hop(h.upstream().toString(), h.downstream().toString(), h.current().currentSpeed(),
                    h.current().currentWidth(), both.maxSpeed(), both.maxWidth(), h.downstreamMax().maxSpeed(),
                    h.downstreamMax().maxWidth(), DeviceDocument.downgraded(Optional.of(h.state())), bottleneck);
        }
    }

    /** The PCIe link as sysfs shows it. */
    public record Link(Optional<String> currentSpeed, OptionalInt currentWidth, Optional<String> maxSpeed,
                       OptionalInt maxWidth) {

        static Link of(LinkStatus l) {
            return new Link(l.currentSpeed(), l.currentWidth(), l.maxSpeed(), l.maxWidth());
        }
    }

    /** An entry of {@code tree --json}. */
    public static DeviceDocument of(PciDevice d, Topology t, PciIds names, HostHealth health) {
        return of(d, t, names, health, false);
    }

    /** The {@code show --json} document: the entry with the link path and the root port's AER totals. */
    public static DeviceDocument show(PciDevice d, Topology t, PciIds names, HostHealth health) {
        return of(d, t, names, health, true);
    }

    /** {@link #show(PciDevice, Topology, PciIds, HostHealth)} with {@code vfio}: the group and cdev paths to it. */
    public static DeviceDocument show(PciDevice d, Topology t, PciIds names, HostHealth health, VfioAccessDocument vfio) {
        DeviceDocument x = of(d, t, names, health, true);
        return new DeviceDocument(x.address, x.vendorId, x.deviceId, x.classCode, x.driver, x.iommuGroup, x.parent,
                x.resetMethods, x.resetMethodsSource, x.resetMethodsInferred, x.vendorName, x.deviceName, x.className,
                x.subsystemVendorId, x.subsystemDeviceId, x.revision, x.driverOverride, x.numaNode, x.bridge,
                x.secondaryBus, x.subordinateBus, x.link, x.bootVga, x.physfn, x.virtfns, x.sriovTotalVfs, x.sriovNumVfs,
                x.sysfsPath, x.config, x.notes, x.powerState, x.aer, x.linkDowngraded, x.bottleneck, x.linkPath,
                x.aerRootPort, Optional.of(vfio));
    }

    private static DeviceDocument of(PciDevice d, Topology t, PciIds names, HostHealth health, boolean show) {
        KernelResetMethods k = KernelResetMethods.of(d, t);
        Optional<List<String>> inferred = k.source() == KernelResetMethods.Source.INFERRED ? k.methods() : Optional.empty();
        OptionalInt vendor = d.vendorId();
        HostHealth.Sample sample = health.sample(d.address());
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
                d.config().map(ConfigDocument::of), d.notes(), sample.powerState(), Aer.of(sample.aer()),
                downgraded(health.linkState(d.address())), health.bottleneck(d.address()),
                show ? hops(health.path(d.address())) : null, show ? Optional.of(Aer.totals(health.rootPortTotals(d.address()))) : Optional.empty(),
                Optional.empty());
    }

    private static List<Hop> hops(PathHealth p) {
        List<Hop> out = new java.util.ArrayList<>();
        for (int i = 0; i < p.hops().size(); i++) {
            out.add(Hop.of(p.hops().get(i), p.bottleneck().equals(OptionalInt.of(i))));
        }
        return out;
    }

    /** No link: false; a link: whether it is downgraded, null when that cannot be told. */
    private static Optional<Boolean> downgraded(Optional<LinkHop.State> state) {
        return state.isEmpty() ? Optional.of(false) : state.get() == LinkHop.State.UNKNOWN ? Optional.empty()
                : Optional.of(state.get() == LinkHop.State.DOWNGRADED);
    }

    private static Optional<String> text(Optional<PciAddress> a) {
        return a.map(PciAddress::toString);
    }
}
