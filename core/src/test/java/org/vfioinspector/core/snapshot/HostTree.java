package org.vfioinspector.core.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a small host tree in a temp directory and remembers, for each item, whether a snapshot is
 * expected to carry it. Tests compare the unpacked snapshot against these expectations.
 */
final class HostTree {

    final Path root;
    /** Regular files a snapshot must carry with identical content. */
    final Map<String, byte[]> files = new TreeMap<>();
    /** Links a snapshot must carry with the identical target. */
    final Map<String, String> links = new TreeMap<>();
    /** Paths a snapshot must not carry. */
    final Set<String> absent = new TreeSet<>();

    HostTree(Path root) {
        this.root = root;
    }

    HostTree file(String rel, String text) {
        return file(rel, text.getBytes(StandardCharsets.UTF_8));
    }

    HostTree file(String rel, byte[] data) {
        write(rel, data);
        files.put(rel, data);
        return this;
    }

    /** A file the snapshot must leave out. */
    HostTree ignoredFile(String rel, byte[] data) {
        write(rel, data);
        absent.add(rel);
        return this;
    }

    HostTree ignoredFile(String rel, String text) {
        return ignoredFile(rel, text.getBytes(StandardCharsets.UTF_8));
    }

    HostTree link(String rel, String target) {
        makeLink(rel, target);
        links.put(rel, target);
        return this;
    }

    /** A link the snapshot must leave out. */
    HostTree ignoredLink(String rel, String target) {
        makeLink(rel, target);
        absent.add(rel);
        return this;
    }

    HostTree dir(String rel) {
        try {
            Files.createDirectories(root.resolve(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * A PCI function under {@code parentDir} (relative to {@code sys/devices}) with its identity
     * files, a {@code sys/bus/pci/devices} link, a driver link and an IOMMU group.
     */
    HostTree function(String parentDir, String bdf, String vendor, String device, String classCode,
                      String driver, int group) {
        String dir = "sys/devices/" + parentDir + "/" + bdf;
        String up = "../".repeat(dir.split("/").length - 1);
        file(dir + "/vendor", "0x" + vendor + "\n");
        file(dir + "/device", "0x" + device + "\n");
        file(dir + "/class", "0x" + classCode + "\n");
        file(dir + "/reset_method", "flr bus\n");
        file(dir + "/numa_node", "-1\n");
        file(dir + "/config", configSpace(vendor, device, 256));
        link(dir + "/driver", up + "bus/pci/drivers/" + driver);
        dir("sys/bus/pci/drivers/" + driver);
        link(dir + "/iommu_group", up + "kernel/iommu_groups/" + group);
        file("sys/kernel/iommu_groups/" + group + "/type", "DMA\n");
        link("sys/kernel/iommu_groups/" + group + "/devices/" + bdf, "../../../../devices/" + parentDir + "/" + bdf);
        link("sys/bus/pci/devices/" + bdf, "../../../devices/" + parentDir + "/" + bdf);
        return this;
    }

    Path path(String rel) {
        return root.resolve(rel);
    }

    static byte[] configSpace(String vendor, String device, int length) {
        byte[] c = new byte[length];
        int v = Integer.parseInt(vendor, 16);
        int d = Integer.parseInt(device, 16);
        c[0] = (byte) v;
        c[1] = (byte) (v >> 8);
        c[2] = (byte) d;
        c[3] = (byte) (d >> 8);
        for (int i = 4; i < length; i++) {
            c[i] = (byte) (i * 7);
        }
        return c;
    }

    private void write(String rel, byte[] data) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.write(p, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void makeLink(String rel, String target) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.createSymbolicLink(p, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A host with a root port, an NVMe drive behind it, a NIC and a GPU on the root bus, slots,
     * kernel and network files, one VFIO holder (QEMU) and one unrelated process.
     */
    static HostTree sample(Path root) {
        HostTree t = new HostTree(root);
        String port = "pci0000:00/0000:00:01.0";
        String nvme = port + "/0000:01:00.0";
        t.function("pci0000:00", "0000:00:01.0", "8086", "1901", "060400", "pcieport", 1)
                .file("sys/devices/" + port + "/secondary_bus_number", "1\n")
                .file("sys/devices/" + port + "/subordinate_bus_number", "1\n")
                .ignoredFile("sys/devices/" + port + "/power/control", "on\n")
                .ignoredFile("sys/devices/" + port + "/remove", "")
                .ignoredLink("sys/devices/" + port + "/subsystem", "../../../bus/pci")
                .function(port, "0000:01:00.0", "144d", "a808", "010802", "nvme", 12)
                .ignoredFile("sys/devices/" + nvme + "/resource0", new byte[2 << 20])
                .ignoredFile("sys/devices/" + nvme + "/rom", new byte[100 * 1024])
                .file("sys/devices/" + nvme + "/uevent", "DRIVER=nvme\n")
                .file("sys/devices/" + nvme + "/nvme/nvme0/dev", "241:0\n")
                .ignoredFile("sys/devices/" + nvme + "/nvme/nvme0/model", "Samsung SSD 970\n")
                .file("sys/devices/" + nvme + "/nvme/nvme0/nvme0n1/dev", "259:0\n")
                .file("sys/devices/" + nvme + "/nvme/nvme0/nvme0n1/size", "1953525168\n")
                .file("sys/devices/" + nvme + "/nvme/nvme0/nvme0n1/nvme0n1p1/dev", "259:1\n")
                .file("sys/devices/" + nvme + "/nvme/nvme0/nvme0n1/nvme0n1p1/partition", "1\n")
                .ignoredFile("sys/devices/" + nvme + "/nvme/nvme0/nvme0n1/queue/scheduler", "[none]\n")
                .function("pci0000:00", "0000:00:1f.6", "8086", "15bc", "020000", "e1000e", 8)
                .file("sys/devices/pci0000:00/0000:00:1f.6/net/eno1/operstate", "up\n")
                .file("sys/devices/pci0000:00/0000:00:1f.6/net/eno1/address", "3c:52:82:00:11:22\n")
                .file("sys/devices/pci0000:00/0000:00:1f.6/net/eno1/ifindex", "2\n")
                .ignoredFile("sys/devices/pci0000:00/0000:00:1f.6/net/eno1/statistics/rx_bytes", "123\n")
                .function("pci0000:00", "0000:00:02.0", "8086", "3e92", "030000", "i915", 2)
                .file("sys/devices/pci0000:00/0000:00:02.0/boot_vga", "1\n")
                .dir("sys/devices/pci0000:00/0000:00:02.0/drm/card0")
                .file("sys/bus/pci/slots/1/address", "0000:01:00\n")
                .file("sys/bus/pci/slots/1/power", "1\n")
                .link("sys/bus/pci/slots/1/module", "../../../../module/pciehp")
                .ignoredFile("sys/bus/pci/slots/1/unknown_attr", "x\n")
                // the port's hot-plug service on pciehp: what makes slot 1 a slot the kernel can reset
                .dir("sys/devices/" + port + "/0000:00:01.0:pcie004")
                .link("sys/bus/pci_express/drivers/pciehp/0000:00:01.0:pcie004",
                        "../../../../devices/" + port + "/0000:00:01.0:pcie004")
                .ignoredFile("sys/bus/pci_express/drivers/pciehp/uevent", "")
                .dir("sys/bus/pci_express/drivers/aer")
                .ignoredFile("sys/bus/pci/drivers/nvme/new_id", "")
                .link("sys/class/net/eno1", "../../devices/pci0000:00/0000:00:1f.6/net/eno1")
                .link("sys/class/net/lo", "../../devices/virtual/net/lo")
                .link("sys/block/nvme0n1", "../devices/" + nvme + "/nvme/nvme0/nvme0n1")
                .link("sys/class/drm/card0", "../../devices/pci0000:00/0000:00:02.0/drm/card0")
                .ignoredFile("sys/devices/platform/big.bin", new byte[3 << 20])
                .ignoredFile("sys/firmware/acpi/tables/DSDT", new byte[4096])
                .file("proc/cmdline", "BOOT_IMAGE=/vmlinuz root=/dev/nvme0n1p2 intel_iommu=on\n")
                .file("proc/version", "Linux version 6.8.0-test\n")
                .file("proc/sys/kernel/osrelease", "6.8.0-test\n")
                .file("proc/mounts", "/dev/nvme0n1p2 / ext4 rw 0 0\n")
                .file("proc/swaps", "Filename\tType\tSize\tUsed\tPriority\n")
                .file("proc/net/route", "Iface\tDestination\tGateway\neno1\t00000000\t0101A8C0\n")
                .file("proc/net/if_inet6", "fe800000000000003e5282fffe001122 02 40 20 80 eno1\n")
                .ignoredFile("proc/kcore", new byte[1 << 20])
                // QEMU holds group 12, the iommufd and KVM; stdin and a socket do not count
                .file("proc/1234/comm", "qemu-system-x86\n")
                .file("proc/1234/cmdline", "qemu-system-x86_64\0-device\0vfio-pci,host=01:00.0\0")
                .file("proc/1234/status", "Name:\tqemu-system-x86\nPid:\t1234\n")
                .link("proc/1234/fd/8", "anon_inode:kvm-vfio")
                .ignoredLink("proc/1234/fd/0", "/dev/null")
                .ignoredLink("proc/1234/fd/3", "socket:[4711]")
                .ignoredFile("proc/1234/environ", "SECRET=1\0")
                .ignoredFile("proc/999/comm", "bash\n")
                .ignoredLink("proc/999/fd/0", "/dev/pts/0");
        // absolute targets: kept verbatim in the archive, rewritten into the root when unpacked
        t.makeLink("proc/1234/fd/7", "/dev/vfio/12");
        t.makeLink("proc/1234/fd/9", "/dev/kvm");
        // proc/self is a link to a pid on a live host
        t.write("proc/4321/mountinfo", "22 1 259:2 / / rw - ext4 /dev/nvme0n1p2 rw\n".getBytes(StandardCharsets.UTF_8));
        t.absent.add("proc/4321/mountinfo");
        t.makeLink("proc/self", "4321");
        return t;
    }
}
