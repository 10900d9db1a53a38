package org.vfioinspector.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.reset.BlastRadiusAnalyzer;

class HighlightTest {

    static Topology demo;
    static BlastRadiusAnalyzer analyzer;

    @BeforeAll
    static void read() {
        demo = Hosts.read(Hosts.sharedDemo());
        analyzer = new BlastRadiusAnalyzer(demo, HostState.NONE);
    }

    private static PciAddress a(String s) {
        return PciAddress.parse(s);
    }

    @Test
    void aBusResetMarksItsBridgeAndEverythingOnTheBus() {
        Highlight h = Highlight.of(analyzer.analyze(a("0000:04:00.0")));
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of());

        assertThat(h.affected()).containsExactlyInAnyOrder(a("0000:04:00.0"), a("0000:04:00.1"));
        assertThat(h.groups()).containsExactly(12);
        assertThat(h.resetBridge()).contains(a("0000:03:08.0"));
        assertThat(h.bridgeTag()).isEqualTo("resets bus 04");
        assertThat(h.isResetBridge(m.node(GraphBuilder.functionId(a("0000:03:08.0"))).orElseThrow())).isTrue();
        assertThat(h.emphasises(m.node(GraphBuilder.functionId(a("0000:04:00.1"))).orElseThrow())).isTrue();
        assertThat(h.emphasises(m.node(GraphBuilder.functionId(a("0000:05:00.0"))).orElseThrow())).isFalse();
    }

    @Test
    void aFunctionOnTheRootBusHasNoHotResetAndNoBridge() {
        Highlight h = Highlight.of(analyzer.analyze(a("0000:00:14.0")));

        assertThat(h.resetBridge()).isEmpty();
        assertThat(h.bridgeTag()).isEqualTo("no hot reset");
        assertThat(h.selected()).contains(a("0000:00:14.0"));
    }

    @Test
    void aCollapsedVfGroupIsAffectedWhenOneOfItsVfsIs() {
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of());
        Highlight h = Highlight.of(analyzer.analyze(a("0001:01:00.0")));

        GraphNode vfs = m.node(GraphBuilder.vfGroupId(a("0001:01:00.0"))).orElseThrow();
        assertThat(h.isAffected(vfs)).isTrue();
        assertThat(h.emphasises(vfs)).isTrue();
    }

    @Test
    void withoutSelectionNothingIsDimmed() {
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of());
        assertThat(m.nodes()).allMatch(Highlight.NONE::emphasises);
    }

    @Test
    void functionsThatMustLeaveTheirHostDriversAreEmphasisedAndTagged() {
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of());
        Highlight h = Highlight.of(analyzer.analyze(a("0000:05:00.0")));
        assertThat(h.mustLeave()).contains(a("0000:05:00.1"));
        GraphNode sibling = m.node(GraphBuilder.functionId(a("0000:05:00.1"))).orElseThrow();
        assertThat(h.mustLeaveHost(sibling)).isTrue();
        assertThat(h.emphasises(sibling)).isTrue();

        // a VF whose FLR is the recommended reset: its own group is viable, nothing has to leave the host
        Highlight vf = Highlight.of(analyzer.analyze(a("0001:01:02.2")));
        assertThat(vf.mustLeave()).isEmpty();
        assertThat(Highlight.NONE.mustLeaveHost(sibling)).isFalse();
    }

    @Test
    void aFoldedSubtreeIsMarkedWithWhatTheResetReachesAndWhatMustLeaveInsideIt() {
        PciAddress sw = a("0000:02:00.0");
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of(), Set.of(sw));
        GraphNode fold = m.node(GraphBuilder.subtreeId(sw)).orElseThrow();
        Highlight h = Highlight.of(analyzer.analyze(sw));

        assertThat(h.mustLeave()).contains(a("0000:05:00.0"));
        assertThat(h.isAffected(fold)).isTrue();
        assertThat(h.emphasises(fold)).isTrue();
        assertThat(h.mustLeaveHost(fold)).as("the warning is on the fold, not hidden in it").isTrue();
        assertThat(h.isSelected(fold)).isFalse();

        // a selection elsewhere leaves the fold alone
        Highlight other = Highlight.of(analyzer.analyze(a("0000:00:14.0")));
        assertThat(other.isAffected(fold)).isFalse();
        assertThat(other.mustLeaveHost(fold)).isFalse();
    }
}
