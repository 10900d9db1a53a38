package org.vfioinspector.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.real.RealFixtures;

/**
 * What the starting view ({@link Viewport#start}, titles of 11 px or more, the graph's top-left in view)
 * shows of a laid-out host on a 1600×1000 graph: a screen full of readable boxes, not a few boxes in an
 * empty screen (the tidy tree's centred parents showed 17 of the 4,096-function host).
 */
class StartViewTest {

    static final double WIDTH = 1600;
    static final double HEIGHT = 1000;

    /** The boxes wholly on screen in the starting view. */
    static int readableBoxes(GraphScene s, double width, double height) {
        Viewport v = Viewport.start(s.layout().bounds(), width, height);
        assertThat(v.scale() * TextStyle.TITLE.size()).as("title size on screen, px").isGreaterThanOrEqualTo(11);
        Rect screen = v.visible();
        int n = 0;
        for (Rect b : s.layout().boxes().values()) {
            if (b.x() >= screen.x() && b.y() >= screen.y() && b.maxX() <= screen.maxX() && b.maxY() <= screen.maxY()) {
                n++;
            }
        }
        return n;
    }

    private static GraphScene scene(Topology t) {
        return GraphScene.compute(t, PciIds.empty(), Set.of(), new TreeLayout());
    }

    /** Screen share of the starting view covered by boxes: a dense view is mostly boxes, not gaps. */
    private static double covered(GraphScene s, double width, double height) {
        Viewport v = Viewport.start(s.layout().bounds(), width, height);
        Rect screen = v.visible();
        double area = 0;
        for (Rect b : s.layout().boxes().values()) {
            double w = Math.min(b.maxX(), screen.maxX()) - Math.max(b.x(), screen.x());
            double h = Math.min(b.maxY(), screen.maxY()) - Math.max(b.y(), screen.y());
            if (w > 0 && h > 0) {
                area += w * h;
            }
        }
        return area / (screen.width() * screen.height());
    }

    @Test
    void theGeneratedFourThousandFunctionHostOpensOnAScreenFullOfReadableBoxes() throws IOException {
        Path dir = Files.isDirectory(Path.of("/dev/shm"))
                ? Files.createTempDirectory(Path.of("/dev/shm"), "vfio-start-") : Hosts.tempDir("vfio-start-");
        try {
            GraphScene s = scene(Hosts.read(Hosts.big(dir, 4096)));
            int n = readableBoxes(s, WIDTH, HEIGHT);
            System.out.printf("big:4096 start view: %d readable boxes, %.0f%% covered; bounds %s%n", n,
                    100 * covered(s, WIDTH, HEIGHT), s.layout().bounds());
            assertThat(n).isGreaterThanOrEqualTo(60);
            assertThat(covered(s, WIDTH, HEIGHT)).isGreaterThan(0.4);
            // the graph pane of a 1600x1000 window still shows a few dozen
            assertThat(readableBoxes(s, 1100, 700)).isGreaterThanOrEqualTo(20);
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void theTwoSocketServerCaptureOpensOnAScreenFullOfReadableBoxes(@TempDir Path dir) throws IOException {
        GraphScene s = scene(Hosts.read(RealFixtures.hwlocServer(dir)));
        int n = readableBoxes(s, WIDTH, HEIGHT);
        System.out.printf("server start view: %d of %d boxes, %.0f%% covered%n", n, s.model().size(),
                100 * covered(s, WIDTH, HEIGHT));
        assertThat(n).isGreaterThanOrEqualTo(Math.min(60, s.model().size()));
    }

    @Test
    void theLaptopCaptureIsWhollyInTheStartingView(@TempDir Path dir) throws IOException {
        GraphScene s = scene(Hosts.read(RealFixtures.thinkpad(dir)));
        System.out.printf("thinkpad start view: %d of %d boxes%n", readableBoxes(s, WIDTH, HEIGHT), s.model().size());
        assertThat(readableBoxes(s, WIDTH, HEIGHT)).isEqualTo(s.model().size());
    }

    @Test
    void theDemoIsWhollyInTheStartingView() {
        GraphScene s = scene(Hosts.read(Hosts.sharedDemo()));
        System.out.printf("demo start view: %d of %d boxes%n", readableBoxes(s, WIDTH, HEIGHT), s.model().size());
        assertThat(readableBoxes(s, WIDTH, HEIGHT)).isEqualTo(s.model().size());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
