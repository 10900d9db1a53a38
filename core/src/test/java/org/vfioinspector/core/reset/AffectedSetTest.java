package org.vfioinspector.core.reset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

class AffectedSetTest {

    @TempDir
    Path dir;

    private static PciAddress a(String s) {
        return PciAddress.parse(s);
    }

    private static List<String> names(List<PciAddress> l) {
        return l.stream().map(PciAddress::toString).toList();
    }

    private Topology scan(SysfsFixture fx) {
        fx.write();
        return new SysfsReader(HostRoot.of(dir)).scan();
    }

    /** rp(00:01.0) → switch up(01:00.0) → dn(02:00.0) → gpu 03:00.0+03:00.1; dn(02:01.0) → nic 04:00.0. */
    private SysfsFixture switchHost() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:01.0").rootPort(1, 4).group(1);
        FixtureDevice up = fx.add("0000:01:00.0").under(rp).upstreamPort(2, 4).group(2);
        FixtureDevice dn1 = fx.add("0000:02:00.0").under(up).downstreamPort(3, 3).acs(0x1f, 0x1d).group(3);
        FixtureDevice dn2 = fx.add("0000:02:01.0").under(up).downstreamPort(4, 4).acs(0x1f, 0x1d).group(4);
        fx.add("0000:03:00.0").under(dn1).gpu(0x10de, 0x2204).driver("vfio-pci").group(5);
        fx.add("0000:03:00.1").under(dn1).audio(0x10de, 0x1aef).driver("vfio-pci").group(5);
        fx.add("0000:04:00.0").under(dn2).nic(0x8086, 0x10d3).driver("vfio-pci").group(6);
        return fx;
    }

    @Test
    void busResetOfAnEndpointTakesEveryFunctionOnItsBus() {
        Topology t = scan(switchHost());
        HotResetPrediction p = AffectedSet.predict(t, a("03:00.0"));
        assertThat(p.possible()).isTrue();
        assertThat(p.scope()).contains(HotResetScope.BUS);
        assertThat(p.resetBridge()).contains(a("02:00.0"));
        assertThat(names(p.affected())).containsExactly("0000:03:00.0", "0000:03:00.1");
        assertThat(p.groups()).containsExactly(5);
    }

    @Test
    void blastRadiusIncludesEverythingBelowTheSwitch() {
        Topology t = scan(switchHost());
        // the upstream port sits alone on bus 01: resetting it resets the whole switch and below
        HotResetPrediction p = AffectedSet.predict(t, a("01:00.0"));
        assertThat(p.possible()).isTrue();
        assertThat(p.resetBridge()).contains(a("00:01.0"));
        assertThat(names(p.affected())).containsExactly("0000:01:00.0", "0000:02:00.0", "0000:02:01.0",
                "0000:03:00.0", "0000:03:00.1", "0000:04:00.0");
        assertThat(p.groups()).containsExactly(2, 3, 4, 5, 6);
    }

    @Test
    void aDeviceOnARootBusCanNeverBeHotReset() {
        SysfsFixture fx = new SysfsFixture(dir);
        fx.add("0000:00:14.0").endpoint(0x8086, 0xa1af, 0x0c0330).driver("xhci_hcd").group(1);
        fx.add("0000:00:17.0").endpoint(0x8086, 0xa182, 0x010601).driver("ahci").group(2);
        HotResetPrediction p = AffectedSet.predict(scan(fx), a("00:14.0"));
        assertThat(p.possible()).isFalse();
        assertThat(p.reasonCode()).isEqualTo("ROOT_BUS");
        assertThat(p.scope()).isEmpty();
        assertThat(names(p.affected())).containsExactly("0000:00:14.0");
        assertThat(p.reason()).contains("root bus 0000:00");
    }

    /**
     * Root port 00:1c.0 with slot 5 (0000:01:00) on its bus, holding 01:00.0+01:00.1, and 01:01.0 on the same
     * bus outside the slot: a slot reset and a bus reset differ.
     */
    private SysfsFixture slotHost() {
        SysfsFixture fx = new SysfsFixture(dir).slot("5", "0000:01:00", true);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(1).slot(true, true);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x1572).driver("vfio-pci").group(2);
        fx.add("0000:01:00.1").under(rp).nic(0x8086, 0x1572).driver("vfio-pci").group(3);
        fx.add("0000:01:01.0").under(rp).nic(0x8086, 0x10d3).driver("e1000e").group(4);
        return fx;
    }

    @Test
    void aPciehpSlotResetsOnlyTheSlot() {
        SysfsFixture fx = slotHost().pciehp("0000:00:1c.0");
        HotResetPrediction p = AffectedSet.predict(scan(fx), a("01:00.1"));
        assertThat(p.scope()).contains(HotResetScope.SLOT);
        assertThat(p.reasonCode()).isEqualTo("SLOT");
        assertThat(p.reason()).contains("pciehp");
        assertThat(names(p.affected())).containsExactly("0000:01:00.0", "0000:01:00.1");
        assertThat(p.groups()).containsExactly(2, 3);
    }

    @Test
    void aSlotWhoseModuleLinkNamesPciehpResetsOnlyTheSlot() {
        // kernel 6.1 without a captured pci_express tree: the slot's 'module' link still names the driver
        SysfsFixture fx = slotHost().slotModule("5", "pciehp");
        HotResetPrediction p = AffectedSet.predict(scan(fx), a("01:00.0"));
        assertThat(p.scope()).contains(HotResetScope.SLOT);
        assertThat(names(p.affected())).containsExactly("0000:01:00.0", "0000:01:00.1");
    }

    @Test
    void anAcpiphpSlotIsResetWithItsWholeBus() {
        // QEMU q35's default: ACPI hot-plug; the slot has 'power' and the port has Hot-Plug Capable, yet the
        // kernel resets the bus (seen in an ftrace in the lab)
        SysfsFixture fx = slotHost().slotModule("5", "acpiphp").pciExpressDrivers();
        HotResetPrediction p = AffectedSet.predict(scan(fx), a("01:00.0"));
        assertThat(p.scope()).contains(HotResetScope.BUS);
        assertThat(p.reasonCode()).isEqualTo("BUS");
        assertThat(names(p.affected())).containsExactly("0000:01:00.0", "0000:01:00.1", "0000:01:01.0");
        assertThat(p.groups()).containsExactly(2, 3, 4);
        assertThat(p.reason()).contains("acpiphp").contains("no slot reset");
    }

    @Test
    void aSlotWhosePortIsNotOnPciehpIsResetWithItsBus() {
        // kernel 6.12: no 'module' link for built-in drivers; pciehp drives another port only
        SysfsFixture fx = slotHost().pciehp("0000:00:1d.0");
        fx.add("0000:00:1d.0").rootPort(2, 2).group(5).slot(true, true);
        HotResetPrediction p = AffectedSet.predict(scan(fx), a("01:00.0"));
        assertThat(p.scope()).contains(HotResetScope.BUS);
        assertThat(names(p.affected())).containsExactly("0000:01:00.0", "0000:01:00.1", "0000:01:01.0");
        assertThat(p.reason()).contains("other than pciehp").contains("0000:00:1c.0");
    }

    @Test
    void aSlotWhoseDriverCannotBeSeenPredictsTheBusSuperset() {
        // an old snapshot: no pci_express tree, no 'module' link; the port's Hot-Plug Capable bit decides nothing
        HotResetPrediction p = AffectedSet.predict(scan(slotHost()), a("01:00.0"));
        assertThat(p.scope()).contains(HotResetScope.BUS);
        assertThat(names(p.affected())).containsExactly("0000:01:00.0", "0000:01:00.1", "0000:01:01.0");
        assertThat(p.reason()).contains("driver this host root does not show").contains("safe superset");
    }

    @Test
    void anAcpiSlotWithoutHotplugAttributesGivesABusReset() {
        SysfsFixture fx = new SysfsFixture(dir).slot("5", "0000:01:00", false);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(1).slot(true, true);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x1572).driver("vfio-pci").group(2);
        HotResetPrediction p = AffectedSet.predict(scan(fx), a("01:00.0"));
        assertThat(p.scope()).contains(HotResetScope.BUS);
    }

    @Test
    void aQuirkedDeviceOnTheBusForbidsTheBusReset() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(1);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x1572).driver("vfio-pci").group(2);
        fx.add("0000:01:00.1").under(rp).endpoint(0x168c, 0x003e, 0x028000).driver("ath10k_pci").group(2);
        HotResetPrediction p = AffectedSet.predict(scan(fx), a("01:00.0"));
        assertThat(p.possible()).isFalse();
        assertThat(p.reasonCode()).isEqualTo("NO_BUS_RESET_QUIRK");
        assertThat(p.reason()).contains("0000:01:00.1").contains("168c:003e");
    }

    @Test
    void nvidiaQuirkMatchesTheDeviceRangeOnly() {
        assertThat(NoBusResetQuirks.reason(0x10de, 0x2341)).isPresent();
        assertThat(NoBusResetQuirks.reason(0x10de, 0x237f)).isPresent();
        assertThat(NoBusResetQuirks.reason(0x10de, 0x2380)).isEmpty();
        assertThat(NoBusResetQuirks.reason(0x177d, 0xa100)).isPresent();
        assertThat(NoBusResetQuirks.reason(0x104c, 0xb005)).isPresent();
        assertThat(NoBusResetQuirks.reason(0x168c, 0x0031)).isEmpty();
    }

    @Test
    void disabledResetForbidsTheBusResetOnlyFromKernel615() {
        SysfsFixture fx = new SysfsFixture(dir).kernel("6.15.0-1-amd64");
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(1);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x1572).driver("vfio-pci").group(2);
        fx.add("0000:01:00.1").under(rp).nic(0x8086, 0x1572).driver("vfio-pci").group(2).resetMethods();
        HotResetPrediction p = AffectedSet.predict(scan(fx), a("01:00.0"));
        assertThat(p.possible()).isFalse();
        assertThat(p.reasonCode()).isEqualTo("RESET_DISABLED");

        fx.kernel("6.14.9");
        HotResetPrediction older = AffectedSet.predict(scan(fx), a("01:00.0"));
        assertThat(older.possible()).isTrue();
    }

    @Test
    void aVfOnAVirtualBusHasNoHotReset() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:02.0").rootPort(1, 2).group(1);
        FixtureDevice vf = fx.add("0000:02:00.0").under(rp).nic(0x8086, 0x154c).driver("vfio-pci").group(3);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x1572).driver("vfio-pci").group(2).sriov(128, vf);
        Topology t = scan(fx);
        HotResetPrediction p = AffectedSet.predict(t, a("02:00.0"));
        assertThat(p.possible()).isFalse();
        assertThat(p.reasonCode()).isEqualTo("VIRTUAL_BUS");
        // the PF's bus reset reaches the VFs on the virtual bus below it
        HotResetPrediction pf = AffectedSet.predict(t, a("01:00.0"));
        assertThat(names(pf.affected())).containsExactly("0000:01:00.0", "0000:02:00.0");
        assertThat(pf.groups()).containsExactly(2, 3);
    }

    @Test
    void functionsWithoutAGroupAreListed() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(1);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x1572).driver("vfio-pci").group(2);
        fx.add("0000:01:00.1").under(rp).nic(0x8086, 0x1572);
        HotResetPrediction p = AffectedSet.predict(scan(fx), a("01:00.0"));
        assertThat(p.withoutGroup()).containsExactly(a("01:00.1"));
    }

    @Test
    void theBusSetIsASupersetOfTheSlotSet() {
        SysfsFixture fx = switchHost().slot("9", "0000:03:00", true).pciehp("0000:02:00.0");
        fx.device("0000:02:00.0").slot(true, true);
        Topology t = scan(fx);
        HotResetPrediction slot = AffectedSet.predict(t, a("03:00.0"));
        assertThat(slot.scope()).contains(HotResetScope.SLOT);
        List<PciAddress> bus = t.descendants(a("02:00.0"));
        assertThat(bus).containsAll(slot.affected());
    }

    @Test
    void anShpcSlotBehindAConventionalBridgeGivesABusReset() {
        // seen in the QEMU lab: shpchp registers slots with 'power', but has no reset_slot operation
        SysfsFixture fx = new SysfsFixture(dir).slot("1", "0000:02:01", true).slot("2", "0000:02:02", true)
                .slotModule("1", "shpchp").slotModule("2", "shpchp");
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 2).group(1);
        FixtureDevice ppb = fx.add("0000:01:00.0").under(rp).pciBridge(2, 2).group(2);
        fx.add("0000:02:01.0").under(ppb).conventional(0x8086, 0x100e, 0x020000).driver("vfio-pci").group(2);
        fx.add("0000:02:02.0").under(ppb).conventional(0x1234, 0x11e8, 0x00ff00).driver("vfio-pci").group(2);
        HotResetPrediction p = AffectedSet.predict(scan(fx), a("02:01.0"));
        assertThat(p.scope()).contains(HotResetScope.BUS);
        assertThat(names(p.affected())).containsExactly("0000:02:01.0", "0000:02:02.0");
        assertThat(p.reason()).contains("shpchp, which has no slot reset");
    }

    @Test
    void anUnreadableBridgeConfigPredictsTheBusSuperset() {
        SysfsFixture fx = new SysfsFixture(dir).slot("5", "0000:01:00", true);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(1).slot(true, true).configLength(64);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x1572).driver("vfio-pci").group(2);
        HotResetPrediction p = AffectedSet.predict(scan(fx), a("01:00.0"));
        assertThat(p.scope()).contains(HotResetScope.BUS);
        assertThat(p.reason()).contains("safe superset");
    }
}
