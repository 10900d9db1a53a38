package org.vfioinspector.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.vfioinspector.core.model.PciAddress;

class GraphPainterTest {

    private static GraphNode fn(String address, OptionalInt group, DriverBadge badge) {
        return new GraphNode(GraphBuilder.functionId(PciAddress.parse(address)), NodeKind.FUNCTION, null,
                Optional.of(PciAddress.parse(address)), address, "Some device", "Mass storage controller", Glyph.STORAGE,
                group, badge, "", false, List.of(PciAddress.parse(address)), GraphBuilder.FUNCTION_WIDTH,
                GraphBuilder.FUNCTION_HEIGHT);
    }

    private static GraphScene column(List<GraphNode> nodes) {
        Map<String, Rect> boxes = new java.util.HashMap<>();
        double y = 24;
        for (GraphNode n : nodes) {
            boxes.put(n.id(), new Rect(24, y, n.width(), n.height()));
            y += n.height() + TreeLayout.ROW_GAP;
        }
        GraphModel m = new GraphModel(nodes);
        LayoutResult l = new LayoutResult(boxes, new Rect(0, 0, 24 + GraphBuilder.FUNCTION_WIDTH + 24, y + 24));
        return new GraphScene(m, l, GroupRegions.of(m, l));
    }

    private static String svg(GraphScene s, double scale) {
        SvgSurface svg = new SvgSurface(GraphTheme.LIGHT.glyphTint());
        new GraphPainter(GraphTheme.LIGHT).paint(svg, s, Highlight.NONE, new Viewport(scale, 0, 0, 4000, 4000));
        return svg.document();
    }

    /** The text of every {@code <text>} element with its x and font size. */
    private static List<String[]> texts(String svg) {
        List<String[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("<text x=\"([0-9.]+)\" y=\"[0-9.-]+\" font-size=\"([0-9.]+)\"[^>]*>([^<]*)</text>")
                .matcher(svg);
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2), m.group(3)});
        }
        return out;
    }

    @Test
    void theAddressIsNeverCutByALongDriverBadge() {
        // a ten-digit domain and a long driver name: today's 90 px pill left the address "10000:8…"
        String address = "10000:81:00.0";
        GraphScene s = column(List.of(fn(address, OptionalInt.of(3),
                new DriverBadge(DriverBadge.Kind.HOST, "mpt3sas_extremely_long_driver"))));

        String doc = svg(s, 1);
        List<String[]> t = texts(doc);
        assertThat(t).extracting(a -> a[2]).contains(address);
        String[] title = t.stream().filter(a -> a[2].equals(address)).findFirst().orElseThrow();
        double titleEnd = Double.parseDouble(title[0]) + SvgText.estimate(address, TextStyle.TITLE.size());
        // the driver pill (shortened) starts right of where the address ends
        for (String[] a : t) {
            if (a[2].startsWith("mpt3")) {
                assertThat(Double.parseDouble(a[0])).isGreaterThan(titleEnd);
                assertThat(a[2]).endsWith("…");
            }
        }
    }

    @Test
    void levelsOfDetailFollowTheScale() {
        assertThat(GraphPainter.detail(1)).isEqualTo(GraphPainter.Detail.FULL);
        assertThat(GraphPainter.detail(Viewport.READABLE_SCALE)).isEqualTo(GraphPainter.Detail.FULL);
        assertThat(GraphPainter.detail(0.45)).isEqualTo(GraphPainter.Detail.SIMPLE);
        assertThat(GraphPainter.detail(0.3)).isEqualTo(GraphPainter.Detail.SIMPLE_BIG);
        assertThat(GraphPainter.detail(0.19)).isEqualTo(GraphPainter.Detail.NUMBERS);
        assertThat(GraphPainter.detail(0.05)).isEqualTo(GraphPainter.Detail.BOXES);
        // each simplified level writes text of at least the minimum size on screen
        assertThat(0.45 * TextStyle.LOD.size()).isGreaterThanOrEqualTo(GraphPainter.MIN_TEXT_PIXELS);
        assertThat(0.3 * TextStyle.LOD_BIG.size()).isGreaterThanOrEqualTo(GraphPainter.MIN_TEXT_PIXELS);
    }

    @Test
    void zoomedOutNodesShowTheirGroupAndShortNameInLargeType() {
        GraphScene s = column(List.of(fn("0000:02:00.0", OptionalInt.of(12),
                new DriverBadge(DriverBadge.Kind.HOST, "nvme"))));

        List<String[]> t = texts(svg(s, 0.4));

        assertThat(t).extracting(a -> a[2]).contains("G12 nvme", "02:00.0");
        assertThat(t).allSatisfy(a -> assertThat(Double.parseDouble(a[1]) * 0.4)
                .isGreaterThanOrEqualTo(GraphPainter.MIN_TEXT_PIXELS));
    }

    @Test
    void furtherOutOneLineNamesTheGroupAndTheDriverElseTheShortAddress() {
        GraphScene s = column(List.of(
                fn("0000:02:00.0", OptionalInt.of(12), new DriverBadge(DriverBadge.Kind.HOST, "nvme")),
                fn("0000:03:00.0", OptionalInt.of(7), new DriverBadge(DriverBadge.Kind.NONE, "no driver"))));

        List<String[]> t = texts(svg(s, 0.3));

        assertThat(t).extracting(a -> a[2]).containsExactlyInAnyOrder("G12 nvme", "G7 03:00.0");
        assertThat(t).allSatisfy(a -> assertThat(Double.parseDouble(a[1]) * 0.3)
                .isGreaterThanOrEqualTo(GraphPainter.MIN_TEXT_PIXELS));
    }

    @Test
    void furthestOutTheGroupNumberStillReads() {
        GraphScene s = column(List.of(fn("0000:02:00.0", OptionalInt.of(12),
                new DriverBadge(DriverBadge.Kind.HOST, "nvme"))));

        List<String[]> t = texts(svg(s, 0.19));

        assertThat(t).extracting(a -> a[2]).containsExactly("G12");
        assertThat(Double.parseDouble(t.get(0)[1]) * 0.19).isGreaterThanOrEqualTo(GraphPainter.MIN_TEXT_PIXELS);
    }

    /** {@code n} functions in a grid of 40 columns, all in view at scale 0.16. */
    private static GraphScene grid(int n) {
        List<GraphNode> nodes = new ArrayList<>();
        Map<String, Rect> boxes = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            GraphNode f = fn(String.format("0000:%02x:%02x.%d", i / 256, (i / 8) % 32, i % 8), OptionalInt.of(i),
                    new DriverBadge(DriverBadge.Kind.HOST, "nvme"));
            nodes.add(f);
            boxes.put(f.id(), new Rect(24 + (i % 40) * (f.width() + 40), 24 + (i / 40) * (f.height() + 20), f.width(),
                    f.height()));
        }
        GraphModel m = new GraphModel(nodes);
        LayoutResult l = new LayoutResult(boxes, new Rect(0, 0, 40 * (GraphBuilder.FUNCTION_WIDTH + 40) + 48,
                (n / 40 + 1) * (GraphBuilder.FUNCTION_HEIGHT + 20) + 48));
        return new GraphScene(m, l, GroupRegions.of(m, l));
    }

    /**
     * Thousands of 7-px numbers at once cost the software renderer two thirds of its frame rate (a 4,096-function
     * host at Fit): past the budget the numbers level draws boxes; a few hundred nodes keep their numbers.
     */
    @Test
    void aFarOutViewOfThousandsOfNodesDrawsBoxesNotThousandsOfNumbers() {
        assertThat(texts(svg(grid(400), 0.16))).hasSize(400);
        // past it, only the group numbers in screen-size type that do not overlap (FarLabelsTest)
        List<String[]> far = texts(svg(grid(GraphPainter.NUMBERS_TEXT_BUDGET + 40), 0.16));
        assertThat(far).hasSizeLessThan(GraphPainter.NUMBERS_TEXT_BUDGET)
                .allSatisfy(a -> assertThat(Double.parseDouble(a[1]) * 0.16).isEqualTo(TextStyle.FAR.size(),
                        org.assertj.core.data.Offset.offset(0.1)));
    }

    /** A Fit of the two-socket server capture on a 1280×800 screen (scale ≈ 0.16) still names every box. */
    @Test
    void atTheServersFitOnASmallScreenTheNumbersStayReadable() {
        assertThat(GraphPainter.detail(0.16)).isEqualTo(GraphPainter.Detail.NUMBERS);
        GraphScene s = column(List.of(fn("0000:02:00.0", OptionalInt.of(12),
                new DriverBadge(DriverBadge.Kind.HOST, "nvme"))));
        List<String[]> t = texts(svg(s, 0.16));
        assertThat(t).extracting(a -> a[2]).containsExactly("G12");
        assertThat(Double.parseDouble(t.get(0)[1]) * 0.16).isGreaterThanOrEqualTo(GraphPainter.MIN_NUMBER_PIXELS);
    }

    @Test
    void aHostWithoutGroupsIsNotBlankWhenZoomedFarOut() {
        // no IOMMU groups, so no regions: at Fit the old minimap drew regions only, an empty canvas
        List<GraphNode> nodes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            nodes.add(fn(String.format("0000:%02x:00.0", i), OptionalInt.empty(), DriverBadge.HIDDEN_BADGE));
        }
        GraphScene s = column(nodes);
        assertThat(s.regions()).isEmpty();

        String doc = svg(s, 0.03);
        String nodesLayer = doc.substring(doc.indexOf("class=\"nodes\""));
        assertThat(count(nodesLayer, "<rect")).isGreaterThanOrEqualTo(40);
    }

    @Test
    void consequenceMarksAreDrawnOnTheNodeBeforeAnythingIsSelected() {
        GraphNode disk = fn("0000:02:00.0", OptionalInt.of(12), new DriverBadge(DriverBadge.Kind.HOST, "nvme"));
        GraphNode nic = fn("0000:03:00.0", OptionalInt.of(13), new DriverBadge(DriverBadge.Kind.HOST, "igb"));
        GraphScene s = column(List.of(disk, nic)).withMarks(new ConsequenceMarks(Map.of(
                PciAddress.parse("0000:02:00.0"), List.of(ConsequenceMarks.Mark.ROOT_DISK),
                PciAddress.parse("0000:03:00.0"), List.of(ConsequenceMarks.Mark.ROUTE_UNKNOWN))));

        String doc = svg(s, 1);

        assertThat(texts(doc)).extracting(a -> a[2]).contains(ConsequenceMarks.Mark.ROOT_DISK.label(),
                ConsequenceMarks.Mark.ROUTE_UNKNOWN.label());
        assertThat(texts(svg(column(List.of(disk, nic)), 1))).extracting(a -> a[2])
                .doesNotContain(ConsequenceMarks.Mark.ROOT_DISK.label());
    }

    /** A folded group of VFs as GraphBuilder makes it: "32 VFs", "click to expand", the drivers. */
    private static GraphNode vfGroup(String pf, int vfs) {
        List<PciAddress> members = new ArrayList<>();
        for (int i = 0; i < vfs; i++) {
            members.add(PciAddress.parse(String.format("0000:ff:%02x.%d", i / 8, i % 8)));
        }
        return new GraphNode(GraphBuilder.vfGroupId(PciAddress.parse(pf)), NodeKind.VF_GROUP, null,
                Optional.of(PciAddress.parse(pf)), vfs + " VFs", "click to expand", "11 vfio-pci, 21 host", Glyph.VF,
                OptionalInt.empty(), new DriverBadge(DriverBadge.Kind.HOST, "iavf"), "", false, members,
                GraphBuilder.VF_GROUP_WIDTH, GraphBuilder.VF_GROUP_HEIGHT);
    }

    /** Where a text of the SVG is: its x range (estimated width) and its y range (a pill's for a mark's label). */
    private record Placed(String text, double left, double right, double top, double bottom) {
        boolean overlaps(Placed o) {
            return left < o.right && o.left < right && top < o.bottom && o.top < bottom;
        }
    }

    private static List<Placed> placed(String svg) {
        List<String> markLabels = java.util.Arrays.stream(ConsequenceMarks.Mark.values())
                .map(ConsequenceMarks.Mark::label).toList();
        List<Placed> out = new ArrayList<>();
        Matcher m = Pattern.compile("<text x=\"([0-9.]+)\" y=\"([0-9.-]+)\" font-size=\"([0-9.]+)\"[^>]*>([^<]*)</text>")
                .matcher(svg);
        while (m.find()) {
            double x = Double.parseDouble(m.group(1));
            double y = Double.parseDouble(m.group(2));
            double size = Double.parseDouble(m.group(3));
            String t = m.group(4);
            double w = SvgText.estimate(t, size);
            if (markLabels.contains(t)) {
                // the pill around it: 14 px high, its text centred (y is the baseline: centre + 0.35 size)
                double top = y - size * 0.35 - 7.5;
                out.add(new Placed(t, x - 5, x + w + 5, top, top + 14));
            } else {
                out.add(new Placed(t, x, x + w, y - size * 0.8, y + size * 0.2));
            }
        }
        return out;
    }

    /** A VF group with a consequence mark ("route ?") drew the pill across its "click to expand" line. */
    @Test
    void aFoldedVfGroupsMarkDoesNotCoverItsText() {
        GraphNode vfs = vfGroup("0000:fe:00.0", 32);
        GraphNode disk = fn("0000:02:00.0", OptionalInt.of(12), new DriverBadge(DriverBadge.Kind.HOST, "nvme"));
        Map<PciAddress, List<ConsequenceMarks.Mark>> marks = new java.util.HashMap<>();
        vfs.members().forEach(a -> marks.put(a, List.of(ConsequenceMarks.Mark.ROUTE_UNKNOWN)));
        marks.put(PciAddress.parse("0000:02:00.0"), List.of(ConsequenceMarks.Mark.ROOT_DISK, ConsequenceMarks.Mark.MOUNTED));
        GraphScene s = column(List.of(vfs, disk)).withMarks(new ConsequenceMarks(marks));

        List<Placed> t = placed(svg(s, 1));

        assertThat(t).extracting(Placed::text).contains("32 VFs", "click to expand",
                ConsequenceMarks.Mark.ROUTE_UNKNOWN.label(), ConsequenceMarks.Mark.ROOT_DISK.label());
        for (int i = 0; i < t.size(); i++) {
            for (int j = i + 1; j < t.size(); j++) {
                assertThat(t.get(i).overlaps(t.get(j))).as("%s and %s", t.get(i), t.get(j)).isFalse();
            }
        }
        // and everything stays inside its node
        Rect box = s.layout().boxes().get(vfs.id());
        assertThat(t).filteredOn(p -> p.top() < box.maxY() + TreeLayout.ROW_GAP / 2)
                .allSatisfy(p -> assertThat(p.bottom()).isLessThanOrEqualTo(box.maxY()));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
