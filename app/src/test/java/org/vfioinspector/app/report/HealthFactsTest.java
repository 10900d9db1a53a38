package org.vfioinspector.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.health.HostHealth;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

class HealthFactsTest {

    @TempDir
    Path dir;

    private FunctionDescription describe(String address) {
        HostRoot root = HostRoot.of(dir);
        Topology t = new SysfsReader(root).scan();
        return FunctionDescriber.describe(t.device(PciAddress.parse(address)).orElseThrow(), t, PciIds.empty(),
                HostState.NONE, HostHealth.read(root, t));
    }

    @Test
    void theGraphsTooltipNamesADowngradedLinkAndTheBottleneck() {
        SysfsFixture f = new SysfsFixture(dir);
        FixtureDevice rp = f.add("0000:00:01.0").rootPort(1, 3).link("8.0 GT/s PCIe", 16, "8.0 GT/s PCIe", 16);
        FixtureDevice up = f.add("0000:01:00.0").upstreamPort(2, 3).under(rp).link("8.0 GT/s PCIe", 16, "8.0 GT/s PCIe", 16);
        FixtureDevice dn = f.add("0000:02:08.0").downstreamPort(3, 3).under(up).link("2.5 GT/s PCIe", 16, "8.0 GT/s PCIe", 16);
        f.add("0000:03:00.0").nvme(0x144d, 0xa808).under(dn).link("2.5 GT/s PCIe", 4, "8.0 GT/s PCIe", 4);
        f.write();
        String tip = TooltipText.render(describe("0000:03:00.0"));
        assertThat(tip).contains("\n▼ Downgraded: link 2   Bottleneck: link 2 (8.0 Gbit/s)\n");
        // one link, at what both ends support: neither line
        assertThat(TooltipText.render(describe("0000:01:00.0"))).doesNotContain("Downgraded", "Bottleneck");
    }

    @Test
    void withoutRootThePortTypesAreSaidToBeInferred() {
        SysfsFixture f = new SysfsFixture(dir);
        FixtureDevice rp = f.add("0000:00:01.0").rootPort(1, 1).configLength(64).link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4);
        f.add("0000:01:00.0").nvme(0x144d, 0xa808).under(rp).configLength(64).link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4);
        f.write();
        FunctionDescription d = describe("0000:01:00.0");
        assertThat(d.row("Link 1").orElseThrow().value())
                .isEqualTo("0000:00:01.0 → 0000:01:00.0  8 GT/s x4 (full: both ends can 8 GT/s x4)");
        assertThat(d.row("Port types").orElseThrow().value()).startsWith("inferred");
    }
}
