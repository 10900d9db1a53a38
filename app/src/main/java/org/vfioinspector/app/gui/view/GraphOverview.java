package org.vfioinspector.app.gui.view;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

import org.vfioinspector.app.gui.graph.GraphScene;
import org.vfioinspector.app.gui.graph.GraphTheme;
import org.vfioinspector.app.gui.graph.GroupRegion;
import org.vfioinspector.app.gui.graph.Rect;
import org.vfioinspector.app.gui.graph.Viewport;

/**
 * The overview (minimap) in a corner of the graph: the whole graph drawn small from the layout's rectangles,
 * with the part the view shows framed. A click or drag in it centres the view there.
 *
 * <p>Cheap on big hosts: the graph is drawn once per scene, theme or size on its own canvas; a pan or zoom
 * only redraws the frame on a second canvas above it (one rectangle), never the graph again.
 */
final class GraphOverview extends Region {

    /** The overview's largest extent on screen; the other side follows the graph's proportions. */
    static final double MAX_W = 200;
    static final double MAX_H = 150;
    /**
     * The least extent on either side: a graph much taller than wide (a big host's long column) is stretched
     * sideways to this width rather than drawn as a sliver; the frame stretches with it.
     */
    static final double MIN_SIDE = 72;
    private static final double PAD = 4;

    private final Canvas base = new Canvas();
    private final Canvas frame = new Canvas();
    private final GraphView view;
    private GraphScene scene = GraphScene.EMPTY;
    private GraphTheme theme = GraphTheme.LIGHT;
    /** How often the graph itself was drawn (tests check that a pan does not redraw it). */
    private int baseDraws;
    private boolean baseStale = true;

    GraphOverview(GraphView view) {
        this.view = view;
        getStyleClass().add("graph-overview");
        setId("graph-overview");
        getChildren().addAll(base, frame);
        setManaged(false);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::moveTo);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::moveTo);
        addEventHandler(MouseEvent.MOUSE_RELEASED, MouseEvent::consume);
        addEventHandler(MouseEvent.MOUSE_CLICKED, MouseEvent::consume);
        setCursor(javafx.scene.Cursor.CROSSHAIR);
    }

    void show(GraphScene s, GraphTheme t) {
        if (s != scene || t != theme) {
            scene = s;
            theme = t;
            baseStale = true;
        }
    }

    /** The size the overview wants for the current graph, zero when there is none. */
    double[] wantedSize() {
        Rect b = scene.layout().bounds();
        if (scene.model().size() == 0 || b.width() <= 0 || b.height() <= 0) {
            return new double[] {0, 0};
        }
        double s = Math.min((MAX_W - 2 * PAD) / b.width(), (MAX_H - 2 * PAD) / b.height());
        return new double[] {Math.ceil(Math.max(MIN_SIDE, b.width() * s + 2 * PAD)),
            Math.ceil(Math.max(MIN_SIDE, b.height() * s + 2 * PAD))};
    }

    /** Graph units to overview pixels, across. */
    private double scaleX() {
        return (getWidth() - 2 * PAD) / scene.layout().bounds().width();
    }

    /** Graph units to overview pixels, down (differs from across only for a graph stretched to {@link #MIN_SIDE}). */
    private double scaleY() {
        return (getHeight() - 2 * PAD) / scene.layout().bounds().height();
    }

    /** Redraws what changed: the graph if the scene, theme or size did, and the view's frame. */
    void refresh(Viewport v) {
        double w = getWidth();
        double h = getHeight();
        if (w <= 0 || h <= 0 || scene.model().size() == 0) {
            return;
        }
        if (base.getWidth() != w || base.getHeight() != h) {
            base.setWidth(w);
            base.setHeight(h);
            frame.setWidth(w);
            frame.setHeight(h);
            baseStale = true;
        }
        if (baseStale) {
            baseStale = false;
            drawBase();
        }
        drawFrame(v);
    }

    private void drawBase() {
        baseDraws++;
        GraphicsContext g = base.getGraphicsContext2D();
        double w = base.getWidth();
        double h = base.getHeight();
        g.setTransform(1, 0, 0, 1, 0, 0);
        // opaque: through a translucent one the graph's labels showed as ghosts among the overview's boxes
        g.setFill(Color.web(theme.background()));
        g.fillRect(0, 0, w, h);
        Rect b = scene.layout().bounds();
        double sx = scaleX();
        double sy = scaleY();
        g.setTransform(sx, 0, 0, sy, PAD - b.x() * sx, PAD - b.y() * sy);
        g.setFill(Color.web(theme.selection()));
        g.setGlobalAlpha(theme.regionAlpha());
        for (GroupRegion r : scene.regions()) {
            for (Rect x : r.boxes()) {
                g.fillRect(x.x(), x.y(), x.width(), x.height());
            }
        }
        g.setGlobalAlpha(1);
        g.setFill(Color.web(theme.nodeStroke()));
        // at least a pixel per node, or a small host's boxes vanish and a big host's become noise
        for (Rect x : scene.layout().boxes().values()) {
            g.fillRect(x.x(), x.y(), Math.max(1 / sx, x.width()), Math.max(1 / sy, x.height()));
        }
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.setStroke(Color.web(theme.edge()));
        g.setLineWidth(1);
        g.strokeRect(0.5, 0.5, w - 1, h - 1);
    }

    private void drawFrame(Viewport v) {
        GraphicsContext g = frame.getGraphicsContext2D();
        g.clearRect(0, 0, frame.getWidth(), frame.getHeight());
        Rect f = frameRect(v);
        g.setStroke(Color.web(theme.selection()));
        g.setLineWidth(2);
        g.setFill(Color.web(theme.selection(), 0.12));
        g.fillRect(f.x(), f.y(), f.width(), f.height());
        g.strokeRect(f.x(), f.y(), f.width(), f.height());
    }

    /** The part of the graph the view shows, in overview pixels, clipped to the overview. */
    Rect frameRect(Viewport v) {
        Rect b = scene.layout().bounds();
        double sx = scaleX();
        double sy = scaleY();
        Rect vis = v.visible();
        double x0 = Math.max(1, PAD + (vis.x() - b.x()) * sx);
        double y0 = Math.max(1, PAD + (vis.y() - b.y()) * sy);
        double x1 = Math.min(getWidth() - 1, PAD + (vis.maxX() - b.x()) * sx);
        double y1 = Math.min(getHeight() - 1, PAD + (vis.maxY() - b.y()) * sy);
        // at least 6 px each way, about the view's centre, or on a big host the frame is a hairline
        double w = Math.max(6, x1 - x0);
        double h = Math.max(6, y1 - y0);
        return new Rect((x0 + x1 - w) / 2, (y0 + y1 - h) / 2, w, h);
    }

    /** The graph point under an overview point. */
    double[] toGraph(double x, double y) {
        Rect b = scene.layout().bounds();
        return new double[] {b.x() + (x - PAD) / scaleX(), b.y() + (y - PAD) / scaleY()};
    }

    private void moveTo(MouseEvent e) {
        e.consume();
        if (scene.model().size() == 0 || getWidth() <= 0) {
            return;
        }
        double[] p = toGraph(e.getX(), e.getY());
        view.centreAt(p[0], p[1]);
    }

    int baseDraws() {
        return baseDraws;
    }
}
