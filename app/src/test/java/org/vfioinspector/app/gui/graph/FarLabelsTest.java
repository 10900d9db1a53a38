package org.vfioinspector.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.pciids.PciIds;

/**
 * Furthest out ({@link GraphPainter.Detail#BOXES}) a Fit of a big host is not a field of blank colour boxes:
 * the painter writes each group's number on its region in type of a fixed screen size, and short names
 * where a box has room, and never two labels over one another.
 */
class FarLabelsTest {

    /** One text the painter drew, with where its middle (or left end) is on the screen and its size there. */
    record Label(String text, double x, double y, double width, double px, boolean centered) {

        double left() {
            return centered ? x - width / 2 : x;
        }

        boolean overlaps(Label o) {
            return left() < o.left() + o.width && o.left() < left() + width
                    && y - px / 2 < o.y + o.px / 2 && o.y - o.px / 2 < y + px / 2;
        }
    }

    /** Records the text a frame draws, in screen pixels; everything else is dropped. Widths as the SVG estimates them. */
    static final class TextRecorder implements DrawingSurface {
        final List<Label> labels = new ArrayList<>();
        final List<Label> graphText = new ArrayList<>();
        private Viewport v;

        @Override
        public void begin(Viewport viewport, String background) {
            v = viewport;
        }

        @Override
        public void screenText(String s, double x, double y, TextStyle style, boolean centered) {
            labels.add(new Label(s, x * v.scale() + v.translateX(), y * v.scale() + v.translateY(),
                    width(s, style), style.size(), centered));
        }

        @Override
        public void text(String s, double x, double y, TextStyle style, boolean centered, Baseline baseline) {
            graphText.add(new Label(s, x * v.scale() + v.translateX(), y * v.scale() + v.translateY(),
                    width(s, style) * v.scale(), style.size() * v.scale(), centered));
        }

        /** The SVG export's estimates of text widths. */
        private final SvgSurface measure = new SvgSurface(GraphTheme.LIGHT.glyphTint());

        @Override public double width(String s, TextStyle style) { return measure.width(s, style); }
        @Override public String fit(String s, TextStyle style, double max) { return measure.fit(s, style, max); }

        // @formatter:off
        @Override public void end() { }
        @Override public void beginLayer(String name) { }
        @Override public void beginRegion(int group, double alpha) { }
        @Override public void beginNode(GraphNode n, double alpha) { }
        @Override public void endGroup() { }
        @Override public void setAlpha(double alpha) { }
        @Override public void setFill(String color, double opacity) { }
        @Override public void setStroke(String color, double width, double[] dashes) { }
        @Override public void fillRoundRect(double x, double y, double w, double h, double arc) { }
        @Override public void strokeRoundRect(double x, double y, double w, double h, double arc) { }
        @Override public void beginPath(double x, double y) { }
        @Override public void lineTo(double x, double y) { }
        @Override public void moveTo(double x, double y) { }
        @Override public void strokePath() { }
        @Override public void glyph(Glyph g, double x, double y, double size) { }
        // @formatter:on
    }

    private static TextRecorder paint(GraphScene s, Viewport v) {
        TextRecorder r = new TextRecorder();
        new GraphPainter(GraphTheme.LIGHT).paint(r, s, Highlight.NONE, v);
        return r;
    }

    private static void assertNoneOverlap(List<Label> labels) {
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                assertThat(labels.get(i).overlaps(labels.get(j)))
                        .as("%s and %s overlap", labels.get(i), labels.get(j)).isFalse();
            }
        }
    }

    @Test
    void fitOfTheGeneratedFourThousandFunctionHostShowsGroupNumbersThatDoNotOverlap() throws IOException {
        Path dir = Files.isDirectory(Path.of("/dev/shm"))
                ? Files.createTempDirectory(Path.of("/dev/shm"), "vfio-far-") : Hosts.tempDir("vfio-far-");
        try {
            GraphScene s = GraphScene.compute(Hosts.read(Hosts.big(dir, 4096)), PciIds.empty(), Set.of(),
                    new TreeLayout());
            // the graph pane of a 1600x1000 window, and a whole 1600x1000 screen
            for (double[] size : new double[][] {{1354, 717}, {1600, 1000}}) {
                Viewport v = Viewport.fit(s.layout().bounds(), size[0], size[1], 0.002, 1);
                assertThat(GraphPainter.detail(v.scale())).isEqualTo(GraphPainter.Detail.BOXES);
                TextRecorder r = paint(s, v);

                List<Label> numbers = r.labels.stream().filter(l -> l.text().matches("G\\d+")).toList();
                System.out.printf("big:4096 Fit %.0fx%.0f (scale %.3f): %d group numbers of %d groups, %d labels%n",
                        size[0], size[1], v.scale(), numbers.size(), s.regions().size(), r.labels.size());
                assertThat(numbers.size()).as("group numbers at Fit").isGreaterThanOrEqualTo(200);
                assertThat(r.labels).allSatisfy(l -> assertThat(l.px()).isGreaterThanOrEqualTo(10));
                assertThat(r.graphText).as("no text at the zoom's size, which would be a few pixels").isEmpty();
                assertNoneOverlap(r.labels);
                // each number sits on its own group's region, on the screen
                Map<Integer, GroupRegion> regions = new java.util.HashMap<>();
                s.regions().forEach(g -> regions.put(g.group(), g));
                for (Label l : numbers) {
                    GroupRegion g = regions.get(Integer.parseInt(l.text().substring(1)));
                    assertThat(g).isNotNull();
                    double gx = v.toGraphX(l.x());
                    double gy = v.toGraphY(l.y());
                    assertThat(g.boxes()).anySatisfy(b -> assertThat(b.contains(gx, gy)).isTrue());
                    assertThat(l.x()).isBetween(0.0, size[0]);
                    assertThat(l.y()).isBetween(0.0, size[1]);
                }
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static GraphNode fn(int i, OptionalInt group) {
        PciAddress a = PciAddress.parse(String.format("0000:%02x:%02x.%d", i / 256, (i / 8) % 32, i % 8));
        return new GraphNode(GraphBuilder.functionId(a), NodeKind.FUNCTION, null, Optional.of(a), a.toString(),
                "Some device", "Mass storage controller", Glyph.STORAGE, group,
                new DriverBadge(DriverBadge.Kind.HOST, "nvme"), "", false, List.of(a), GraphBuilder.FUNCTION_WIDTH,
                GraphBuilder.FUNCTION_HEIGHT);
    }

    /** {@code n} functions in columns of {@code rows}, in groups of {@code perGroup} (none when 0). */
    private static GraphScene grid(int n, int rows, int perGroup) {
        List<GraphNode> nodes = new ArrayList<>();
        Map<String, Rect> boxes = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            GraphNode f = fn(i, perGroup > 0 ? OptionalInt.of(i / perGroup) : OptionalInt.empty());
            nodes.add(f);
            boxes.put(f.id(), new Rect(24 + (i / rows) * (f.width() + 40), 24 + (i % rows) * (f.height() + 20), f.width(),
                    f.height()));
        }
        GraphModel m = new GraphModel(nodes);
        LayoutResult l = new LayoutResult(boxes, new Rect(0, 0, (n / rows + 1) * (GraphBuilder.FUNCTION_WIDTH + 40) + 48,
                rows * (GraphBuilder.FUNCTION_HEIGHT + 20) + 48));
        return new GraphScene(m, l, GroupRegions.of(m, l));
    }

    @Test
    void aGroupOfSeveralFunctionsGetsItsNumberOnceInTheMiddleOfItsRegion() {
        GraphScene s = grid(90, 30, 3);
        // columns 32 px apart: room for "G29" beside "G19"
        Viewport v = new Viewport(0.12, 0, 0, 1600, 1000);
        assertThat(GraphPainter.detail(0.12)).isEqualTo(GraphPainter.Detail.BOXES);
        TextRecorder r = paint(s, v);
        List<String> texts = r.labels.stream().map(Label::text).toList();
        assertThat(texts).doesNotHaveDuplicates().contains("G0", "G29");
        assertThat(texts).hasSize(30);
        assertNoneOverlap(r.labels);
        Label g0 = r.labels.stream().filter(l -> l.text().equals("G0")).findFirst().orElseThrow();
        Rect region = s.regions().get(0).boxes().get(0);
        assertThat(g0.y()).isCloseTo(region.centerY() * 0.12, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void boxesWithRoomCarryTheirShortNameFurthestOut() {
        // more nodes in view than the numbers level may label: boxes, 46x12 px each, room for "nvme"
        GraphScene s = grid(GraphPainter.NUMBERS_TEXT_BUDGET + 700, 60, 0);
        Viewport v = new Viewport(0.2, 0, 0, 1600, 1000);
        assertThat(GraphPainter.detail(0.2)).isEqualTo(GraphPainter.Detail.NUMBERS);
        TextRecorder r = paint(s, v);
        assertThat(r.labels).isNotEmpty().allSatisfy(l -> {
            assertThat(l.text()).isEqualTo("nvme");
            assertThat(l.px()).isGreaterThanOrEqualTo(10);
        });
        assertNoneOverlap(r.labels);
        // too small a box for its name: none
        assertThat(paint(s, new Viewport(0.1, 0, 0, 1600, 1000)).labels).isEmpty();
    }

    @Test
    void theSvgOfAFarOutViewWritesTheNumbersAtTheirScreenSize() {
        SvgSurface svg = new SvgSurface(GraphTheme.LIGHT.glyphTint());
        new GraphPainter(GraphTheme.LIGHT).paint(svg, grid(3, 30, 3), Highlight.NONE, new Viewport(0.05, 0, 0, 400, 400));
        // 11 px on the screen is 220 graph units at scale 0.05
        assertThat(svg.document()).contains("font-size=\"220\" font-weight=\"bold\"").contains(">G0</text>");
    }
}
