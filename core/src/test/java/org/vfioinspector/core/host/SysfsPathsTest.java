package org.vfioinspector.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

class SysfsPathsTest {

    @TempDir
    Path tmp;

    private Topology topology() {
        SysfsFixture fx = new SysfsFixture(tmp);
        FixtureDevice rp = fx.add("0000:00:01.0").rootPort(1, 1);
        fx.add("0000:01:00.0").under(rp).nvme(0x144d, 0xa808);
        fx.add("0000:00:14.0").endpoint(0x8086, 0xa1af, 0x0c0330);
        fx.write();
        return new SysfsReader(HostRoot.of(tmp)).scan();
    }

    @Test
    void deepestFunctionInThePathOwnsIt() {
        Topology t = topology();

        assertThat(SysfsPaths.owningFunction(
                "../devices/pci0000:00/0000:00:01.0/0000:01:00.0/nvme/nvme0/nvme0n1", t))
                .contains(PciAddress.parse("0000:01:00.0"));
    }

    @Test
    void aBdfOutsideTheTopologyIsSkippedForItsParent() {
        Topology t = topology();

        // 0000:01:00.1 is not a function of the topology; its bridge is the deepest known one
        assertThat(SysfsPaths.owningFunction("/sys/devices/pci0000:00/0000:00:01.0/0000:01:00.1/net/eth0", t))
                .contains(PciAddress.parse("0000:00:01.0"));
    }

    @Test
    void usbDevicesBelongToTheirHostController() {
        Topology t = topology();

        assertThat(SysfsPaths.owningFunction(
                "../../devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0/block/sdb", t))
                .contains(PciAddress.parse("0000:00:14.0"));
    }

    @Test
    void pathsWithoutAFunctionHaveNoOwner() {
        Topology t = topology();

        assertThat(SysfsPaths.owningFunction("../devices/virtual/net/lo", t)).isEmpty();
        assertThat(SysfsPaths.owningFunction("00:01.0/0:0:0:0", t)).isEmpty();
        assertThat(SysfsPaths.owningFunction("", t)).isEmpty();
        assertThat(SysfsPaths.owningFunction("////", t)).isEmpty();
    }

    @Test
    void virtualPathsAreRecognised() {
        assertThat(SysfsPaths.isVirtual("/sys/devices/virtual/net/lo")).isTrue();
        assertThat(SysfsPaths.isVirtual("sys/devices/virtual/block/dm-0")).isTrue();
        assertThat(SysfsPaths.isVirtual("/sys/devices/pci0000:00/0000:00:01.0")).isFalse();
    }

    @Test
    void linksLeavingTheRootResolveToNothing() throws Exception {
        HostRoot root = HostRoot.of(tmp);
        Path dir = tmp.resolve("sys/block");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.createSymbolicLink(dir.resolve("evil"), Path.of("../../../../etc"));
        java.nio.file.Files.createSymbolicLink(dir.resolve("abs"), Path.of("/sys/devices/x"));
        java.nio.file.Files.createSymbolicLink(dir.resolve("ok"), Path.of("../devices/pci0000:00"));

        assertThat(SysfsPaths.resolveLink(root, dir.resolve("evil"))).isEmpty();
        assertThat(SysfsPaths.resolveLink(root, dir.resolve("abs"))).contains(tmp.resolve("sys/devices/x"));
        assertThat(SysfsPaths.resolveLink(root, dir.resolve("ok"))).contains(tmp.resolve("sys/devices/pci0000:00"));
        assertThat(SysfsPaths.resolveLink(root, dir.resolve("missing"))).isEmpty();
    }
}
