package org.vfioinspector.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

class HostImpactReaderTest {

    private static final PciAddress BOOT_NVME = PciAddress.parse("0000:01:00.0");
    private static final PciAddress DATA_NVME = PciAddress.parse("0000:02:00.0");
    private static final PciAddress HBA = PciAddress.parse("0000:03:00.0");
    private static final PciAddress NIC_V4 = PciAddress.parse("0000:04:00.0");
    private static final PciAddress NIC_V6 = PciAddress.parse("0000:04:00.1");
    private static final PciAddress NIC_DOWN = PciAddress.parse("0000:05:00.0");
    private static final PciAddress GPU = PciAddress.parse("0000:06:00.0");

    @TempDir
    Path tmp;

    private SysfsFixture fx;
    private FixtureDevice hba;

    @BeforeEach
    void host() {
        fx = new SysfsFixture(tmp);
        FixtureDevice rp = fx.add("0000:00:01.0").rootPort(0x01, 0x01);
        FixtureDevice boot = fx.add(BOOT_NVME.toString()).under(rp).nvme(0x144d, 0xa808).driver("nvme");
        FixtureDevice data = fx.add(DATA_NVME.toString()).nvme(0x1987, 0x5012).driver("nvme");
        hba = fx.add(HBA.toString()).endpoint(0x1000, 0x0097, 0x010700).driver("mpt3sas");
        FixtureDevice nic0 = fx.add(NIC_V4.toString()).nic(0x8086, 0x1572).driver("i40e");
        FixtureDevice nic1 = fx.add(NIC_V6.toString()).nic(0x8086, 0x1572).driver("i40e");
        FixtureDevice nic2 = fx.add(NIC_DOWN.toString()).nic(0x8086, 0x1533).driver("igb");
        FixtureDevice gpu = fx.add(GPU.toString()).gpu(0x1002, 0x73bf).driver("amdgpu");
        fx.nvmeNamespace(boot, "nvme0", "nvme0n1", 3)
                .nvmeNamespace(data, "nvme1", "nvme1n1", 1)
                .scsiDisk(hba, "ata1", 0, "sda", 2)
                .netInterface(nic0, "ens1f0", "up", "3c:fd:fe:a1:b2:c0")
                .netInterface(nic1, "ens1f1", "up", "3c:fd:fe:a1:b2:c1")
                .netInterface(nic2, "eno3", "down", "3c:ec:ef:10:20:33")
                .drmCard(gpu, "card1")
                // a connector and a render node are not cards
                .classLink("sys/class/drm/card1-DP-1", gpu, "drm/card1/card1-DP-1")
                .classLink("sys/class/drm/renderD128", gpu, "drm/renderD128")
                // loopback is virtual: no function to reset
                .file("sys/devices/virtual/net/lo/operstate", "unknown")
                .link("sys/class/net/lo", "../../devices/virtual/net/lo");
        fx.file("proc/self/mountinfo", """
                22 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw,errors=remount-ro
                25 22 259:1 / /boot/efi rw,relatime shared:7 - vfat /dev/nvme0n1p1 rw
                31 22 259:5 / /srv/data rw,relatime shared:9 - xfs /dev/nvme1n1p1 rw
                26 22 0:23 / /proc rw,nosuid - proc proc rw
                """);
        fx.file("proc/swaps", """
                Filename				Type		Size		Used		Priority
                /dev/nvme0n1p3                          partition	8388604		0		-2
                /swapfile                               file		1048572		0		-3
                """);
        fx.file("proc/net/route", """
                Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
                ens1f0	00000000	0100A8C0	0003	0	0	100	00000000	0	0	0
                ens1f0	0000A8C0	00000000	0001	0	0	100	00FFFFFF	0	0	0
                """);
        fx.file("proc/net/ipv6_route", """
                20010db8000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001   ens1f1
                00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00450003   ens1f1
                00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo
                """);
        fx.file("proc/net/if_inet6", """
                20010db8000000000000000000000010 03 40 00 00   ens1f1
                fe800000000000003efdfefffea1b2c1 03 40 20 80   ens1f1
                00000000000000000000000000000001 01 80 10 80       lo
                """);
    }

    private HostImpact read() {
        fx.write();
        HostRoot root = HostRoot.of(tmp);
        return HostImpactReader.read(root, new SysfsReader(root).scan());
    }

    @Test
    void bootNvmeHoldsTheRootFilesystemAndSwap() {
        HostImpact impact = read();

        assertThat(impact.disksOf(BOOT_NVME)).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("nvme0n1");
            assertThat(d.partitions()).containsExactly("nvme0n1p1", "nvme0n1p2", "nvme0n1p3");
            assertThat(d.holdsRootFilesystem()).isTrue();
            assertThat(d.mounts()).extracting(Mount::mountPoint).containsExactly("/", "/boot/efi");
            assertThat(d.swaps()).containsExactly("/dev/nvme0n1p3");
        });
    }

    @Test
    void dataNvmeHasItsMountButNotTheRoot() {
        HostImpact impact = read();

        assertThat(impact.disksOf(DATA_NVME)).singleElement().satisfies(d -> {
            assertThat(d.mounts()).containsExactly(new Mount("/dev/nvme1n1p1", "/srv/data", "xfs"));
            assertThat(d.holdsRootFilesystem()).isFalse();
            assertThat(d.inUse()).isTrue();
        });
    }

    @Test
    void sataDiskBehindAnHbaBelongsToTheHba() {
        HostImpact impact = read();

        assertThat(impact.disksOf(HBA)).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("sda");
            assertThat(d.partitions()).containsExactly("sda1", "sda2");
            assertThat(d.inUse()).isFalse();
        });
    }

    @Test
    void lvmMountsAreTracedThroughDeviceMapperSlaves() {
        fx.file("sys/devices/virtual/block/dm-0/dm/name", "vg0-backup")
                .link("sys/block/dm-0", "../devices/virtual/block/dm-0")
                .link("sys/devices/virtual/block/dm-0/slaves/sda2", "../../../../pci0000:00/0000:03:00.0/ata1/sda2")
                .file("proc/self/mountinfo", """
                        22 1 259:2 / / rw - ext4 /dev/nvme0n1p2 rw
                        40 22 253:0 / /var/backup rw - ext4 /dev/mapper/vg0-backup rw
                        """)
                .file("proc/swaps", "Filename Type Size Used Priority\n/dev/dm-0 partition 1 0 -2\n");

        HostImpact impact = read();

        assertThat(impact.disksOf(HBA)).singleElement().satisfies(d -> {
            assertThat(d.mounts()).containsExactly(new Mount("/dev/mapper/vg0-backup", "/var/backup", "ext4"));
            assertThat(d.swaps()).containsExactly("/dev/dm-0");
        });
        assertThat(impact.notes()).noneMatch(n -> n.contains("device-mapper"));
    }

    @Test
    void multipathNvmeNamespaceBelongsToTheControllersOfItsSubsystem() {
        // native NVMe multipath: the namespace disk sits in a virtual subsystem folder that links its controllers
        String subsys = "sys/devices/virtual/nvme-subsystem/nvme-subsys5";
        fx.file(subsys + "/nvme5n1/size", "100")
                .file(subsys + "/nvme5n1/nvme5n1p1/partition", "1")
                .link("sys/block/nvme5n1", "../devices/virtual/nvme-subsystem/nvme-subsys5/nvme5n1")
                .link(subsys + "/nvme5", "../../../pci0000:00/0000:02:00.0/nvme/nvme5")
                .link(subsys + "/nvme6", "../../../pci0000:00/0000:00:01.0/0000:01:00.0/nvme/nvme6")
                .file("proc/self/mountinfo", "40 1 259:9 / /mp rw - ext4 /dev/nvme5n1p1 rw\n");

        HostImpact impact = read();

        for (PciAddress controller : new PciAddress[] {DATA_NVME, BOOT_NVME}) {
            assertThat(impact.disksOf(controller)).filteredOn(d -> d.name().equals("nvme5n1")).singleElement()
                    .satisfies(d -> {
                        assertThat(d.partitions()).containsExactly("nvme5n1p1");
                        assertThat(d.mounts()).extracting(Mount::mountPoint).containsExactly("/mp");
                    });
        }
    }

    @Test
    void multipathPathLinksTakePrecedenceOverTheSubsystemControllers() {
        String subsys = "sys/devices/virtual/nvme-subsystem/nvme-subsys5";
        fx.file(subsys + "/nvme5n1/size", "100")
                .link("sys/block/nvme5n1", "../devices/virtual/nvme-subsystem/nvme-subsys5/nvme5n1")
                .link(subsys + "/nvme5n1/multipath/nvme5c5n1", "../../../../../pci0000:00/0000:02:00.0/nvme/nvme5/nvme5c5n1")
                .link(subsys + "/nvme6", "../../../pci0000:00/0000:00:01.0/0000:01:00.0/nvme/nvme6");

        HostImpact impact = read();

        assertThat(impact.disksOf(DATA_NVME)).extracting(BlockDevice::name).contains("nvme5n1");
        assertThat(impact.disksOf(BOOT_NVME)).extracting(BlockDevice::name).doesNotContain("nvme5n1");
    }

    @Test
    void untraceableDeviceMapperMountsAreNoted() {
        fx.file("proc/self/mountinfo", """
                22 1 253:1 / / rw - ext4 /dev/mapper/vg0-root rw
                """);

        HostImpact impact = read();

        assertThat(impact.disksOf(BOOT_NVME).get(0).mounts()).isEmpty();
        assertThat(impact.notes()).anyMatch(n -> n.contains("device-mapper/LVM"));
    }

    @Test
    void mountinfoIsPreferredOverMounts() {
        fx.file("proc/mounts", "/dev/sda1 /ignored ext4 rw 0 0\n");

        HostImpact impact = read();

        assertThat(impact.disksOf(HBA).get(0).mounts()).isEmpty();
    }

    @Test
    void mountsIsUsedWithoutMountinfo() throws Exception {
        fx.file("proc/mounts", "/dev/sda1 /var/lib/backup ext4 rw 0 0\n");
        fx.write();
        java.nio.file.Files.delete(tmp.resolve("proc/self/mountinfo"));
        HostRoot root = HostRoot.of(tmp);

        HostImpact impact = HostImpactReader.read(root, new SysfsReader(root).scan());

        assertThat(impact.disksOf(HBA).get(0).mounts()).extracting(Mount::mountPoint).containsExactly("/var/lib/backup");
    }

    @Test
    void nicWithTheIpv4DefaultRouteIsMarked() {
        HostImpact impact = read();

        assertThat(impact.interfacesOf(NIC_V4)).singleElement().satisfies(n -> {
            assertThat(n.name()).isEqualTo("ens1f0");
            assertThat(n.defaultRoute()).isTrue();
            assertThat(n.isUp()).isTrue();
            assertThat(n.mac()).contains("3c:fd:fe:a1:b2:c0");
            // IPv4 addresses are not in /proc; a fixture is never the live host
            assertThat(n.addresses()).isEmpty();
        });
        assertThat(impact.notes()).containsOnlyOnce("IPv4 addresses are only known on the live host");
    }

    @Test
    void nicWithTheIpv6DefaultRouteIsMarkedWithItsAddresses() {
        HostImpact impact = read();

        assertThat(impact.interfacesOf(NIC_V6)).singleElement().satisfies(n -> {
            assertThat(n.defaultRoute()).isTrue();
            assertThat(n.addresses()).containsExactly("2001:db8::10/64", "fe80::3efd:feff:fea1:b2c1/64");
        });
    }

    @Test
    void interfaceThatIsDownCarriesNothing() {
        HostImpact impact = read();

        assertThat(impact.interfacesOf(NIC_DOWN)).singleElement().satisfies(n -> {
            assertThat(n.operstate()).contains("down");
            assertThat(n.isUp()).isFalse();
            assertThat(n.defaultRoute()).isFalse();
        });
    }

    @Test
    void loopbackAndOtherVirtualInterfacesAreIgnored() {
        HostImpact impact = read();

        assertThat(impact.interfaces().values()).flatMap(l -> l).extracting(NetInterface::name)
                .containsExactlyInAnyOrder("ens1f0", "ens1f1", "eno3");
    }

    @Test
    void drmCardBelongsToItsGpuAndConnectorsAreNotCards() {
        HostImpact impact = read();

        assertThat(impact.drmCards()).containsOnlyKeys(GPU);
        assertThat(impact.drmCardsOf(GPU)).containsExactly("card1");
    }

    @Test
    void malformedProcTablesAreNotedNotFatal() {
        fx.file("proc/self/mountinfo", "garbage\n22 1 259:2 / / rw - ext4 /dev/nvme0n1p2 rw\n")
                .file("proc/net/route", "Iface Destination\nens1f0 00000000\n");

        HostImpact impact = read();

        assertThat(impact.disksOf(BOOT_NVME).get(0).holdsRootFilesystem()).isTrue();
        assertThat(impact.interfacesOf(NIC_V4).get(0).defaultRoute()).isFalse();
        assertThat(impact.notes()).contains("1 malformed line in proc/self/mountinfo skipped",
                "1 malformed line in proc/net/route skipped");
    }

    @Test
    void anEmptyRootHasNoImpactAndNoFalseNotes() {
        HostRoot root = HostRoot.of(tmp);
        fx = new SysfsFixture(tmp);
        fx.write();

        HostImpact impact = HostImpactReader.read(root, new SysfsReader(root).scan());

        assertThat(impact.disks()).isEmpty();
        assertThat(impact.interfaces()).isEmpty();
        assertThat(impact.drmCards()).isEmpty();
        assertThat(impact.notes()).isEmpty();
    }
}
