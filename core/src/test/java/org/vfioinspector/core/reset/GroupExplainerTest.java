package org.vfioinspector.core.reset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.demo.DemoTopology;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.real.RealFixtures;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

class GroupExplainerTest {

    @TempDir
    Path dir;

    private Topology scan(SysfsFixture fx) {
        fx.write();
        return new SysfsReader(HostRoot.of(dir)).scan();
    }

    private static Map<Integer, GroupExplanation> byGroup(Topology t) {
        return GroupExplainer.explainAll(t).stream().collect(Collectors.toMap(GroupExplanation::group, e -> e));
    }

    @Test
    void demoGroupsAreExplainedByTheirAcsBitsAndBridges() {
        Topology t = scan(DemoTopology.build(new SysfsFixture(dir)));
        Map<Integer, GroupExplanation> why = byGroup(t);
        // the switch without ACS: each endpoint shares its downstream port's group
        assertThat(why.get(31).reasons()).extracting(GroupExplanation.Reason::code).containsExactly("NO_ACS");
        assertThat(why.get(31).reasons().get(0).at()).isEqualTo(PciAddress.parse("07:01.0"));
        assertThat(why.get(32).fullyExplained()).isTrue();
        assertThat(why).doesNotContainKey(14);
        // the PCIe-to-PCI bridge and the two conventional devices behind it
        assertThat(why.get(15).reasons()).extracting(GroupExplanation.Reason::code).containsExactly("PCI_BRIDGE");
        assertThat(why.get(15).fullyExplained()).isTrue();
        // the PCH multifunction device without ACS
        assertThat(why.get(7).reasons()).extracting(GroupExplanation.Reason::code).containsExactly("MULTIFUNCTION");
        // GPU + audio behind an ACS downstream port: the multifunction GPU has no ACS of its own
        assertThat(why.get(12).reasons()).extracting(GroupExplanation.Reason::code).containsExactly("MULTIFUNCTION");
        // single-function groups need no explanation
        assertThat(why).doesNotContainKey(8);
    }

    @Test
    void downstreamPortWithAcsButWithoutUpstreamForwardingIsNamed() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:01.0").rootPort(1, 3).group(1);
        FixtureDevice up = fx.add("0000:01:00.0").under(rp).upstreamPort(2, 3).group(2);
        // SV RR CR UF supported, UF (bit 4) not enabled
        FixtureDevice dn = fx.add("0000:02:00.0").under(up).downstreamPort(3, 3).acs(0x1f, 0x0d).group(3);
        fx.add("0000:03:00.0").under(dn).nic(0x8086, 0x10d3).group(3);
        GroupExplanation e = byGroup(scan(fx)).get(3);
        assertThat(e.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("NO_ACS");
            assertThat(r.at()).isEqualTo(PciAddress.parse("02:00.0"));
            assertThat(r.message()).contains("does not enable UF");
        });
    }

    @Test
    void aGroupNoRuleAccountsForIsUnexplained() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp1 = fx.add("0000:00:01.0").rootPort(1, 1).group(1);
        FixtureDevice rp2 = fx.add("0000:00:02.0").rootPort(2, 2).group(2);
        fx.add("0000:01:00.0").under(rp1).nic(0x8086, 0x10d3).group(9);
        fx.add("0000:02:00.0").under(rp2).nic(0x8086, 0x10d3).group(9);
        GroupExplanation e = byGroup(scan(fx)).get(9);
        assertThat(e.fullyExplained()).isFalse();
        assertThat(e.unexplained()).hasSize(2);
    }

    @Test
    void acsOverrideOnTheCommandLineIsMentioned() {
        SysfsFixture fx = new SysfsFixture(dir).cmdline("intel_iommu=on pcie_acs_override=downstream,multifunction");
        fx.add("0000:00:1f.0").conventional(0x8086, 0xa1c1, 0x060100).group(7);
        fx.add("0000:00:1f.3").conventional(0x8086, 0xa1a3, 0x040300).group(7);
        GroupExplanation e = byGroup(scan(fx)).get(7);
        assertThat(e.reasons()).extracting(GroupExplanation.Reason::code).contains("ACS_OVERRIDE");
    }

    @Test
    void qemuLabGroupsFollowTheMissingAcsOfTheXio3130() throws Exception {
        Path root = RealFixtures.qemuQ35(dir, false);
        Topology t = new SysfsReader(HostRoot.of(root)).scan();
        for (GroupExplanation e : GroupExplainer.explainAll(t)) {
            assertThat(e.fullyExplained()).as("group %d: %s", e.group(), e.reasons()).isTrue();
        }
        GroupExplanation sw = GroupExplainer.explain(t, t.groupOf(PciAddress.parse("05:00.0")).orElseThrow());
        assertThat(sw.reasons()).extracting(GroupExplanation.Reason::at).contains(PciAddress.parse("04:00.0"));
    }
}
