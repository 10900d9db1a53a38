package org.vfioinspector.app.gui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.vfioinspector.core.demo.DemoTopology;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/** Host trees for GUI tests: the demo server, a host without IOMMU groups, and a generated big host. */
public final class Hosts {

    private Hosts() {
    }

    private static Path sharedDemo;

    /** {@code Hosts N DIR}: writes the generated N-function host into DIR (benchmark scripts use it). */
    public static void main(String[] args) {
        Path dir = Path.of(args[1]);
        big(dir, Integer.parseInt(args[0]));
        System.out.println("wrote a " + args[0] + "-function host to " + dir);
    }

    /** One demo tree per test JVM, for tests that only read it. */
    public static synchronized Path sharedDemo() {
        if (sharedDemo == null) {
            Path dir = tempDir("vfio-demo-");
            dir.toFile().deleteOnExit();
            sharedDemo = demo(dir);
        }
        return sharedDemo;
    }

    /** The demo server (core's DemoTopology) written into {@code dir}. */
    public static Path demo(Path dir) {
        DemoTopology.build(new SysfsFixture(dir));
        return dir;
    }

    /** A small host whose IOMMU is off: functions but no groups. */
    public static Path withoutGroups(Path dir) {
        SysfsFixture fx = new SysfsFixture(dir).cmdline("BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro quiet");
        fx.add("0000:00:00.0").hostBridge();
        FixtureDevice rp = fx.add("0000:00:01.0").rootPort(1, 1);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x10d3).driver("e1000e");
        fx.write();
        return dir;
    }

    /**
     * A host with exactly {@code functions} functions: domains of root ports, each with a switch of
     * eight downstream ports and a four-function device below each, every fourth switch without ACS
     * (one shared group), one SR-IOV NIC with 32 VFs per domain; the rest are integrated devices. Each
     * function directory has what a real kernel puts there ({@link SysfsFixture#kernelExtras()}).
     */
    public static Path big(Path dir, int functions) {
        SysfsFixture fx = new SysfsFixture(dir);
        int n = 0;
        int group = 0;
        String[] drivers = {"vfio-pci", "nvme", "ixgbe", null, "vfio-pci", "amdgpu"};
        outer:
        for (int domain = 0; domain < 64; domain++) {
            String dom = String.format("%04x", domain);
            fx.add(dom + ":00:00.0").hostBridge().group(group++);
            n++;
            // one SR-IOV NIC per domain
            FixtureDevice nicRp = fx.add(dom + ":00:01.0").rootPort(0xfe, 0xff).group(group++)
                    .link("8.0 GT/s PCIe", 8, "8.0 GT/s PCIe", 8);
            FixtureDevice pf = fx.add(dom + ":fe:00.0").under(nicRp).nic(0x8086, 0x1572).driver("i40e").group(group++)
                    .link("8.0 GT/s PCIe", 8, "8.0 GT/s PCIe", 8);
            n += 2;
            FixtureDevice[] vfs = new FixtureDevice[32];
            for (int v = 0; v < vfs.length; v++) {
                vfs[v] = fx.add(String.format("%s:ff:%02x.%d", dom, v / 8, v % 8)).under(nicRp).nic(0x8086, 0x154c)
                        .driver(v % 3 == 0 ? "vfio-pci" : "iavf").group(group++).resetMethods("flr");
                n++;
            }
            pf.sriov(64, vfs);
            for (int port = 0; port < 24; port++) {
                if (n + 42 > functions) {
                    break;
                }
                int sec = 1 + port * 10;
                boolean acs = port % 4 != 3;
                int rpGroup = group++;
                FixtureDevice rp = fx.add(String.format("%s:00:%02x.0", dom, 2 + port)).rootPort(sec, sec + 9)
                        .group(rpGroup).link("16.0 GT/s PCIe", 16, "16.0 GT/s PCIe", 16);
                int switchGroup = group++;
                FixtureDevice up = fx.add(String.format("%s:%02x:00.0", dom, sec)).under(rp).upstreamPort(sec + 1, sec + 9)
                        .group(switchGroup).link("16.0 GT/s PCIe", 16, "16.0 GT/s PCIe", 16);
                n += 2;
                for (int d = 0; d < 8; d++) {
                    int bus = sec + 2 + d;
                    int dnGroup = acs ? group++ : switchGroup;
                    FixtureDevice dn = fx.add(String.format("%s:%02x:%02x.0", dom, sec + 1, d)).under(up)
                            .downstreamPort(bus, bus).group(dnGroup).link("16.0 GT/s PCIe", 8, "16.0 GT/s PCIe", 16);
                    if (acs) {
                        dn.acs(0x5f, 0x1d);
                    }
                    n++;
                    int epGroup = acs ? group++ : switchGroup;
                    String driver = drivers[(port + d) % drivers.length];
                    for (int f = 0; f < 4; f++) {
                        FixtureDevice ep = fx.add(String.format("%s:%02x:00.%d", dom, bus, f)).under(dn)
                                .group(epGroup).driver(driver).link("16.0 GT/s PCIe", 8, "16.0 GT/s PCIe", 16)
                                .numa(domain % 2);
                        if (f == 0) {
                            ep.gpu(0x1002, 0x73bf);
                        } else if (f == 1) {
                            ep.audio(0x1002, 0xab28);
                        } else {
                            ep.endpoint(0x1002, 0x73a6 + f, 0x0c0330);
                        }
                        ep.driver(driver).multifunction(true);
                        n++;
                    }
                }
            }
            // fill up with integrated devices on the root bus
            for (int dev = 0x1a; dev < 0x20 && n < functions; dev++) {
                for (int f = 0; f < 8 && n < functions; f++) {
                    fx.add(String.format("%s:00:%02x.%d", dom, dev, f)).endpoint(0x8086, 0xa100 + f, 0x088000)
                            .group(group).driver(f % 2 == 0 ? null : "intel_pch");
                    n++;
                }
                group++;
            }
            if (n >= functions) {
                break outer;
            }
        }
        // as large as real sysfs directories, with the uevent every kernel writes (the scan reads it
        // instead of five ID attributes): the benchmarks of the window's start read this host
        fx.kernelExtras();
        fx.write();
        return dir;
    }

    public static Topology read(Path dir) {
        try (HostRoot root = HostRoot.of(dir)) {
            return new SysfsReader(root).scan();
        }
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
