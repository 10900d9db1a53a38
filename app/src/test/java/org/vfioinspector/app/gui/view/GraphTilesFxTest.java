package org.vfioinspector.app.gui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.app.gui.graph.GraphScene;
import org.vfioinspector.app.gui.graph.GraphTheme;
import org.vfioinspector.app.gui.graph.TreeLayout;
import org.vfioinspector.core.pciids.PciIds;

/**
 * A pan moves pixels already painted ({@link GraphTiles}) instead of painting the view again, and what it
 * shows is, pixel for pixel, what painting the panned view draws.
 */
@ExtendWith(ApplicationExtension.class)
class GraphTilesFxTest {

    private static final int W = 900;
    private static final int H = 600;

    @Start
    void start(Stage stage) {
        // the FX toolkit, for the canvases
    }

    private static GraphView view(GraphScene s) {
        GraphView v = new GraphView(GraphTheme.LIGHT);
        Pane root = new Pane(v);
        new Scene(root, W, H);
        v.resize(W, H);
        v.setScene(s, false);
        v.layout();
        return v;
    }

    private static int[] pixels(GraphView v) {
        WritableImage img = v.snapshot(new SnapshotParameters(), null);
        int[] px = new int[W * H];
        img.getPixelReader().getPixels(0, 0, W, H, PixelFormat.getIntArgbInstance(), px, 0, W);
        return px;
    }

    @Test
    void aPanShowsWhatPaintingThePannedViewDraws(@TempDir Path dir) throws Exception {
        GraphScene s = GraphScene.compute(Hosts.read(Hosts.big(dir, 512)), PciIds.empty(), Set.of(), new TreeLayout());
        WaitForAsyncUtils.asyncFx(() -> {
            for (GraphTheme theme : new GraphTheme[] {GraphTheme.LIGHT, GraphTheme.DARK}) {
                GraphView panned = view(s);
                panned.setTheme(theme);
                panned.requestLayout();
                // a drag's steps, over tile borders both ways
                int[][] steps = {{-37, -11}, {-120, -64}, {-301, 5}, {45, -190}, {-3, -2}};
                int dx = 0;
                int dy = 0;
                for (int[] st : steps) {
                    panned.panBy(st[0], st[1]);
                    dx += st[0];
                    dy += st[1];
                }
                assertThat(panned.canvasTiles().tilesPainted()).as("tiles painted while panning").isPositive();

                GraphView direct = view(s);
                direct.panBy(dx, dy);
                direct.setTheme(theme);
                direct.canvasTiles().invalidate(); // the view painted whole, through the panned viewport
                direct.redraw();
                assertThat(direct.canvasTiles().tilesPainted()).isZero();
                assertThat(direct.viewport()).isEqualTo(panned.viewport());

                int[] a = pixels(panned);
                int[] b = pixels(direct);
                // the graph's own pixels: the overview in the corner is a node of its own over them
                javafx.geometry.Bounds o = direct.overview().getBoundsInParent();
                int differ = 0;
                for (int i = 0; i < a.length; i++) {
                    boolean overview = o.contains(i % W, i / W) || o.contains(i % W + 1, i / W + 1);
                    if (a[i] != b[i] && !overview) {
                        differ++;
                    }
                }
                if (differ > 0 && System.getProperty("tiles.dump") != null) {
                    dump(a, b, System.getProperty("tiles.dump") + (theme.dark() ? "-dark" : "-light"));
                }
                assertThat(differ).as("pixels that differ from painting the panned view, " + theme.dark()).isZero();
            }
            return null;
        }).get(60, TimeUnit.SECONDS);
    }

    private static void dump(int[] a, int[] b, String prefix) {
        try {
            for (int k = 0; k < 3; k++) {
                java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(W, H,
                        java.awt.image.BufferedImage.TYPE_INT_ARGB);
                for (int i = 0; i < a.length; i++) {
                    img.setRGB(i % W, i / W, k == 0 ? a[i] : k == 1 ? b[i] : a[i] == b[i] ? 0xffffffff : 0xffff0000);
                }
                javax.imageio.ImageIO.write(img, "png", new java.io.File(prefix + "-" + k + ".png"));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aPanByAFractionOfAPixelOrAZoomPaintsTheViewWhole(@TempDir Path dir) throws Exception {
        GraphScene s = GraphScene.compute(Hosts.read(Hosts.demo(dir)), PciIds.empty(), Set.of(), new TreeLayout());
        WaitForAsyncUtils.asyncFx(() -> {
            GraphView v = view(s);
            v.panBy(-260, -170);
            assertThat(v.canvasTiles().tilesPainted()).isPositive();
            v.panBy(0.5, 0);
            assertThat(v.canvasTiles().tilesPainted()).as("a fraction of a pixel: painted whole").isZero();
            v.panBy(-300, 0);
            assertThat(v.canvasTiles().tilesPainted()).isPositive();
            v.zoom(1.1);
            assertThat(v.canvasTiles().tilesPainted()).as("zoomed: painted whole").isZero();
            return null;
        }).get(60, TimeUnit.SECONDS);
    }

    @Test
    void wheelStepsBeforeAPulseArePaintedOnceInItsLayout(@TempDir Path dir) throws Exception {
        GraphScene s = GraphScene.compute(Hosts.read(Hosts.demo(dir)), PciIds.empty(), Set.of(), new TreeLayout());
        WaitForAsyncUtils.asyncFx(() -> {
            GraphView v = view(s);
            double scale = v.viewport().scale();
            int painted = v.canvasTiles().wholePaints();
            // a quick turn of the wheel: three notches before the next pulse
            for (int i = 0; i < 3; i++) {
                javafx.event.Event.fireEvent(v.canvasTiles(), wheel(W / 2.0, H / 2.0, 40));
            }
            assertThat(v.viewport().scale()).as("every step zooms").isCloseTo(scale * Math.pow(1.0025, 120),
                    org.assertj.core.api.Assertions.within(1e-9));
            assertThat(v.canvasTiles().wholePaints()).as("nothing painted before the pulse").isEqualTo(painted);
            v.layout(); // the pulse's layout pass
            assertThat(v.canvasTiles().wholePaints()).as("painted once, at the last step's zoom").isEqualTo(painted + 1);
            assertThat(pixels(v)).isEqualTo(pixels(zoomedTo(s, v.viewport())));
            return null;
        }).get(60, TimeUnit.SECONDS);
    }

    /** A view of {@code s} painted directly through {@code target}: zoomed at the middle, then panned there. */
    private static GraphView zoomedTo(GraphScene s, org.vfioinspector.app.gui.graph.Viewport target) {
        GraphView v = view(s);
        v.zoom(target.scale() / v.viewport().scale());
        v.panBy(target.translateX() - v.viewport().translateX(), target.translateY() - v.viewport().translateY());
        return v;
    }

    private static javafx.scene.input.ScrollEvent wheel(double x, double y, double deltaY) {
        return new javafx.scene.input.ScrollEvent(javafx.scene.input.ScrollEvent.SCROLL, x, y, x, y, false, false,
                false, false, false, false, 0, deltaY, 0, deltaY, javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE,
                0, javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null);
    }
}
