package org.vfioinspector.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vfioinspector.app.gui.graph.TreeLayout;
import org.vfioinspector.app.gui.graph.Rect;
import org.vfioinspector.app.gui.graph.TextStyle;
import org.vfioinspector.app.gui.graph.Viewport;
import org.vfioinspector.app.gui.view.GraphView;
import org.vfioinspector.app.gui.view.MainView;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.core.real.RealFixtures;

/**
 * The graph readable on any host, in the real window: every host opens at the one starting zoom
 * (titles of 11 px and more, the graph's top-left in view), and Fit on the two-socket server capture
 * (137 functions, no IOMMU groups) draws the functions instead of an empty canvas.
 */
@ExtendWith(ApplicationExtension.class)
class GraphReadabilityFxTest {

    private MainViewModel model;
    private MainView view;

    @Start
    void start(Stage stage) {
        model = new MainViewModel(new FxBackground(), new TreeLayout());
        view = TestWindow.show(stage, model);
    }

    @AfterEach
    void close() {
        model.close();
    }

    private void open(Path root) throws Exception {
        TestWindow.open(view, model, HostSource.of(root));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> graph().scene() == model.sceneProperty().get()
                && graph().getWidth() > 0 && graph().getHeight() > 0));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private GraphView graph() {
        return view.graph();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private void startsReadableWithItsTopLeftInView() throws Exception {
        Viewport v = fx(graph()::viewport);
        Rect bounds = fx(() -> graph().scene().layout().bounds());
        assertThat(v.scale() * TextStyle.TITLE.size()).as("title size on screen, px").isGreaterThanOrEqualTo(11);
        assertThat(v.visible().x()).isLessThanOrEqualTo(bounds.x() + 1);
        assertThat(v.visible().y()).isLessThanOrEqualTo(bounds.y() + 1);
    }

    @Test
    void theDemoOpensWithReadableTitles() throws Exception {
        open(Hosts.sharedDemo());
        startsReadableWithItsTopLeftInView();
    }

    @Test
    void aServerCaptureOpensReadableAndItsFitIsNotBlank(FxRobot robot, @TempDir Path dir) throws Exception {
        open(RealFixtures.hwlocServer(dir));
        startsReadableWithItsTopLeftInView();

        robot.interact(graph()::requestFocus);
        robot.type(KeyCode.F);
        WaitForAsyncUtils.waitForFxEvents();

        double drawn = fx(() -> {
            WritableImage img = graph().snapshot(null, null);
            PixelReader px = img.getPixelReader();
            Color bg = Color.web(graph().painter().theme().background());
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            long other = 0;
            for (int y = 0; y < h; y += 2) {
                for (int x = 0; x < w; x += 2) {
                    Color c = px.getColor(x, y);
                    if (Math.abs(c.getRed() - bg.getRed()) + Math.abs(c.getGreen() - bg.getGreen())
                            + Math.abs(c.getBlue() - bg.getBlue()) > 0.1) {
                        other++;
                    }
                }
            }
            return other / ((w / 2.0) * (h / 2.0));
        });
        // the old Fit drew group regions only; a host without groups was an empty canvas
        assertThat(drawn).as("share of the fitted graph that is not background").isGreaterThan(0.05);

        // a search result (centreOn) zooms in to the same readable scale
        fx(() -> {
            graph().centreOn(graph().scene().model().nodes().stream().filter(n -> n.isFunction()).reduce((a, b) -> b)
                    .orElseThrow().address().orElseThrow());
            return null;
        });
        assertThat(fx(graph()::viewport).scale() * TextStyle.TITLE.size()).isGreaterThanOrEqualTo(11);
    }
}
