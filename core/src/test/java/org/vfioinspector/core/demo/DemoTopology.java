package org.vfioinspector.core.demo;

import java.util.Map;

import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;

/**
 * The demo server written with the fixture builder: a two-socket lab box.
 *
 * <ul>
 *   <li>domain 0000: host bridge; root port → NVMe with the root filesystem; root port → PCIe switch
 *       with ACS on its downstream ports → two GPUs with HDMI audio (one passed to a VM on vfio-pci);
 *       root port → a switch without ACS → NVMe (data mount) and the NIC carrying the default route;
 *       root port → PCIe-to-PCI bridge → two conventional devices; root-bus integrated USB, SATA and
 *       a multifunction PCH without ACS</li>
 *   <li>domain 0001: root port → dual-port NIC with SR-IOV VFs; root port in a hot-plug slot → 100 GbE NIC</li>
 *   <li>domain 10000 (Intel VMD): root port → NVMe</li>
 * </ul>
 * IOMMU groups follow the ACS bits: root ports isolate, the ACS switch isolates each downstream
 * port, below the switch without ACS each endpoint shares its downstream port's group, a PCIe-to-PCI bridge shares one group with
 * everything below it, and the PCH functions without ACS share one group.
 */
public final class DemoTopology {

    private DemoTopology() {
    }

    public static SysfsFixture build(SysfsFixture fx) {
        fx.kernel("6.8.0-49-generic")
                .cmdline("BOOT_IMAGE=/boot/vmlinuz-6.8.0-49-generic root=UUID=5d1c0f7e ro intel_iommu=on iommu=pt vfio-pci.ids=10de:24b0,10de:228b");

        // ---- domain 0000, root bus 00 -------------------------------------------------------
        fx.add("0000:00:00.0").hostBridge().ids(0x8086, 0x2020).group(0);
        FixtureDevice rp1 = fx.add("0000:00:01.0").rootPort(0x01, 0x01).ids(0x8086, 0x2030).group(1)
                .link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4).numa(0);
        FixtureDevice rp2 = fx.add("0000:00:02.0").rootPort(0x02, 0x05).ids(0x8086, 0x2032).group(2)
                .link("16.0 GT/s PCIe", 16, "16.0 GT/s PCIe", 16).numa(0);
        FixtureDevice rp3 = fx.add("0000:00:03.0").rootPort(0x06, 0x09).ids(0x8086, 0x2033).group(3)
                .link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 8).numa(0);
        FixtureDevice rp4 = fx.add("0000:00:1c.0").rootPort(0x0a, 0x0b).ids(0x8086, 0xa190).group(4)
                .link("2.5 GT/s PCIe", 1, "8.0 GT/s PCIe", 1).numa(0);
        fx.add("0000:00:14.0").endpoint(0x8086, 0xa1af, 0x0c0330).driver("xhci_hcd").group(5).resetMethods("pm").numa(0);
        FixtureDevice sata = fx.add("0000:00:17.0").endpoint(0x8086, 0xa182, 0x010601).driver("ahci").group(6)
                .resetMethods("pm").numa(0);
        fx.add("0000:00:1f.0").conventional(0x8086, 0xa1c1, 0x060100).driver("lpc_ich").group(7).noResetMethod();
        fx.add("0000:00:1f.2").conventional(0x8086, 0xa1a1, 0x058000).group(7).noResetMethod();
        fx.add("0000:00:1f.4").conventional(0x8086, 0xa1a3, 0x0c0500).driver("i801_smbus").group(7).noResetMethod();

        // root port 1: the boot NVMe
        FixtureDevice bootNvme = fx.add("0000:01:00.0").under(rp1).nvme(0x144d, 0xa808).subsystem(0x144d, 0xa801)
                .driver("nvme").group(8).link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4).numa(0);

        // root port 2: a switch with ACS on its downstream ports, two GPUs with audio
        FixtureDevice up1 = fx.add("0000:02:00.0").under(rp2).upstreamPort(0x03, 0x05).group(9)
                .link("16.0 GT/s PCIe", 16, "16.0 GT/s PCIe", 16);
        FixtureDevice dn1 = fx.add("0000:03:08.0").under(up1).downstreamPort(0x04, 0x04).acs(0x5f, 0x1d).group(10)
                .link("16.0 GT/s PCIe", 16, "16.0 GT/s PCIe", 16);
        FixtureDevice dn2 = fx.add("0000:03:10.0").under(up1).downstreamPort(0x05, 0x05).acs(0x5f, 0x1d).group(11)
                .link("16.0 GT/s PCIe", 16, "16.0 GT/s PCIe", 16);
        FixtureDevice gpuA = fx.add("0000:04:00.0").under(dn1).gpu(0x10de, 0x24b0).subsystem(0x10de, 0x14ad)
                .driver("vfio-pci").group(12).noResetMethod().link("16.0 GT/s PCIe", 16, "16.0 GT/s PCIe", 16).numa(0);
        fx.add("0000:04:00.1").under(dn1).audio(0x10de, 0x228b).subsystem(0x10de, 0x14ad)
                .driver("vfio-pci").group(12).noResetMethod().link("16.0 GT/s PCIe", 16, "16.0 GT/s PCIe", 16).numa(0);
        FixtureDevice gpuB = fx.add("0000:05:00.0").under(dn2).gpu(0x10de, 0x2204).subsystem(0x1458, 0x403b)
                .driver("nvidia").group(13).noResetMethod().bootVga(true).link("16.0 GT/s PCIe", 16, "16.0 GT/s PCIe", 16).numa(0);
        fx.add("0000:05:00.1").under(dn2).audio(0x10de, 0x1aef).subsystem(0x1458, 0x403b)
                .driver("snd_hda_intel").group(13).noResetMethod().link("16.0 GT/s PCIe", 16, "16.0 GT/s PCIe", 16).numa(0);

        // root port 3: a switch without ACS: each endpoint shares its downstream port's group
        FixtureDevice up2 = fx.add("0000:06:00.0").under(rp3).upstreamPort(0x07, 0x09).ids(0x1b21, 0x1184).group(14)
                .link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4);
        FixtureDevice dn3 = fx.add("0000:07:01.0").under(up2).downstreamPort(0x08, 0x08).ids(0x1b21, 0x1184).group(31)
                .link("8.0 GT/s PCIe", 2, "8.0 GT/s PCIe", 2);
        FixtureDevice dn4 = fx.add("0000:07:03.0").under(up2).downstreamPort(0x09, 0x09).ids(0x1b21, 0x1184).group(32)
                .link("2.5 GT/s PCIe", 1, "2.5 GT/s PCIe", 1);
        FixtureDevice dataNvme = fx.add("0000:08:00.0").under(dn3).nvme(0x1987, 0x5012).subsystem(0x1987, 0x5012)
                .driver("nvme").group(31).link("8.0 GT/s PCIe", 2, "8.0 GT/s PCIe", 4);
        FixtureDevice mgmtNic = fx.add("0000:09:00.0").under(dn4).nic(0x8086, 0x1533).subsystem(0x8086, 0x0001)
                .driver("igb").group(32).link("2.5 GT/s PCIe", 1, "2.5 GT/s PCIe", 1);

        // root port in the PCH: PCIe-to-PCI bridge with two conventional devices
        FixtureDevice ppb = fx.add("0000:0a:00.0").under(rp4).pciBridge(0x0b, 0x0b).ids(0x1b21, 0x1080).group(15)
                .link("2.5 GT/s PCIe", 1, "2.5 GT/s PCIe", 1);
        fx.add("0000:0b:00.0").under(ppb).conventional(0x109e, 0x036e, 0x040000).driver("bttv").group(15).noResetMethod();
        fx.add("0000:0b:01.0").under(ppb).conventional(0x1415, 0x9501, 0x070002).driver("serial").group(15).noResetMethod();

        // ---- domain 0001: SR-IOV NIC and a hot-plug slot ---------------------------------------
        fx.add("0001:00:00.0").hostBridge().ids(0x8086, 0x2020).group(16);
        FixtureDevice rp5 = fx.add("0001:00:02.0").rootPort(0x01, 0x01).ids(0x8086, 0x2032).group(17)
                .link("8.0 GT/s PCIe", 8, "8.0 GT/s PCIe", 8).numa(1);
        FixtureDevice rp6 = fx.add("0001:00:03.0").rootPort(0x02, 0x02).ids(0x8086, 0x2033).group(18)
                .slot(true, true).link("8.0 GT/s PCIe", 16, "8.0 GT/s PCIe", 16).numa(1);
        FixtureDevice pf0 = fx.add("0001:01:00.0").under(rp5).nic(0x8086, 0x1572).subsystem(0x8086, 0x0006)
                .driver("i40e").group(19).resetMethods("flr").link("8.0 GT/s PCIe", 8, "8.0 GT/s PCIe", 8).numa(1);
        FixtureDevice pf1 = fx.add("0001:01:00.1").under(rp5).nic(0x8086, 0x1572).subsystem(0x8086, 0x0006)
                .driver("i40e").group(20).resetMethods("flr").link("8.0 GT/s PCIe", 8, "8.0 GT/s PCIe", 8).numa(1).acs(0x00, 0x00);
        pf0.acs(0x00, 0x00);
        FixtureDevice[] vfs0 = new FixtureDevice[4];
        FixtureDevice[] vfs1 = new FixtureDevice[4];
        for (int i = 0; i < 4; i++) {
            vfs0[i] = fx.add(String.format("0001:01:02.%d", i)).under(rp5).nic(0x8086, 0x154c).subsystem(0x8086, 0x0000)
                    .driver(i < 2 ? "iavf" : "vfio-pci").group(21 + i).resetMethods("flr").numa(1).configLength(4096);
            vfs1[i] = fx.add(String.format("0001:01:0a.%d", i)).under(rp5).nic(0x8086, 0x154c).subsystem(0x8086, 0x0000)
                    .driver("iavf").group(25 + i).resetMethods("flr").numa(1);
        }
        pf0.sriov(64, vfs0);
        pf1.sriov(64, vfs1);
        FixtureDevice cx5 = fx.add("0001:02:00.0").under(rp6).nic(0x15b3, 0x1017).subsystem(0x15b3, 0x0007)
                .driver("mlx5_core").group(29).link("8.0 GT/s PCIe", 16, "8.0 GT/s PCIe", 16).numa(1);
        fx.slot("7", "0001:02:00", true).pciehp("0001:00:03.0");

        // ---- domain 10000: Intel VMD ----------------------------------------------------------
        FixtureDevice vmdRp = fx.add("10000:e0:06.0").rootPort(0xe1, 0xe1).ids(0x8086, 0x464d).group(30)
                .link("16.0 GT/s PCIe", 4, "16.0 GT/s PCIe", 4);
        FixtureDevice vmdNvme = fx.add("10000:e1:00.0").under(vmdRp).nvme(0x8086, 0xf1aa).subsystem(0x8086, 0x390a)
                .driver("nvme").group(30).link("16.0 GT/s PCIe", 4, "16.0 GT/s PCIe", 4);

        // ---- what sits on those functions ------------------------------------------------------
        fx.nvmeNamespace(bootNvme, "nvme0", "nvme0n1", 2)
                .nvmeNamespace(dataNvme, "nvme1", "nvme1n1", 1)
                .nvmeNamespace(vmdNvme, "nvme2", "nvme2n1", 1)
                .scsiDisk(sata, "ata1", 0, "sda", 1)
                .netInterface(mgmtNic, "eno1", "up", "3c:ec:ef:10:20:31")
                .netInterface(pf0, "ens2f0", "up", "3c:fd:fe:a1:b2:c0")
                .netInterface(pf1, "ens2f1", "down", "3c:fd:fe:a1:b2:c1")
                .netInterface(vfs0[0], "ens2f0v0", "up", "02:00:00:00:00:10")
                .netInterface(vfs0[1], "ens2f0v1", "down", "02:00:00:00:00:11")
                .netInterface(cx5, "ens3np0", "up", "b8:ce:f6:00:11:22")
                .drmCard(gpuB, "card0");
        fx.file("proc/mounts", String.join("\n",
                "/dev/nvme0n1p2 / ext4 rw,relatime 0 0",
                "/dev/nvme0n1p1 /boot/efi vfat rw,relatime 0 0",
                "/dev/nvme1n1p1 /srv/data xfs rw,relatime 0 0",
                "/dev/sda1 /var/lib/backup ext4 rw,relatime 0 0",
                "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0",
                "sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0", ""));
        fx.file("proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
        fx.file("proc/net/route", String.join("\n",
                "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
                "eno1\t00000000\t0100A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0",
                "eno1\t0000A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0",
                "ens2f0\t000010AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0", ""));
        fx.file("proc/net/fib_trie", String.join("\n",
                "Main:", "  +-- 0.0.0.0/0 3 0 5",
                "     |-- 192.168.0.20", "        /32 host LOCAL",
                "     |-- 172.16.0.1", "        /32 host LOCAL", ""));
        // a VM holding the passed-through GPU's group, with KVM's kvm-vfio device
        fx.process(4242, "qemu-system-x86",
                "/usr/bin/qemu-system-x86_64 -name win11-gpu -machine q35,accel=kvm -device vfio-pci,host=0000:04:00.0",
                Map.of(3, "/dev/kvm", 21, "/dev/vfio/vfio", 22, "/dev/vfio/12", 23, "anon_inode:kvm-vfio"));
        return fx.write();
    }
}
