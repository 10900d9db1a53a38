package org.vfioinspector.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.vfioinspector.core.model.PciAddress;

/**
 * The edges below one parent: the plain ones one path (a trunk down the indent and a stub to each child),
 * the ones drawn differently (dashed to folded VFs, degraded, emphasised by a selection) each a path of its own.
 */
class EdgeTrunksTest {

    private static GraphNode node(String address, String parent, NodeKind kind, boolean degraded) {
        PciAddress a = PciAddress.parse(address);
        return new GraphNode(address, kind, parent, Optional.of(a), address, "Some device", "", Glyph.STORAGE,
                OptionalInt.empty(), DriverBadge.HIDDEN_BADGE, "8 GT/s x4", degraded, List.of(a),
                kind == NodeKind.VF_GROUP ? GraphBuilder.VF_GROUP_WIDTH : GraphBuilder.FUNCTION_WIDTH,
                kind == NodeKind.VF_GROUP ? GraphBuilder.VF_GROUP_HEIGHT : GraphBuilder.FUNCTION_HEIGHT);
    }

    private static List<String> paths(GraphScene s, Highlight h) {
        SvgSurface svg = new SvgSurface(GraphTheme.LIGHT.glyphTint());
        new GraphPainter(GraphTheme.LIGHT).paint(svg, s, h, new Viewport(1, 0, 0, 4000, 4000));
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<path d=\"([^\"]*)\"").matcher(svg.document());
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static GraphScene scene(List<GraphNode> nodes) {
        GraphModel m = new GraphModel(nodes);
        LayoutResult l = new TreeLayout().layout(m);
        return new GraphScene(m, l, GroupRegions.of(m, l));
    }

    @Test
    void thePlainEdgesBelowAParentAreOneTrunk() {
        GraphScene s = scene(List.of(node("0000:00:01.0", null, NodeKind.FUNCTION, false),
                node("0000:01:00.0", "0000:00:01.0", NodeKind.FUNCTION, false),
                node("0000:01:00.1", "0000:00:01.0", NodeKind.FUNCTION, false),
                node("0000:01:00.2", "0000:00:01.0", NodeKind.FUNCTION, false)));

        List<String> paths = paths(s, Highlight.NONE);

        assertThat(paths).hasSize(1);
        Rect p = s.layout().boxes().get("0000:00:01.0");
        Rect last = s.layout().boxes().get("0000:01:00.2");
        String trunk = paths.get(0);
        // down from the parent to the last child, then one stub per child
        assertThat(trunk).startsWith("M" + n(p.x() + TreeLayout.INDENT / 2) + " " + n(p.maxY()) + " V" + n(last.centerY()));
        assertThat(trunk.split(" M")).hasSize(4);
        for (String id : List.of("0000:01:00.0", "0000:01:00.1", "0000:01:00.2")) {
            Rect c = s.layout().boxes().get(id);
            assertThat(trunk).contains(" M" + n(p.x() + TreeLayout.INDENT / 2) + " " + n(c.centerY()) + " H" + n(c.x()));
        }
    }

    @Test
    void degradedAndFoldedEdgesAreDrawnEachByItself() {
        GraphScene s = scene(List.of(node("0000:00:01.0", null, NodeKind.FUNCTION, false),
                node("0000:01:00.0", "0000:00:01.0", NodeKind.FUNCTION, false),
                node("0000:01:00.1", "0000:00:01.0", NodeKind.FUNCTION, true),
                node("0000:01:00.2", "0000:00:01.0", NodeKind.VF_GROUP, false)));

        List<String> paths = paths(s, Highlight.NONE);

        assertThat(paths).as("the trunk of the plain edge, the degraded one, the dashed one").hasSize(3);
        Rect plain = s.layout().boxes().get("0000:01:00.0");
        assertThat(paths.get(0)).as("the trunk ends at its only plain child, with one stub")
                .contains("V" + n(plain.centerY())).containsOnlyOnce(" M");
        GraphNode degraded = s.model().node("0000:01:00.1").orElseThrow();
        GraphNode folded = s.model().node("0000:01:00.2").orElseThrow();
        GraphNode parent = s.model().node("0000:00:01.0").orElseThrow();
        assertThat(GraphPainter.inTrunk(degraded, parent, Highlight.NONE)).isFalse();
        assertThat(GraphPainter.inTrunk(folded, parent, Highlight.NONE)).isFalse();
        assertThat(GraphPainter.inTrunk(s.model().node("0000:01:00.0").orElseThrow(), parent, Highlight.NONE)).isTrue();
    }

    private static String n(double v) {
        return SvgSurface.n(v);
    }
}
