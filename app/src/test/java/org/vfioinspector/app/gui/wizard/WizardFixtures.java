package org.vfioinspector.app.gui.wizard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.vfioinspector.app.gui.Background;
import org.vfioinspector.app.priv.PrivilegedRunner;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.audit.AuditLog;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;

/** Fixture hosts for the wizard tests, always in temporary directories: never this machine's sysfs. */
final class WizardFixtures {

    static final PciAddress TARGET = PciAddress.parse("0000:01:00.0");
    static final PciAddress SIBLING = PciAddress.parse("0000:01:00.1");

    private WizardFixtures() {
    }

    /**
     * Two NIC functions on e1000e behind root port 00:1c.0, IOMMU group 7, no function reset method (no
     * {@code reset_method}, so a hot reset of the bus is the way); eno1 on the first is up; vfio-pci is loaded.
     */
    static SysfsFixture nicPair(Path dir) {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).driver("pcieport").group(3);
        FixtureDevice a = fx.add(TARGET.toString()).under(rp).nic(0x8086, 0x10c9).driver("e1000e").group(7)
                .noResetMethod().flr(false).multifunction(true);
        fx.add(SIBLING.toString()).under(rp).nic(0x8086, 0x10c9).driver("e1000e").group(7).noResetMethod().flr(false);
        fx.netInterface(a, "eno1", "up", "00:1b:21:00:00:01");
        fx.file("sys/bus/pci/drivers/vfio-pci/new_id", "");
        return visibleHost(fx);
    }

    /** Like {@link #nicPair} but already on vfio-pci, and a QEMU process holds /dev/vfio/7. */
    static SysfsFixture heldGroup(Path dir) {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).driver("pcieport").group(3);
        fx.add(TARGET.toString()).under(rp).nic(0x8086, 0x10c9).driver("vfio-pci").group(7).resetMethods("pm")
                .multifunction(true);
        fx.add(SIBLING.toString()).under(rp).nic(0x8086, 0x10c9).driver("vfio-pci").group(7).resetMethods("pm");
        fx.file("dev/vfio/7", "");
        fx.process(4242, "qemu-system-x86", "qemu-system-x86_64 -name win11 -device vfio-pci,host=01:00.0",
                Map.of(27, "/dev/vfio/7"));
        return visibleHost(fx);
    }

    /** One NVMe controller with FLR behind its own root port, on the nvme driver. */
    static SysfsFixture withFlr(Path dir) {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1d.0").rootPort(1, 1).driver("pcieport").group(4);
        fx.add(TARGET.toString()).under(rp).nvme(0x144d, 0xa808).driver("nvme").group(9).resetMethods("flr", "bus")
                .flr(true);
        fx.file("sys/bus/pci/drivers/vfio-pci/new_id", "");
        return visibleHost(fx);
    }

    /** The IPv4 table header, then one subnet route for eno1: no default route on these functions. */
    static final String ROUTES = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
            + "eno1\t0000A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n";

    /**
     * Writes the host's own tables too, so that what binding would take from it is known: / on a disk outside
     * the tree, no swap, no default route through these functions.
     */
    static SysfsFixture visibleHost(SysfsFixture fx) {
        fx.file("dev/vfio/vfio", ""); // the vfio module is loaded
        fx.file("proc/self/mountinfo", "22 1 254:1 / / rw,relatime - ext4 /dev/vda1 rw\n");
        fx.file("proc/swaps", "Filename\tType\tSize\tUsed\tPriority\n");
        fx.file("proc/net/route", ROUTES);
        fx.write();
        try {
            Files.createDirectories(fx.root().resolve("sys/block"));
            Files.createDirectories(fx.root().resolve("sys/class/net"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fx;
    }

    /** {@link #nicPair} whose eno1 carries the default route: binding it would cut the engineer's ssh. */
    static SysfsFixture nicPairCarryingTheDefaultRoute(Path dir) {
        SysfsFixture fx = nicPair(dir);
        fx.file("proc/net/route", ROUTES + "eno1\t00000000\t0100A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n");
        return fx.write();
    }

    static HostView view(Path dir, Path journalDir) {
        Session s = Session.open(Session.Source.PATH, dir);
        return HostView.read(s, journalDir);
    }

    /**
     * Same-thread executor, a temporary journal, a fixed clock, {@code --root} the fixture, whose own audit log the
     * commands write.
     */
    static WizardEnvironment env(PrivilegedRunner runner, Path dir, Path state) {
        return env(runner, Background.sameThread(), dir, state);
    }

    static WizardEnvironment env(PrivilegedRunner runner, Background executor, Path dir, Path state) {
        return new WizardEnvironment(runner, executor, state.resolve("journal"), Optional.of(dir),
                AuditLog.forHost(org.vfioinspector.core.sysfs.HostRoot.of(dir)),
                Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC), "tester");
    }

    /** Points a fixture function's driver link at another driver, as a bind or restore would. */
    static void relink(Path root, PciAddress a, String driver) {
        try {
            Path dir = root.resolve("sys/bus/pci/devices/" + a).toRealPath();
            Path link = dir.resolve("driver");
            // both sides, as the kernel keeps them: the function's driver link and the driver's link to it
            Optional<String> before = HostRoot.linkName(link);
            if (before.isPresent()) {
                Files.deleteIfExists(root.resolve("sys/bus/pci/drivers/" + before.get() + "/" + a));
            }
            Files.deleteIfExists(link);
            if (driver != null) {
                Path d = root.resolve("sys/bus/pci/drivers/" + driver);
                Files.createDirectories(d);
                Files.createSymbolicLink(link, d);
                Files.createSymbolicLink(d.resolve(a.toString()), dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A function appears on the bus of {@link #TARGET} (hot-plugged, or a VF created), in IOMMU group {@code group}:
     * its directory beside TARGET's, its group link, and its {@code sys/bus/pci/devices} link.
     */
    static void hotAdd(Path root, PciAddress a, int group) {
        try {
            Path dir = root.resolve("sys/bus/pci/devices/" + TARGET).toRealPath().resolveSibling(a.toString());
            if (Files.exists(dir)) {
                return;
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("vendor"), "0x8086\n");
            Files.writeString(dir.resolve("device"), "0x10c9\n");
            Files.writeString(dir.resolve("class"), "0x020000\n");
            Path groupDir = root.resolve("sys/kernel/iommu_groups/" + group);
            Files.createDirectories(groupDir.resolve("devices"));
            Files.createSymbolicLink(dir.resolve("iommu_group"), groupDir.toRealPath());
            Files.createSymbolicLink(groupDir.resolve("devices/" + a), dir);
            Files.createSymbolicLink(root.resolve("sys/bus/pci/devices/" + a), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<String> driver(Path root, PciAddress a) {
        return HostRoot.linkName(root.resolve("sys/bus/pci/devices/" + a + "/driver"));
    }
}
