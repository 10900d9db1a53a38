package org.vfioinspector.core.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;

/**
 * The functions of a synthetic host being laid out: creates {@link SynthNode}s together with their
 * {@link FixtureDevice}s at consistent addresses and bus numbers, then numbers the IOMMU groups and
 * adds the attributes real sysfs has beyond what the readers need.
 */
final class HostPlan {

    /** How a port implements ACS. */
    enum Acs { ISOLATING, DISABLED, ABSENT }

    private static final String[] ROOT_PORT_IDS = {"2030", "2031", "2032", "2033"};

    final SysfsFixture fx;
    final BusSpace space;
    final SplittableRandom rng;
    final List<SynthNode> nodes = new ArrayList<>();
    private int slotNumber = 1;

    HostPlan(SysfsFixture fx, SplittableRandom rng) {
        this.fx = fx;
        this.space = new BusSpace(0);
        this.rng = rng;
    }

    int slots() {
        return slotNumber - 1;
    }

    int count() {
        return nodes.size();
    }

    /** Makes room for a root port with a subtree of {@code buses} buses, adding a host bridge to a new root bus. */
    void reserve(int buses) {
        if (space.reserve(buses)) {
            hostBridge();
        }
    }

    /** Places a leaf below a new root port: reserves its buses, adds the port, the leaf, and closes the port. */
    SynthNode rootBlock(Acs acs, Leaf leaf, int slot) {
        reserve(1 + leaf.extraBuses());
        SynthNode rp = rootPort(acs);
        if (slot != 0) {
            slot(rp, slot > 0);
        }
        leaf.place(this, rp);
        close(rp);
        return rp;
    }

    /** Opens the next root bus (adding its host bridge). */
    void nextRootBus() {
        space.openNextRootBus();
        hostBridge();
    }

    void nextDomain() {
        space.nextDomain();
        hostBridge();
    }

    private void hostBridge() {
        SynthNode n = add(new PciAddress(space.domain(), space.rootBus(), 0, 0), null, SynthNode.Kind.HOST_BRIDGE);
        n.fixture.hostBridge().ids(0x8086, 0x2020).subsystem(0x8086, 0x0000);
    }

    SynthNode add(PciAddress a, SynthNode parent, SynthNode.Kind kind) {
        FixtureDevice f = fx.add(a.toString());
        if (parent != null) {
            f.under(parent.fixture);
        }
        SynthNode n = new SynthNode(a, parent, kind, f);
        n.numa = numaOf(a.domain());
        f.numa(n.numa).multifunction(false);
        nodes.add(n);
        return n;
    }

    static int numaOf(int domain) {
        return domain >= 0x10000 ? 0 : domain & 1;
    }

    /** A root port on the current root bus; call {@link #reserve} first. */
    SynthNode rootPort(Acs acs) {
        PciAddress a = new PciAddress(space.domain(), space.rootBus(), space.takePortDevice(), 0);
        SynthNode n = add(a, null, SynthNode.Kind.ROOT_PORT);
        n.secondary = space.takeBus();
        n.fixture.rootPort(n.secondary, n.secondary).ids(0x8086, Integer.parseInt(ROOT_PORT_IDS[a.device() & 3], 16))
                .subsystem(0x8086, 0x0000).link("8.0 GT/s PCIe", 16, "8.0 GT/s PCIe", 16);
        driver(n, "pcieport");
        return acs(n, acs);
    }

    /** A root port at a fixed address (a VMD domain, whose buses the allocator does not manage). */
    SynthNode rootPortAt(PciAddress a, int secondary, Acs acs) {
        SynthNode n = add(a, null, SynthNode.Kind.ROOT_PORT);
        n.secondary = secondary;
        n.fixture.rootPort(secondary, secondary).ids(0x8086, 0x09ab).subsystem(0x8086, 0x0000)
                .link("16.0 GT/s PCIe", 4, "16.0 GT/s PCIe", 4);
        driver(n, "pcieport");
        return acs(n, acs);
    }

    /** A bridge function on the secondary bus of {@code parent}. */
    SynthNode bridge(SynthNode parent, int device, int function, SynthNode.Kind kind, Acs acs, int vendor, int deviceId) {
        SynthNode n = add(new PciAddress(parent.address.domain(), parent.secondary, device, function), parent, kind);
        n.secondary = space.takeBus();
        FixtureDevice f = n.fixture;
        switch (kind) {
            case UPSTREAM_PORT -> f.upstreamPort(n.secondary, n.secondary);
            case DOWNSTREAM_PORT -> f.downstreamPort(n.secondary, n.secondary);
            case PCIE_TO_PCI_BRIDGE -> f.pciBridge(n.secondary, n.secondary);
            default -> throw new IllegalArgumentException(kind + " is not a bridge below a port");
        }
        f.ids(vendor, deviceId).subsystem(vendor, 0x0000).link("8.0 GT/s PCIe", 16, "8.0 GT/s PCIe", 16);
        if (kind != SynthNode.Kind.PCIE_TO_PCI_BRIDGE) {
            driver(n, "pcieport");
        }
        return acs(n, acs);
    }

    /** Sets the subordinate bus of a bridge once everything below it has been placed. */
    void close(SynthNode bridge) {
        bridge.fixture.busRange(bridge.secondary, space.lastBus());
    }

    /** A function on the secondary bus of {@code parent}; the caller applies a preset to its fixture. */
    SynthNode function(SynthNode parent, int device, int function, SynthNode.Kind kind) {
        return add(new PciAddress(parent.address.domain(), parent.secondary, device, function), parent, kind);
    }

    /** A function on the current root bus (a root-complex integrated endpoint or chipset function). */
    SynthNode integrated(int device, int function, SynthNode.Kind kind) {
        return add(new PciAddress(space.domain(), space.rootBus(), device, function), null, kind);
    }

    static SynthNode acs(SynthNode n, Acs acs) {
        switch (acs) {
            case ISOLATING -> n.fixture.acs(0x1f, 0x1d);
            case DISABLED -> n.fixture.acs(0x1f, 0x00);
            case ABSENT -> n.fixture.noAcs();
        }
        n.acs = acs == Acs.ISOLATING;
        return n;
    }

    static SynthNode driver(SynthNode n, String name) {
        n.driver = name;
        n.fixture.driver(name);
        return n;
    }

    /** Marks functions as one multifunction device (header type bit 7). */
    static void multifunction(SynthNode... functions) {
        for (SynthNode n : functions) {
            n.multifunction = true;
            n.fixture.multifunction(true);
        }
    }

    /** A registered slot for the device below {@code port}; hot-plug slots (pciehp) allow a slot reset. */
    void slot(SynthNode port, boolean hotplug) {
        port.fixture.slot(true, hotplug);
        fx.slot(Integer.toString(slotNumber++),
                new PciAddress(port.address.domain(), port.secondary, 0, 0).slotId(), hotplug);
        if (hotplug) {
            fx.pciehp(port.address.toString());
        }
    }

    boolean chance(int percent) {
        return rng.nextInt(100) < percent;
    }

    <T> T pick(T[] options) {
        return options[rng.nextInt(options.length)];
    }
}
