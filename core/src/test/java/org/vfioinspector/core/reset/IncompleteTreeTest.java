package org.vfioinspector.core.reset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.Damage;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * Trees whose {@code sys/bus/pci/devices} misses functions the {@code sys/devices} nesting holds, and
 * trees where a function's upstream bridge cannot be known: the kernel's answer, or "unknown", never
 * "no hot reset".
 */
class IncompleteTreeTest {

    @TempDir
    Path dir;

    private static PciAddress a(String s) {
        return PciAddress.parse(s);
    }

    /** rp(00:1c.0) → switch up(01:00.0) → dn(02:01.0) → dual-port NIC 03:00.0 + 03:00.1; a root-bus NIC 00:19.0. */
    private SysfsFixture switchWithNic() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 3).driver("pcieport").group(1);
        FixtureDevice up = fx.add("0000:01:00.0").under(rp).upstreamPort(2, 3).driver("pcieport").group(2);
        FixtureDevice dn = fx.add("0000:02:01.0").under(up).downstreamPort(3, 3).driver("pcieport").group(3);
        fx.add("0000:03:00.0").under(dn).nic(0x8086, 0x1521).multifunction(true).driver("igb").group(4);
        fx.add("0000:03:00.1").under(dn).nic(0x8086, 0x1521).multifunction(true).driver("igb").group(4);
        fx.add("0000:00:19.0").nic(0x8086, 0x15bb).driver("e1000e").group(5);
        return fx.write();
    }

    @Test
    void aDownstreamPortWithoutBusLinkIsReadFromTheNestingAndItsNicIsResetByIt() throws Exception {
        switchWithNic();
        Files.delete(dir.resolve("sys/bus/pci/devices/0000:02:01.0"));

        Topology t = new SysfsReader(HostRoot.of(dir)).scan();

        assertThat(t.contains(a("0000:02:01.0"))).isTrue();
        PciDevice port = t.device(a("0000:02:01.0")).orElseThrow();
        assertThat(port.isBridge()).isTrue();
        assertThat(port.parent()).contains(a("0000:01:00.0"));
        assertThat(t.parent(a("0000:03:00.0")).map(PciDevice::address)).contains(a("0000:02:01.0"));
        assertThat(t.parentUnknown(a("0000:03:00.0"))).isEmpty();
        assertThat(t.notes()).anyMatch(n -> n.startsWith("0000:02:01.0: found in sys/devices/")
                && n.contains("without a link in sys/bus/pci/devices"));
        assertThat(t.notes()).noneMatch(n -> n.contains("was not read"));

        HotResetPrediction p = AffectedSet.predict(t, a("0000:03:00.0"));
        assertThat(p.possible()).isTrue();
        assertThat(p.possibleKnown()).isTrue();
        assertThat(p.reasonCode()).isEqualTo("BUS");
        assertThat(p.resetBridge()).contains(a("0000:02:01.0"));
        assertThat(p.affected()).containsExactly(a("0000:03:00.0"), a("0000:03:00.1"));
    }

    @Test
    void theNestingIsReadOnceAndEqualsAScanWithEveryBusLink() throws Exception {
        switchWithNic();
        Topology full = new SysfsReader(HostRoot.of(dir)).scan();
        Files.delete(dir.resolve("sys/bus/pci/devices/0000:02:01.0"));
        Files.delete(dir.resolve("sys/bus/pci/devices/0000:03:00.1"));
        Files.delete(dir.resolve("sys/bus/pci/devices/0000:00:19.0"));

        Topology partial = new SysfsReader(HostRoot.of(dir)).scan();

        assertThat(partial.devices()).isEqualTo(full.devices());
        assertThat(partial.notes()).filteredOn(n -> n.contains("without a link")).hasSize(3);
    }

    @Test
    void aChildWhoseBridgeIsNotCapturedHasAnUnknownHotReset() throws Exception {
        switchWithNic();
        // the capture kept the port's directory only as a link the reader never follows, and no bus link
        Damage.hideBehindALink(dir, a("0000:02:01.0"));
        Files.delete(dir.resolve("sys/bus/pci/devices/0000:02:01.0"));

        Topology t = new SysfsReader(HostRoot.of(dir)).scan();

        assertThat(t.contains(a("0000:02:01.0"))).isFalse();
        assertThat(t.contains(a("0000:03:00.0"))).isTrue();
        assertThat(t.parentUnknown(a("0000:03:00.0"))).hasValueSatisfying(s -> assertThat(s).contains("0000:02:01.0"));
        HotResetPrediction p = AffectedSet.predict(t, a("0000:03:00.0"));
        assertThat(p.reasonCode()).isEqualTo("PARENT_UNKNOWN");
        assertThat(p.possibleKnown()).isFalse();
        assertThat(p.possibility()).isEmpty();
        assertThat(p.possible()).isFalse();
        assertThat(p.reason()).contains("0000:02:01.0").contains("unknown").doesNotContain("ENODEV");
        assertThat(p.affected()).containsExactly(a("0000:03:00.0"), a("0000:03:00.1"));
        assertThat(p.groups()).containsExactly(4);

        // a function really on a root bus still has no hot reset, and says so
        HotResetPrediction root = AffectedSet.predict(t, a("0000:00:19.0"));
        assertThat(root.reasonCode()).isEqualTo("ROOT_BUS");
        assertThat(root.possibility()).contains(false);
    }

    @Test
    void aFunctionOutsideAnyRootBusFolderHasAnUnknownParent() throws Exception {
        switchWithNic();
        // a capture that copied a function's directory into sys/bus/pci/devices instead of linking it
        Path link = dir.resolve("sys/bus/pci/devices/0000:00:19.0");
        Path real = dir.resolve("sys/devices/pci0000:00/0000:00:19.0");
        Files.delete(link);
        Files.move(real, link);

        Topology t = new SysfsReader(HostRoot.of(dir)).scan();

        assertThat(t.contains(a("0000:00:19.0"))).isTrue();
        assertThat(t.parentUnknown(a("0000:00:19.0"))).isPresent();
        assertThat(AffectedSet.predict(t, a("0000:00:19.0")).reasonCode()).isEqualTo("PARENT_UNKNOWN");
        assertThat(t.parentUnknown(a("0000:00:1c.0"))).isEmpty();
        assertThat(List.of(AffectedSet.predict(t, a("0000:00:1c.0")).reasonCode())).containsExactly("ROOT_BUS");
    }
}
