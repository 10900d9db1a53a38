package org.vfioinspector.app.gui.view;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;

import org.vfioinspector.app.gui.graph.Viewport;

/**
 * The graph's pixels, kept while the view pans: a pan only moves canvases that are already painted, and
 * paints the tiles it brings into view. Whenever anything else changes (the zoom, the selection, the theme,
 * the graph, the focus, the view's size, or a pan by a fraction of a pixel) the view is painted again as one
 * canvas of its size, exactly what painting the view directly draws; the tiles around it are painted, each
 * with its own viewport, as a pan reaches them. A pan by whole pixels moves every pixel by whole pixels, so
 * what is on the screen is what painting the panned view would draw. The exports never use this: they paint
 * the graph themselves ({@code PngExport}, {@code SvgExport}).
 *
 * <p>The tiles are a grid of {@link #DIVISIONS}×{@link #DIVISIONS} to the view, anchored where the view was
 * when it was last painted whole; the whole painting is that grid's middle. FX thread only.
 */
final class GraphTiles extends Pane {

    /** Tiles per side of the view: a pan into a new row of tiles paints a quarter of the view's width. */
    static final int DIVISIONS = 4;

    /** Paints the graph on a canvas through a viewport. */
    interface Painter {
        void paint(GraphicsContext g, Viewport v);
    }

    private final Canvas whole = new Canvas();
    private final Map<Long, Canvas> tiles = new HashMap<>();
    private final Deque<Canvas> spare = new ArrayDeque<>();
    private final Rectangle clip = new Rectangle();
    /** What the painted pixels show; null when nothing is painted. */
    private Object[] key;
    private double scale;
    private double anchorX;
    private double anchorY;
    private int width;
    private int height;
    private int tileW;
    private int tileH;
    private int tilesPainted;
    private int wholePaints;

    GraphTiles() {
        getChildren().add(whole);
        setClip(clip);
        setPickOnBounds(true);
    }

    /** Drops the painted pixels: the next {@link #show} paints the view whole. */
    void invalidate() {
        key = null;
    }

    /** How many tiles have been painted since the view was last painted whole (tests, benchmarks). */
    int tilesPainted() {
        return tilesPainted;
    }

    /** How many times the view has been painted whole (tests). */
    int wholePaints() {
        return wholePaints;
    }

    /**
     * Shows the graph through {@code v}: painted whole when {@code what} (compared element by element, by
     * identity) or the view differ from what is painted other than by a pan of whole pixels, else the painted
     * canvases moved and the newly visible tiles painted.
     */
    void show(Viewport v, Object[] what, Painter painter) {
        int w = (int) Math.ceil(v.width());
        int h = (int) Math.ceil(v.height());
        clip.setWidth(w);
        clip.setHeight(h);
        double dx = v.translateX() - anchorX;
        double dy = v.translateY() - anchorY;
        if (!same(what) || v.scale() != scale || w != width || h != height || dx != Math.rint(dx)
                || dy != Math.rint(dy)) {
            paintWhole(v, what, w, h, painter);
            dx = 0;
            dy = 0;
        }
        int ox = (int) dx;
        int oy = (int) dy;
        whole.relocate(ox, oy);
        // the tiles (i, j) the view shows: tile (i, j) is at (ox + i * tileW, oy + j * tileH) on the screen
        int i0 = Math.floorDiv(-ox, tileW);
        int i1 = Math.floorDiv(w - 1 - ox, tileW);
        int j0 = Math.floorDiv(-oy, tileH);
        int j1 = Math.floorDiv(h - 1 - oy, tileH);
        // tiles a row or more out of view go back to the spares (a pan back and forth paints nothing twice)
        for (Iterator<Map.Entry<Long, Canvas>> it = tiles.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Long, Canvas> e = it.next();
            int i = (int) (e.getKey() >> 32);
            int j = (int) (long) e.getKey();
            if (i < i0 - 1 || i > i1 + 1 || j < j0 - 1 || j > j1 + 1) {
                getChildren().remove(e.getValue());
                spare.push(e.getValue());
                it.remove();
            }
        }
        for (int j = j0; j <= j1; j++) {
            for (int i = i0; i <= i1; i++) {
                if (i >= 0 && i < DIVISIONS && j >= 0 && j < DIVISIONS) {
                    continue; // the whole painting has it
                }
                long k = (long) i << 32 | (j & 0xffffffffL);
                Canvas t = tiles.get(k);
                if (t == null) {
                    t = spare.isEmpty() ? new Canvas() : spare.pop();
                    t.setWidth(tileW);
                    t.setHeight(tileH);
                    painter.paint(t.getGraphicsContext2D(), new Viewport(scale, anchorX - i * tileW,
                            anchorY - j * tileH, tileW, tileH));
                    tilesPainted++;
                    tiles.put(k, t);
                    getChildren().add(t);
                }
                t.relocate(ox + i * tileW, oy + j * tileH);
            }
        }
    }

    private void paintWhole(Viewport v, Object[] what, int w, int h, Painter painter) {
        key = what.clone();
        scale = v.scale();
        anchorX = v.translateX();
        anchorY = v.translateY();
        width = w;
        height = h;
        tileW = Math.max(1, (w + DIVISIONS - 1) / DIVISIONS);
        tileH = Math.max(1, (h + DIVISIONS - 1) / DIVISIONS);
        for (Canvas t : tiles.values()) {
            getChildren().remove(t);
            spare.push(t);
        }
        tiles.clear();
        tilesPainted = 0;
        wholePaints++;
        // the grid's middle: the view and the few pixels that make it whole tiles
        whole.setWidth(tileW * DIVISIONS);
        whole.setHeight(tileH * DIVISIONS);
        painter.paint(whole.getGraphicsContext2D(), new Viewport(scale, anchorX, anchorY, tileW * DIVISIONS,
                tileH * DIVISIONS));
    }

    private boolean same(Object[] what) {
        if (key == null || key.length != what.length) {
            return false;
        }
        for (int i = 0; i < what.length; i++) {
            if (key[i] != what[i]) {
                return false;
            }
        }
        return true;
    }
}
