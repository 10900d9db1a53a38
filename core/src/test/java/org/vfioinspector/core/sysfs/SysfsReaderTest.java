package org.vfioinspector.core.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.config.PortType;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.BusAddress;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.PciSlot;
import org.vfioinspector.core.model.Topology;

class SysfsReaderTest {

    @TempDir
    Path dir;

    private static PciAddress a(String s) {
        return PciAddress.parse(s);
    }

    private Topology scan(SysfsFixture fx) {
        fx.write();
        return new SysfsReader(HostRoot.of(dir)).scan();
    }

    @Test
    void readsNestedSwitchesWithParentsBusesAndGroups() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:01.0").rootPort(1, 4).group(1);
        FixtureDevice up = fx.add("0000:01:00.0").under(rp).upstreamPort(2, 4).group(2);
        FixtureDevice dn = fx.add("0000:02:00.0").under(up).downstreamPort(3, 4).group(2);
        FixtureDevice up2 = fx.add("0000:03:00.0").under(dn).upstreamPort(4, 4).group(2);
        FixtureDevice dn2 = fx.add("0000:04:01.0").under(up2).downstreamPort(5, 5).group(2);
        fx.add("0000:05:00.0").under(dn2).nic(0x8086, 0x10d3).driver("e1000e").group(2);
        Topology t = scan(fx);

        assertThat(t.devices()).extracting(d -> d.address().toString()).containsExactly(
                "0000:00:01.0", "0000:01:00.0", "0000:02:00.0", "0000:03:00.0", "0000:04:01.0", "0000:05:00.0");
        PciDevice nic = t.device(a("05:00.0")).orElseThrow();
        assertThat(nic.parent()).contains(a("04:01.0"));
        assertThat(nic.driver()).contains("e1000e");
        assertThat(nic.vendorId()).hasValue(0x8086);
        assertThat(nic.classCode()).hasValue(0x020000);
        assertThat(nic.resetMethods()).contains(List.of("flr", "bus"));
        assertThat(nic.portType()).contains(PortType.ENDPOINT);
        assertThat(nic.notes()).isEmpty();
        assertThat(t.upstreamPath(nic.address())).extracting(d -> d.address().toString())
                .containsExactly("0000:04:01.0", "0000:03:00.0", "0000:02:00.0", "0000:01:00.0", "0000:00:01.0");
        assertThat(t.device(a("02:00.0")).orElseThrow().secondaryBus()).hasValue(3);
        assertThat(t.devicesOnBusAndBelow(new BusAddress(0, 2))).hasSize(4);
        assertThat(t.rootBuses()).containsExactly(new BusAddress(0, 0));
        assertThat(t.group(2).orElseThrow().devices()).hasSize(5);
        assertThat(t.host().iommuEnabled()).isTrue();
        assertThat(t.host().kernelRelease()).contains("6.1.0-56-amd64");
        assertThat(t.notes()).isEmpty();
    }

    @Test
    void readsSeveralDomainsIncludingAWideVmdDomain() {
        SysfsFixture fx = new SysfsFixture(dir);
        fx.add("0000:00:00.0").hostBridge().group(0);
        fx.add("0001:00:00.0").hostBridge().group(1);
        FixtureDevice vmd = fx.add("10000:e0:06.0").rootPort(0xe1, 0xe1).group(2);
        fx.add("10000:e1:00.0").under(vmd).nvme(0x8086, 0xf1aa).driver("nvme").group(2);
        // a full 32-bit domain (Hyper-V style) sorts last and prints in full
        fx.add("ffff0001:00:00.0").nvme(0x1414, 0xb111).driver("nvme").group(3);
        Topology t = scan(fx);
        assertThat(t.domains()).containsExactly(0, 1, 0x10000, 0xffff0001);
        assertThat(t.devices().get(t.size() - 1).address()).hasToString("ffff0001:00:00.0");
        assertThat(t.rootBuses(0x10000)).containsExactly(new BusAddress(0x10000, 0xe0));
        assertThat(t.device(a("10000:e1:00.0")).orElseThrow().parent()).contains(a("10000:e0:06.0"));
        assertThat(t.device(a("10000:e1:00.0")).orElseThrow().sysfsPath())
                .isEqualTo("pci10000:e0/10000:e0:06.0/10000:e1:00.0");
    }

    @Test
    void linksSriovPhysicalAndVirtualFunctions() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:02.0").rootPort(1, 1).group(1);
        FixtureDevice vf0 = fx.add("0000:01:10.0").under(rp).nic(0x8086, 0x154c).driver("iavf").group(3);
        FixtureDevice vf1 = fx.add("0000:01:10.2").under(rp).nic(0x8086, 0x154c).group(4);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x1572).driver("i40e").group(2).sriov(64, vf0, vf1);
        Topology t = scan(fx);
        assertThat(t.virtualFunctions(a("01:00.0"))).containsExactly(a("01:10.0"), a("01:10.2"));
        assertThat(t.physicalFunction(a("01:10.2")).map(PciDevice::address)).contains(a("01:00.0"));
        PciDevice pf = t.device(a("01:00.0")).orElseThrow();
        assertThat(pf.sriov().totalVfs()).hasValue(64);
        assertThat(pf.sriov().numVfs()).hasValue(2);
        assertThat(pf.config().flatMap(c -> c.sriov())).isPresent();
    }

    @Test
    void garbageValuesDegradeTheFieldWithANote() {
        SysfsFixture fx = new SysfsFixture(dir);
        fx.add("0000:00:03.0").nic(0x8086, 0x10d3).group(5)
                .raw("vendor", "zzzz").raw("class", "0x1234567").raw("numa_node", "lots")
                .raw("current_link_speed", "Unknown").raw("boot_vga", "maybe");
        Topology t = scan(fx);
        PciDevice d = t.device(a("00:03.0")).orElseThrow();
        // the vendor falls back to the config space, and the note says why
        assertThat(d.vendorId()).hasValue(0x8086);
        assertThat(d.classCode()).hasValue(0x020000);
        assertThat(d.numaNode()).isEmpty();
        assertThat(d.bootVga()).isEmpty();
        assertThat(d.link().currentSpeed()).isEmpty();
        assertThat(d.notes()).anyMatch(n -> n.startsWith("vendor: 'zzzz' is not a 16-bit hex value"))
                .anyMatch(n -> n.startsWith("class:"))
                .anyMatch(n -> n.startsWith("numa_node:"));
    }

    @Test
    void aBusNumberOutOfRangeIsNotedAndTheConfigHeaderTells() {
        // found by fuzzing: a bus number attribute of 666666666 stopped the whole scan
        SysfsFixture fx = new SysfsFixture(dir).slot("1", "0000:01:00", true).pciehp("0000:00:1c.0");
        FixtureDevice port = fx.add("0000:00:1c.0").rootPort(1, 1).slot(true, true)
                .raw("secondary_bus_number", "666666666").raw("subordinate_bus_number", "-3");
        fx.add("0000:01:00.0").under(port).nic(0x8086, 0x10d3);
        Topology t = scan(fx);
        PciDevice p = t.device(a("00:1c.0")).orElseThrow();
        assertThat(p.secondaryBus()).hasValue(1);
        assertThat(p.subordinateBus()).hasValue(1);
        assertThat(p.notes()).anyMatch(n -> n.startsWith("secondary_bus_number: 666666666 is not a bus number"))
                .anyMatch(n -> n.startsWith("subordinate_bus_number:"));
        assertThat(t.slotOf(a("01:00.0")).orElseThrow().hotplugDriver()).contains("pciehp");
    }

    @Test
    void missingFilesAndConfigGiveExplicitAbsence() {
        SysfsFixture fx = new SysfsFixture(dir);
        fx.add("0000:00:04.0").nic(0x8086, 0x10d3).group(6).configLength(0).noResetMethod();
        fx.add("0000:00:05.0").nic(0x8086, 0x10d3).group(7).resetMethods();
        fx.add("0000:00:06.0").nic(0x8086, 0x10d3).group(8).configLength(64);
        Topology t = scan(fx);
        PciDevice noConfig = t.device(a("00:04.0")).orElseThrow();
        assertThat(noConfig.config()).isEmpty();
        assertThat(noConfig.resetMethods()).isEmpty();
        assertThat(noConfig.hasResetMethod()).isFalse();
        assertThat(noConfig.notes()).contains("no config file");
        PciDevice disabled = t.device(a("00:05.0")).orElseThrow();
        assertThat(disabled.resetMethods()).contains(List.of());
        assertThat(disabled.resetDisabled()).isTrue();
        PciDevice header = t.device(a("00:06.0")).orElseThrow();
        assertThat(header.config().orElseThrow().headerAvailable()).isTrue();
        assertThat(header.config().orElseThrow().capabilitiesAvailable()).isFalse();
        assertThat(header.portType()).isEmpty();
    }

    @Test
    void truncatedConfigIsNotedAndIdsComeFromSysfs() throws Exception {
        SysfsFixture fx = new SysfsFixture(dir);
        fx.add("0000:00:07.0").nic(0x8086, 0x10d3).group(9);
        fx.write();
        Path cfg = dir.resolve("sys/devices/pci0000:00/0000:00:07.0/config");
        Files.write(cfg, new byte[] {(byte) 0x86, (byte) 0x80, 0x11});
        PciDevice d = new SysfsReader(HostRoot.of(dir)).scan().device(a("00:07.0")).orElseThrow();
        assertThat(d.notes()).anyMatch(n -> n.contains("truncated to 3 bytes"));
        assertThat(d.deviceId()).hasValue(0x10d3);
    }

    @Test
    void danglingGroupLinksRebuildTheGroupWithANote() {
        SysfsFixture fx = new SysfsFixture(dir).withoutGroupFolders();
        fx.add("0000:00:08.0").nic(0x8086, 0x10d3).group(11);
        fx.add("0000:00:08.1").nic(0x8086, 0x10d3).group(11);
        Topology t = scan(fx);
        assertThat(t.group(11).orElseThrow().devices()).containsExactly(a("00:08.0"), a("00:08.1"));
        assertThat(t.notes()).anyMatch(n -> n.contains("iommu_groups/11 is missing"));
        assertThat(t.host().iommuEnabled()).isTrue();
    }

    @Test
    void hostWithoutIommuGroupsIsReportedNotFailed() {
        SysfsFixture fx = new SysfsFixture(dir).cmdline("ro quiet");
        fx.add("0000:00:00.0").hostBridge();
        fx.add("0000:00:1f.0").conventional(0x8086, 0xa1c1, 0x060100);
        Topology t = scan(fx);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.groups()).isEmpty();
        assertThat(t.host().iommuEnabled()).isFalse();
        assertThat(t.host().iommuSummary()).isEqualTo("IOMMU off or not enabled");
    }

    @Test
    void aVirtualMachineIsRecognisedFromItsFirmwareOrItsCpuFlag() {
        SysfsFixture fx = new SysfsFixture(dir).cmdline("ro quiet")
                .file(SysfsNames.DMI_SYS_VENDOR, "QEMU\n").file(SysfsNames.DMI_PRODUCT_NAME, "Standard PC (Q35 + ICH9, 2009)\n");
        fx.add("0000:00:00.0").hostBridge();
        Topology t = scan(fx);
        assertThat(t.host().hypervisor()).map(h -> h.name()).contains("QEMU/KVM");
        assertThat(t.host().iommuAdvice().get(1)).contains("virtual IOMMU");

        Path other = dir.resolve("cpuflag");
        SysfsFixture cpu = new SysfsFixture(other).cmdline("ro")
                .file(SysfsNames.PROC_CPUINFO, "processor\t: 0\nflags\t\t: fpu hypervisor\n\n");
        cpu.add("0000:00:00.0").hostBridge();
        cpu.write();
        assertThat(new SysfsReader(HostRoot.of(other)).scan().host().hypervisor()).isPresent();
    }

    @Test
    void aHostWithoutSignsOfAHypervisorIsNotCalledAVirtualMachine() {
        SysfsFixture fx = new SysfsFixture(dir).cmdline("ro quiet")
                .file(SysfsNames.DMI_SYS_VENDOR, "LENOVO\n")
                .file(SysfsNames.PROC_CPUINFO, "processor\t: 0\nflags\t\t: fpu vmx\n\n");
        fx.add("0000:00:00.0").hostBridge();
        assertThat(scan(fx).host().hypervisor()).isEmpty();
    }

    @Test
    void aFunctionWhoseDirectoryVanishedIsLeftOutWithANote() throws Exception {
        SysfsFixture fx = new SysfsFixture(dir);
        fx.add("0000:00:09.0").nic(0x8086, 0x10d3).group(1);
        fx.add("0000:00:0a.0").nic(0x8086, 0x10d3).group(2);
        fx.write();
        // the bus link remains, the directory is gone: what a hot-unplug during the scan looks like
        deleteTree(dir.resolve("sys/devices/pci0000:00/0000:00:0a.0"));
        Topology t = new SysfsReader(HostRoot.of(dir)).scan();
        assertThat(t.devices()).extracting(d -> d.address().toString()).containsExactly("0000:00:09.0");
        assertThat(t.notes()).anyMatch(n -> n.startsWith("0000:00:0a.0") && n.contains("vanished"));
    }

    @Test
    void withoutBusDevicesTheReaderWalksTheDeviceTree() {
        SysfsFixture fx = new SysfsFixture(dir).withoutBusDevices();
        FixtureDevice rp = fx.add("0000:00:01.0").rootPort(1, 1).group(1);
        fx.add("0000:01:00.0").under(rp).nvme(0x144d, 0xa808).group(2);
        Topology t = scan(fx);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.device(a("01:00.0")).orElseThrow().parent()).contains(a("00:01.0"));
        assertThat(t.notes()).anyMatch(n -> n.contains("walking sys/devices"));
    }

    @Test
    void strangeEntriesInTheBusFolderAreIgnoredWithANote() throws Exception {
        SysfsFixture fx = new SysfsFixture(dir);
        fx.add("0000:00:01.0").nic(0x8086, 0x10d3).group(1);
        fx.write();
        Files.createDirectories(dir.resolve("sys/bus/pci/devices/not-a-bdf"));
        Files.createSymbolicLink(dir.resolve("sys/bus/pci/devices/0000:00:02.0"), Path.of("/etc"));
        Topology t = new SysfsReader(HostRoot.of(dir)).scan();
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.notes()).anyMatch(n -> n.contains("'not-a-bdf' is not a PCI address"))
                .anyMatch(n -> n.contains("0000:00:02.0") && n.contains("outside the host root"));
    }

    @Test
    void registeredSlotsAreRead() {
        SysfsFixture fx = new SysfsFixture(dir).slot("7", "0000:02:00", true).slot("acpi-3", "0000:03:00", false);
        fx.add("0000:00:00.0").hostBridge();
        Topology t = scan(fx);
        assertThat(t.slots()).hasSize(2);
        assertThat(t.slotOf(a("02:00.0")).orElseThrow().hotplug()).isTrue();
        assertThat(t.slotOf(a("03:00.0")).orElseThrow().hotplug()).isFalse();
    }

    @Test
    void aSlotsHotplugDriverIsReadFromPciehpOrItsModuleLink() {
        SysfsFixture fx = new SysfsFixture(dir).slot("1", "0000:01:00", true).slot("2", "0000:02:00", true)
                .slot("3", "0000:03:00", true).slotModule("2", "acpiphp").pciehp("0000:00:1c.0")
                .slot("9", "0000:09:00", true);
        FixtureDevice rp1 = fx.add("0000:00:1c.0").rootPort(1, 1).slot(true, true);
        FixtureDevice rp2 = fx.add("0000:00:1c.1").rootPort(2, 2).slot(true, true);
        FixtureDevice rp3 = fx.add("0000:00:1c.2").rootPort(3, 3).slot(true, true);
        fx.add("0000:01:00.0").under(rp1).nic(0x8086, 0x10d3);
        fx.add("0000:02:00.0").under(rp2).nic(0x8086, 0x10d3);
        fx.add("0000:03:00.0").under(rp3).nic(0x8086, 0x10d3);
        Topology t = scan(fx);
        PciSlot pciehp = t.slotOf(a("01:00.0")).orElseThrow();
        assertThat(pciehp.hotplugDriver()).contains("pciehp");
        assertThat(pciehp.slotReset()).contains(true);
        assertThat(t.slotOf(a("02:00.0")).orElseThrow().hotplugDriver()).contains("acpiphp");
        assertThat(t.slotOf(a("02:00.0")).orElseThrow().slotReset()).contains(false);
        // 6.12: no module link, but the pci_express tree shows pciehp does not drive 00:1c.2
        PciSlot other = t.slotOf(a("03:00.0")).orElseThrow();
        assertThat(other.hotplugDriver()).isEmpty();
        assertThat(other.pciehpVisible()).isTrue();
        assertThat(other.slotReset()).contains(false);
        // no port above bus 09 in the tree: pciehp drives some port, maybe that one too
        assertThat(t.slotOf(a("09:00.0")).orElseThrow().slotReset()).isEmpty();
    }

    @Test
    void aHotplugSlotsDriverIsUnknownWithoutThePciExpressTree() {
        SysfsFixture fx = new SysfsFixture(dir).slot("1", "0000:01:00", true).slot("acpi-2", "0000:02:00", false);
        FixtureDevice rp1 = fx.add("0000:00:1c.0").rootPort(1, 1).slot(true, true);
        fx.add("0000:01:00.0").under(rp1).nic(0x8086, 0x10d3);
        Topology t = scan(fx);
        assertThat(t.slotOf(a("01:00.0")).orElseThrow().slotReset()).isEmpty();
        // an ACPI pci_slot has no hot-plug controller at all: never a slot reset
        assertThat(t.slotOf(a("02:00.0")).orElseThrow().slotReset()).contains(false);
    }

    static void deleteTree(Path p) throws Exception {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (var s = Files.list(p)) {
                for (Path c : s.toList()) {
                    deleteTree(c);
                }
            }
        }
        Files.delete(p);
    }
}
