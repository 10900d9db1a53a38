package org.vfioinspector.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.health.HostHealth;
import org.vfioinspector.core.health.LinkHop;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.reset.BlastRadiusAnalyzer;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/** The graph marks a downgraded link (▼, by our rule, not lspci's) and the selection's bottleneck. */
class DowngradedLinkGraphTest {

    @TempDir
    Path dir;

    private static PciAddress a(String s) {
        return PciAddress.parse(s);
    }

    private Topology host() {
        SysfsFixture f = new SysfsFixture(dir);
        // the root port's own attributes show x4 of x16: the link BELOW it, which is drawn on the card's edge
        FixtureDevice rp = f.add("0000:00:01.0").rootPort(1, 1).group(1).link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 16);
        f.add("0000:01:00.0").gpu(0x10de, 0x24b0).under(rp).group(2).link("8.0 GT/s PCIe", 4, "16.0 GT/s PCIe", 16);
        // a Gen4 NVMe in a Gen3 slot: slower than itself, not than what both ends support
        FixtureDevice rp2 = f.add("0000:00:02.0").rootPort(2, 2).group(3).link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4);
        f.add("0000:02:00.0").nvme(0x144d, 0xa80a).under(rp2).group(4).link("8.0 GT/s PCIe", 4, "16.0 GT/s PCIe", 4);
        // a switch: the NVMe below it has the narrowest link of its path
        FixtureDevice rp3 = f.add("0000:00:03.0").rootPort(3, 5).group(5).link("16.0 GT/s PCIe", 16, "16.0 GT/s PCIe", 16);
        FixtureDevice up = f.add("0000:03:00.0").upstreamPort(4, 5).under(rp3).group(6).link("16.0 GT/s PCIe", 16, "16.0 GT/s PCIe", 16);
        FixtureDevice dn = f.add("0000:04:00.0").downstreamPort(5, 5).under(up).group(7).link("16.0 GT/s PCIe", 4, "16.0 GT/s PCIe", 4);
        f.add("0000:05:00.0").nvme(0x144d, 0xa80a).under(dn).group(8).link("16.0 GT/s PCIe", 4, "16.0 GT/s PCIe", 4);
        f.write();
        return new SysfsReader(HostRoot.of(dir)).scan();
    }

    @Test
    void aDowngradedLinkIsMarkedOnItsEdgeAndFirstInTheZoomedOutLabel() {
        Topology t = host();
        GraphScene scene = GraphScene.compute(t, PciIds.empty(), Set.of(), new TreeLayout());
        GraphModel m = scene.model();
        assertThat(m.nodeOf(a("0000:01:00.0")).orElseThrow().linkDegraded()).isTrue();
        assertThat(m.nodeOf(a("0000:00:01.0")).orElseThrow().linkDegraded()).as("the root port's link is below it").isFalse();
        assertThat(m.nodeOf(a("0000:02:00.0")).orElseThrow().linkDegraded()).as("the slot limits it").isFalse();

        String svg = SvgExport.render(scene, Highlight.NONE, GraphTheme.LIGHT);
        assertThat(svg).contains(">▼ 8 GT/s x4<").doesNotContain(">8 GT/s x4 ▼<").doesNotContain("bottleneck");
        assertThat(count(svg, "▼")).isEqualTo(1);

        GraphNode gpu = m.nodeOf(a("0000:01:00.0")).orElseThrow();
        assertThat(GraphPainter.shortLabels(gpu)[0]).startsWith("▼ ");
        assertThat(GraphPainter.shortLabels(m.nodeOf(a("0000:02:00.0")).orElseThrow())[0]).doesNotContain("▼");
    }

    @Test
    void theSelectionsBottleneckIsDrawnThickAndSaysSo() {
        Topology t = host();
        GraphScene scene = GraphScene.compute(t, PciIds.empty(), Set.of(), new TreeLayout());
        PciAddress nvme = a("0000:05:00.0");
        Optional<PciAddress> narrowest = HostHealth.of(t).path(nvme).bottleneckHop().map(LinkHop::downstream);
        assertThat(narrowest).contains(nvme);
        Highlight h = Highlight.of(new BlastRadiusAnalyzer(t, HostState.NONE).analyze(nvme)).withBottleneck(narrowest);
        assertThat(h.isBottleneck(scene.model().nodeOf(nvme).orElseThrow())).isTrue();
        assertThat(h.isBottleneck(scene.model().nodeOf(a("0000:03:00.0")).orElseThrow())).isFalse();

        String svg = SvgExport.render(scene, h, GraphTheme.LIGHT);
        assertThat(svg).contains(">16 GT/s x4<", ">bottleneck<");
        assertThat(count(svg, "bottleneck<")).isEqualTo(1);
        assertThat(svg).contains("stroke-width=\"3.5\"");
        assertThat(SvgExport.render(scene, Highlight.of(new BlastRadiusAnalyzer(t, HostState.NONE).analyze(nvme)),
                GraphTheme.LIGHT)).doesNotContain("bottleneck").doesNotContain("stroke-width=\"3.5\"");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
