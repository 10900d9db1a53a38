package org.vfioinspector.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;

class ColumnWrapTest {

    private static void noOverlaps(LayoutResult l) {
        List<Rect> boxes = new ArrayList<>(l.boxes().values());
        boxes.sort(java.util.Comparator.comparingDouble(Rect::x));
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size() && boxes.get(j).x() < boxes.get(i).maxX(); j++) {
                assertThat(boxes.get(i).intersects(boxes.get(j))).as(boxes.get(i) + " and " + boxes.get(j)).isFalse();
            }
        }
    }

    @Test
    void aTallHostIsFoldedToAboutTheShapeOfAWindow() {
        Topology big = Hosts.read(Hosts.big(Hosts.tempDir("vfio-wrap-"), 1024));
        GraphModel m = GraphBuilder.build(big, PciIds.empty(), Set.of());
        LayoutResult tree = new ElkTreeLayout().layout(m);
        assertThat(tree.bounds().height() / tree.bounds().width()).as("the tree alone is a sliver").isGreaterThan(4);

        LayoutResult wrapped = ColumnWrap.wrap(m, tree);

        double aspect = wrapped.bounds().width() / wrapped.bounds().height();
        assertThat(aspect).isBetween(ColumnWrap.ASPECT / 2, ColumnWrap.ASPECT * 2);
        assertThat(wrapped.boxes().keySet()).isEqualTo(tree.boxes().keySet());
        noOverlaps(wrapped);
        for (GraphNode n : m.nodes()) {
            Rect r = wrapped.boxes().get(n.id());
            assertThat(r.width()).isEqualTo(n.width());
            assertThat(wrapped.bounds().contains(r.x(), r.y()) && wrapped.bounds().contains(r.maxX(), r.maxY()))
                    .as(n.id()).isTrue();
            // children stay to the right of their parent, at the same offset within their subtree
            m.parent(n).filter(p -> p.kind() == NodeKind.FUNCTION).ifPresent(p -> {
                Rect pr = wrapped.boxes().get(p.id());
                Rect tp = tree.boxes().get(p.id());
                Rect tn = tree.boxes().get(n.id());
                assertThat(r.x() - pr.x()).isEqualTo(tn.x() - tp.x());
                assertThat(r.y() - pr.y()).isEqualTo(tn.y() - tp.y());
            });
        }
        assertThat(wrapped.lanes()).as("subtrees in later columns reach their root bus along the lane").isNotEmpty();
    }

    @Test
    void aSmallHostKeepsItsTree() {
        Topology demo = Hosts.read(Hosts.sharedDemo());
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of());
        LayoutResult tree = new ElkTreeLayout().layout(m);

        assertThat(ColumnWrap.wrap(m, tree)).isSameAs(tree);
    }

    @Test
    void aRootBusWithManyIntegratedFunctionsIsNoLongerOneColumn() {
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
        LayoutResult wrapped = ColumnWrap.wrap(m, new ElkTreeLayout().layout(m));

        long columns = wrapped.boxes().entrySet().stream().filter(e -> !e.getKey().equals("dom"))
                .map(e -> e.getValue().x()).distinct().count();
        assertThat(columns).isGreaterThanOrEqualTo(5);
        noOverlaps(wrapped);
        // at the starting zoom rule's fit of a 1280x800 window's graph pane this is readable text
        Viewport v = Viewport.fit(wrapped.bounds(), 900, 520, 0.002, 1);
        assertThat(GraphPainter.detail(v.scale())).isNotEqualTo(GraphPainter.Detail.BOXES);
        assertThat(Map.copyOf(wrapped.lanes())).isNotEmpty();
    }
}
