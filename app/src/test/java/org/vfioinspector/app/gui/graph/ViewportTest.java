package org.vfioinspector.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ViewportTest {

    @Test
    void fitShowsTheWholeGraphCentred() {
        Rect graph = new Rect(0, 0, 2000, 1000);
        Viewport v = Viewport.fit(graph, 800, 600, 0.01, 1);

        assertThat(v.scale()).isCloseTo(0.4, within(1e-9));
        Rect seen = v.visible();
        assertThat(seen.x()).isLessThanOrEqualTo(0);
        assertThat(seen.maxX()).isGreaterThanOrEqualTo(2000);
        assertThat(seen.centerY()).isCloseTo(500, within(1e-6));
    }

    @Test
    void fitNeverMagnifiesASmallGraph() {
        assertThat(Viewport.fit(new Rect(0, 0, 100, 50), 800, 600, 0.01, 1).scale()).isEqualTo(1);
    }

    @Test
    void zoomKeepsThePointUnderThePointer() {
        Viewport v = new Viewport(0.5, 30, -40, 800, 600);
        double gx = v.toGraphX(200);
        double gy = v.toGraphY(150);

        Viewport z = v.zoomedAt(1.7, 200, 150, 0.01, 3);

        assertThat(z.scale()).isCloseTo(0.85, within(1e-9));
        assertThat(z.toGraphX(200)).isCloseTo(gx, within(1e-9));
        assertThat(z.toGraphY(150)).isCloseTo(gy, within(1e-9));
    }

    @Test
    void zoomStopsAtItsLimits() {
        Viewport v = new Viewport(2.9, 0, 0, 800, 600);
        assertThat(v.zoomedAt(10, 0, 0, 0.01, 3).scale()).isEqualTo(3);
        assertThat(v.zoomedAt(1e-9, 0, 0, 0.01, 3).scale()).isEqualTo(0.01);
    }

    @Test
    void centringPutsTheGraphPointInTheMiddle() {
        Viewport v = new Viewport(0.8, 0, 0, 800, 600).centredOn(1234, 567);
        assertThat(v.visible().centerX()).isCloseTo(1234, within(1e-9));
        assertThat(v.visible().centerY()).isCloseTo(567, within(1e-9));
    }

    @Test
    void aBigGraphStartsWithReadableTitlesAndItsTopLeftInView() {
        // a host far taller than the window: fitting it would make titles a few pixels high
        Rect graph = new Rect(0, 0, 1500, 40000);
        Viewport v = Viewport.start(graph, 1200, 700);

        assertThat(v.scale() * TextStyle.TITLE.size()).isGreaterThanOrEqualTo(11);
        assertThat(v.visible().x()).isLessThanOrEqualTo(graph.x());
        assertThat(v.visible().y()).isLessThanOrEqualTo(graph.y());
    }

    @Test
    void aGraphThatFitsReadablyStartsWholeAndUnmagnified() {
        Viewport small = Viewport.start(new Rect(0, 0, 300, 200), 1200, 700);
        assertThat(small.scale()).isEqualTo(1);

        Rect graph = new Rect(0, 0, 1250, 700);
        Viewport v = Viewport.start(graph, 1200, 700);
        assertThat(v.scale()).isGreaterThanOrEqualTo(Viewport.READABLE_SCALE).isLessThan(1);
        assertThat(v.visible().maxX()).isGreaterThanOrEqualTo(graph.maxX() - 1e-6);
        assertThat(v.visible().maxY()).isGreaterThanOrEqualTo(graph.maxY() - 1e-6);
    }
}
