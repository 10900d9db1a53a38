package org.vfioinspector.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;

class ElkTreeLayoutTest {

    @TempDir
    static Path dir;
    static Topology demo;

    @BeforeAll
    static void readDemo() {
        demo = Hosts.read(Hosts.demo(dir));
    }

    private static LayoutResult layout(GraphModel m) {
        return new ElkTreeLayout().layout(m);
    }

    @Test
    void everyNodeGetsItsOwnSizedBoxWithoutOverlap() {
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of());
        LayoutResult r = layout(m);

        assertThat(r.boxes().keySet()).containsExactlyInAnyOrderElementsOf(m.nodes().stream().map(GraphNode::id).toList());
        List<GraphNode> nodes = m.nodes();
        for (GraphNode n : nodes) {
            Rect b = r.box(n.id()).orElseThrow();
            assertThat(b.width()).isEqualTo(n.width());
            assertThat(b.height()).isEqualTo(n.height());
            assertThat(b.x()).isGreaterThanOrEqualTo(0);
            assertThat(b.y()).isGreaterThanOrEqualTo(0);
            assertThat(b.maxX()).isLessThanOrEqualTo(r.bounds().maxX());
            assertThat(b.maxY()).isLessThanOrEqualTo(r.bounds().maxY());
        }
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                Rect a = r.box(nodes.get(i).id()).orElseThrow();
                Rect b = r.box(nodes.get(j).id()).orElseThrow();
                assertThat(a.intersects(b)).as("%s overlaps %s", nodes.get(i).id(), nodes.get(j).id()).isFalse();
            }
        }
    }

    @Test
    void childrenSitRightOfTheirParentWithRoomForLinkLabels() {
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of());
        LayoutResult r = layout(m);
        for (GraphNode n : m.nodes()) {
            m.parent(n).ifPresent(p -> assertThat(r.box(n.id()).orElseThrow().x())
                    .as(n.id()).isGreaterThanOrEqualTo(r.box(p.id()).orElseThrow().maxX() + 40));
        }
    }

    @Test
    void siblingsAreStackedInAddressOrder() {
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of());
        LayoutResult r = layout(m);
        for (GraphNode n : m.nodes()) {
            List<GraphNode> kids = m.children(n.id());
            List<Double> ys = new ArrayList<>();
            kids.forEach(k -> ys.add(r.box(k.id()).orElseThrow().y()));
            assertThat(ys).as("children of %s", n.id()).isSorted();
        }
    }

    @Test
    void layoutIsAFunctionOfTheModel() {
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of());
        assertThat(layout(m)).isEqualTo(layout(GraphBuilder.build(demo, PciIds.empty(), Set.of())));
    }

    @Test
    void expandingVfsAddsTheirBoxesBelowThePf() {
        PciAddress pf = PciAddress.parse("0001:01:00.0");
        GraphModel collapsed = GraphBuilder.build(demo, PciIds.empty(), Set.of());
        GraphModel expanded = GraphBuilder.build(demo, PciIds.empty(), Set.of(pf));
        LayoutResult r = layout(expanded);

        assertThat(expanded.size()).isEqualTo(collapsed.size() - 1 + demo.virtualFunctions(pf).size());
        Rect pfBox = r.box(GraphBuilder.functionId(pf)).orElseThrow();
        for (PciAddress vf : demo.virtualFunctions(pf)) {
            assertThat(r.box(GraphBuilder.functionId(vf)).orElseThrow().x()).isGreaterThan(pfBox.maxX());
        }
    }

    /**
     * Calling mrtree directly gives exactly the boxes of ELK's general engine on its EMF graph: on the
     * demo as it opens, with the SR-IOV VFs expanded, and on a generated 1,024-function host.
     */
    @Test
    void boxesAreThoseOfElksLayoutEngine() {
        List<GraphModel> models = List.of(
                GraphBuilder.build(demo, PciIds.empty(), Set.of()),
                GraphBuilder.build(demo, PciIds.empty(), Set.of(PciAddress.parse("0001:01:00.0"))),
                GraphBuilder.build(Hosts.read(Hosts.big(dir.resolve("big"), 1024)), PciIds.empty(), Set.of()));
        for (GraphModel m : models) {
            LayoutResult r = layout(m);
            java.util.Map<String, double[]> engine = ElkEngineLayout.corners(m);
            double minX = r.boxes().values().stream().mapToDouble(Rect::x).min().orElseThrow();
            double minY = r.boxes().values().stream().mapToDouble(Rect::y).min().orElseThrow();
            assertThat(engine.keySet()).containsExactlyInAnyOrderElementsOf(r.boxes().keySet());
            for (GraphNode n : m.nodes()) {
                Rect b = r.box(n.id()).orElseThrow();
                double[] e = engine.get(n.id());
                assertThat(new double[] {b.x() - minX, b.y() - minY}).as("%s of %d nodes", n.id(), m.size())
                        .containsExactly(e[0], e[1]);
            }
        }
    }

    @Test
    void emptyModelHasAnEmptyLayout() {
        assertThat(layout(new GraphModel(List.of()))).isEqualTo(LayoutResult.EMPTY);
    }
}
