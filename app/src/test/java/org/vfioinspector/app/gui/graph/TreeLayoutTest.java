package org.vfioinspector.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.core.pciids.PciIds;

class TreeLayoutTest {

    static GraphModel big;
    static LayoutResult bigLayout;
    static GraphModel demo;
    static LayoutResult demoLayout;

    @BeforeAll
    static void layOut(@TempDir Path dir) {
        big = GraphBuilder.build(Hosts.read(Hosts.big(dir, 1024)), PciIds.empty(), Set.of());
        bigLayout = new TreeLayout().layout(big);
        demo = GraphBuilder.build(Hosts.read(Hosts.sharedDemo()), PciIds.empty(), Set.of());
        demoLayout = new TreeLayout().layout(demo);
    }

    static void noOverlaps(LayoutResult l) {
        List<Rect> boxes = new ArrayList<>(l.boxes().values());
        boxes.sort(Comparator.comparingDouble(Rect::x));
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size() && boxes.get(j).x() < boxes.get(i).maxX(); j++) {
                assertThat(boxes.get(i).intersects(boxes.get(j))).as(boxes.get(i) + " and " + boxes.get(j)).isFalse();
            }
        }
    }

    /** The boxes that share area with r. */
    private static long hits(LayoutResult l, Rect r) {
        return l.boxes().values().stream().filter(r::intersects).count();
    }

    @Test
    void aParentSitsAtTheTopLeftOfItsChildrenWhichAreIndentedBelowIt() {
        for (var c : List.of(Map.entry(big, bigLayout), Map.entry(demo, demoLayout))) {
            GraphModel m = c.getKey();
            LayoutResult l = c.getValue();
            for (GraphNode p : m.nodes()) {
                List<GraphNode> kids = m.children(p.id()).stream().filter(k -> !l.lanes().containsKey(k.id())).toList();
                Rect pb = l.boxes().get(p.id());
                for (int i = 0; i < kids.size(); i++) {
                    Rect cb = l.boxes().get(kids.get(i).id());
                    assertThat(cb.x()).as(kids.get(i).id()).isEqualTo(pb.x() + TreeLayout.INDENT);
                    assertThat(cb.y()).isGreaterThan(pb.maxY());
                    if (i == 0 && !l.lanes().containsKey(m.children(p.id()).get(0).id())) {
                        assertThat(cb.y()).as("the first child on the next row").isEqualTo(pb.maxY() + TreeLayout.ROW_GAP);
                    }
                    // the edge runs down the indent: nothing lies on its way
                    double x = pb.x() + TreeLayout.INDENT / 2;
                    assertThat(hits(l, new Rect(x - 1, pb.maxY(), 2, cb.centerY() - pb.maxY())))
                            .as("the trunk from %s to %s", p.id(), kids.get(i).id()).isZero();
                }
            }
            noOverlaps(l);
        }
    }

    @Test
    void aBigHostIsFoldedIntoColumnsOfAboutTheShapeOfAWindow() {
        double aspect = bigLayout.bounds().width() / bigLayout.bounds().height();
        assertThat(aspect).isBetween(TreeLayout.ASPECT / 2, TreeLayout.ASPECT * 2);
        assertThat(bigLayout.boxes().keySet()).hasSize(big.size());
        long columns = bigLayout.boxes().values().stream().map(Rect::y).filter(y -> y == bigLayout.boxes().values()
                .stream().mapToDouble(Rect::y).min().orElseThrow()).count();
        assertThat(columns).as("columns").isGreaterThan(5);
        for (GraphNode n : big.nodes()) {
            Rect r = bigLayout.boxes().get(n.id());
            assertThat(bigLayout.bounds().contains(r.x(), r.y()) && bigLayout.bounds().contains(r.maxX(), r.maxY()))
                    .as(n.id()).isTrue();
        }
    }

    @Test
    void aNodeInALaterColumnThanItsParentIsASubtreeBelowADomainReachedAlongAFreeLane() {
        assertThat(bigLayout.lanes()).isNotEmpty();
        double top = bigLayout.boxes().values().stream().mapToDouble(Rect::y).min().orElseThrow();
        bigLayout.lanes().forEach((id, lane) -> {
            GraphNode n = big.node(id).orElseThrow();
            GraphNode p = big.parent(n).orElseThrow();
            assertThat(p.kind()).as("columns break only below a domain or root bus").isIn(NodeKind.DOMAIN,
                    NodeKind.ROOT_BUS);
            Rect pb = bigLayout.boxes().get(p.id());
            Rect cb = bigLayout.boxes().get(id);
            assertThat(lane.y()).isLessThan(top);
            assertThat(lane.exitX()).isBetween(pb.maxX(), cb.x());
            // right along the parent's row, up the gap after its column, down the child's indent: all free
            assertThat(hits(bigLayout, new Rect(pb.maxX() + 1, pb.centerY() - 1, lane.exitX() - pb.maxX() - 1, 2))).isZero();
            assertThat(hits(bigLayout, new Rect(lane.exitX() - 1, lane.y(), 2, pb.centerY() - lane.y()))).isZero();
            double xd = cb.x() - TreeLayout.INDENT / 2;
            assertThat(hits(bigLayout, new Rect(xd - 1, lane.y(), 2, cb.centerY() - lane.y()))).isZero();
        });
    }

    @Test
    void rowsKeepTheTreesOrder() {
        // within a column the rows are the model's depth-first order: parents before children, by address
        GraphNode prev = null;
        for (GraphNode n : demo.nodes()) {
            Rect r = demoLayout.boxes().get(n.id());
            if (prev != null) {
                Rect pr = demoLayout.boxes().get(prev.id());
                assertThat(r.y() > pr.y() || r.x() > pr.maxX()).as(n.id() + " after " + prev.id()).isTrue();
            }
            prev = n;
        }
    }

    @Test
    void aRootBusWithManyIntegratedFunctionsIsFoldedIntoReadableColumns() {
        // like the two-socket server capture: ~140 functions straight on the root bus
        List<GraphNode> nodes = new ArrayList<>();
        nodes.add(new GraphNode("dom", NodeKind.DOMAIN, null, Optional.empty(), "Domain 0000", "", "", Glyph.BRIDGE,
                OptionalInt.empty(), DriverBadge.HIDDEN_BADGE, "", false, List.of(), GraphBuilder.DOMAIN_WIDTH,
                GraphBuilder.DOMAIN_HEIGHT));
        for (int i = 0; i < 140; i++) {
            nodes.add(new GraphNode("f" + i, NodeKind.FUNCTION, "dom", Optional.empty(), "f" + i, "", "", Glyph.SYSTEM,
                    OptionalInt.of(i), DriverBadge.HIDDEN_BADGE, "", false, List.of(), GraphBuilder.FUNCTION_WIDTH,
                    GraphBuilder.FUNCTION_HEIGHT));
        }
        GraphModel m = new GraphModel(nodes);
        LayoutResult l = new TreeLayout().layout(m);

        long columns = l.boxes().values().stream().map(Rect::x).distinct().count();
        assertThat(columns).isGreaterThanOrEqualTo(5);
        noOverlaps(l);
        // Fit in a 1280x800 window's graph pane is readable text
        Viewport v = Viewport.fit(l.bounds(), 900, 520, 0.002, 1);
        assertThat(GraphPainter.detail(v.scale())).isNotEqualTo(GraphPainter.Detail.BOXES);
        // every function outside the domain's own column reaches it along the lane
        for (GraphNode n : m.nodes()) {
            boolean laterColumn = l.boxes().get(n.id()).x() > l.boxes().get("f0").x();
            assertThat(l.lanes().containsKey(n.id())).as(n.id()).isEqualTo(laterColumn);
        }
    }

    @Test
    void anEmptyGraphHasNoBoxes() {
        assertThat(new TreeLayout().layout(new GraphModel(List.of()))).isSameAs(LayoutResult.EMPTY);
    }
}
