package org.vfioinspector.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The canvas draws text in screen pixels, in fonts of the on-screen size to a quarter pixel: the text
 * lands where the viewport puts the graph point, as large as the zoom makes it, and the shapes drawn
 * after it are still in graph coordinates.
 */
@ExtendWith(ApplicationExtension.class)
class CanvasTextFxTest {

    @Start
    void start(Stage stage) {
        // the FX toolkit, for the canvas
    }

    /** The box around the dark pixels of the image, as {minX, minY, maxX, maxY}; null when there are none. */
    private static int[] ink(WritableImage img) {
        PixelReader r = img.getPixelReader();
        int[] box = null;
        for (int y = 0; y < (int) img.getHeight(); y++) {
            for (int x = 0; x < (int) img.getWidth(); x++) {
                if (r.getColor(x, y).getBrightness() < 0.5) {
                    box = box == null ? new int[] {x, y, x, y}
                            : new int[] {Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)};
                }
            }
        }
        return box;
    }

    private static int[] draw(Viewport v, boolean rectAfter) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Canvas c = new Canvas(v.width(), v.height());
            CanvasSurface s = new CanvasSurface(new GlyphImages("#000000")).on(c.getGraphicsContext2D());
            s.begin(v, "#FFFFFF");
            s.setFill("#000000", 1);
            if (rectAfter) {
                s.text("M", 10, 20, TextStyle.TITLE, false, DrawingSurface.Baseline.BASELINE);
                s.setFill("#FFFFFF", 1);
                // wipes the text only if it is still in graph coordinates
                s.fillRoundRect(0, 0, 100, 30, 0);
            } else {
                s.text("MMMM", 10, 20, TextStyle.TITLE, false, DrawingSurface.Baseline.BASELINE);
            }
            s.end();
            SnapshotParameters p = new SnapshotParameters();
            p.setFill(Color.WHITE);
            return ink(c.snapshot(p, null));
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void textLandsWhereTheViewportPutsItsGraphPointAndGrowsWithTheZoom() throws Exception {
        int[] one = draw(new Viewport(1, 0, 0, 400, 200), false);
        int[] two = draw(new Viewport(2, 30, 10, 400, 200), false);
        assertThat(one).isNotNull();
        assertThat(two).isNotNull();
        // graph (10, 20) is screen (10, 20) at scale 1 and (50, 50) at scale 2 moved by (30, 10)
        assertThat(one[0]).isBetween(10, 13);
        assertThat(one[3]).isBetween(19, 21);
        assertThat(two[0]).isBetween(50, 54);
        assertThat(two[3]).isBetween(49, 51);
        double w1 = one[2] - one[0];
        double w2 = two[2] - two[0];
        assertThat(w2 / w1).as("twice the zoom, twice the width").isBetween(1.8, 2.2);
    }

    @Test
    void shapesAfterTextAreStillInGraphCoordinates() throws Exception {
        assertThat(draw(new Viewport(2, 30, 10, 400, 200), true)).as("the rectangle covered the text").isNull();
    }

    @Test
    void fontsAreTheScreenSizeToAQuarterPixelAndMadeOncePerSize() throws Exception {
        assertThat(CanvasSurface.screenSize(TextStyle.TITLE, 11 / 12.0)).isEqualTo(11);
        assertThat(CanvasSurface.screenSize(TextStyle.TITLE, 0.5)).isEqualTo(6);
        assertThat(CanvasSurface.screenSize(TextStyle.BODY, 0.51)).isEqualTo(5.75); // 5.865 px
        assertThat(CanvasSurface.screenSize(TextStyle.SMALL, 0.001)).as("never under a pixel").isEqualTo(1);
        WaitForAsyncUtils.asyncFx(() -> {
            CanvasSurface s = new CanvasSurface(new GlyphImages("#000000"));
            // a wheel zoom's scales between two quarter pixels share one font
            assertThat(s.screenFont(TextStyle.TITLE, 1.0)).isSameAs(s.screenFont(TextStyle.TITLE, 1.005));
            assertThat(s.screenFont(TextStyle.TITLE, 1.0).getSize()).isEqualTo(12);
            assertThat(s.screenFont(TextStyle.TITLE, 1.05).getSize()).isEqualTo(12.5);
            return null;
        }).get(10, TimeUnit.SECONDS);
    }
}
