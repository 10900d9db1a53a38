package org.vfioinspector.app.gui.view;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.animation.PauseTransition;
import javafx.geometry.Point2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.util.Duration;

import org.vfioinspector.app.gui.graph.CanvasSurface;
import org.vfioinspector.app.gui.graph.GlyphImages;
import org.vfioinspector.app.gui.graph.GraphModel;
import org.vfioinspector.app.gui.graph.GraphNode;
import org.vfioinspector.app.gui.graph.GraphPainter;
import org.vfioinspector.app.gui.graph.GraphScene;
import org.vfioinspector.app.gui.graph.GraphTheme;
import org.vfioinspector.app.gui.graph.Highlight;
import org.vfioinspector.app.gui.graph.NodeKind;
import org.vfioinspector.app.gui.graph.Rect;
import org.vfioinspector.app.gui.graph.Viewport;
import org.vfioinspector.core.model.PciAddress;

/**
 * The topology graph on one canvas the size of the view (never the size of the graph), painted by
 * {@link GraphPainter} with culling. Drag pans, the wheel zooms at the pointer, a click selects,
 * a click on "N VFs" or on "N functions below" (a collapsed subtree) expands it; keys: arrows move
 * between devices, +/- zoom, F or 0 fits, Enter (or a double click) on a PF expands or collapses its
 * VFs and on a bridge collapses or expands everything below it (C does the same on any bridge),
 * Shift+C collapses every switch below a root port, Shift+E expands every subtree, Escape clears
 * the selection.
 */
public final class GraphView extends Region {

    public static final double MIN_SCALE = 0.002;
    public static final double MAX_SCALE = 3;

    /** The graph's pixels, moved rather than painted again while the view pans. */
    private final GraphTiles canvas = new GraphTiles();
    /** What the painted pixels show besides the viewport: the graph, the highlight, the painter, the focus. */
    private final Object[] tileKey = new Object[4];
    private final GraphOverview overview = new GraphOverview(this);
    private GraphTheme theme;
    /** Made at the first hover: a tooltip is a popup window, whose set-up the window's start need not pay. */
    private Tooltip tooltip;
    private final PauseTransition hoverDelay = new PauseTransition(Duration.millis(450));
    private GraphScene scene = GraphScene.EMPTY;
    private Highlight highlight = Highlight.NONE;
    private GraphPainter painter;
    private CanvasSurface surface;
    private Viewport viewport = new Viewport(1, 0, 0, 0, 0);
    private boolean fitPending = true;
    private String focusId;
    private GraphNode hovered;
    private double pressX;
    private double pressY;
    private boolean dragged;
    /** A wheel step is waiting for the next pulse to be painted ({@link #redrawAtPulse}). */
    private boolean redrawPending;

    private Consumer<PciAddress> onSelect = a -> { };
    private Consumer<PciAddress> onToggleVfs = a -> { };
    private Consumer<PciAddress> onToggleSubtree = a -> { };
    private Runnable onCollapseSwitches = () -> { };
    private Runnable onExpandSubtrees = () -> { };
    private Runnable onClear = () -> { };
    private Function<GraphNode, String> tooltipText = GraphNode::title;

    public GraphView(GraphTheme theme) {
        getStyleClass().add("graph-view");
        getChildren().addAll(canvas, overview);
        setFocusTraversable(true);
        setTheme(theme);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::moved);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hideTooltip());
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
    }

    // ---- wiring -----------------------------------------------------------------------------------

    public void setOnSelect(Consumer<PciAddress> c) {
        onSelect = c;
    }

    public void setOnToggleVfs(Consumer<PciAddress> c) {
        onToggleVfs = c;
    }

    /** Called with a bridge whose subtree is to be collapsed or expanded. */
    public void setOnToggleSubtree(Consumer<PciAddress> c) {
        onToggleSubtree = c;
    }

    /** Shift+C: collapse every switch below a root port. */
    public void setOnCollapseSwitches(Runnable r) {
        onCollapseSwitches = r;
    }

    /** Shift+E: expand every collapsed subtree. */
    public void setOnExpandSubtrees(Runnable r) {
        onExpandSubtrees = r;
    }

    public void setOnClear(Runnable r) {
        onClear = r;
    }

    public void setTooltipText(Function<GraphNode, String> f) {
        tooltipText = f;
    }

    public void setTheme(GraphTheme theme) {
        if (theme == this.theme && painter != null) {
            return; // the window installs its theme once more when its scene is set: nothing to make again
        }
        this.theme = theme;
        overview.show(scene, theme);
        painter = new GraphPainter(theme);
        surface = new CanvasSurface(new GlyphImages(theme.glyphTint()));
        redraw();
    }

    /** Shows a new graph; {@code keepView} keeps zoom and position (VFs expanded), else fits it. */
    public void setScene(GraphScene s, boolean keepView) {
        scene = s;
        overview.show(s, theme);
        if (!keepView) {
            fitPending = true;
            focusId = null;
        }
        requestLayout();
        redraw();
    }

    public void setHighlight(Highlight h) {
        highlight = h;
        h.selected().flatMap(a -> scene.model().nodeOf(a)).ifPresent(n -> focusId = n.id());
        redraw();
    }

    public GraphScene scene() {
        return scene;
    }

    /** What the graph marks now. */
    public Highlight highlight() {
        return highlight;
    }

    public Viewport viewport() {
        return viewport;
    }

    public GraphPainter painter() {
        return painter;
    }

    /** The canvas surface the painter draws on, with its caches (PNG export paints on it too). */
    public CanvasSurface surface() {
        return surface;
    }

    // ---- view commands ----------------------------------------------------------------------------

    /** Scrolls so the function's node is in the middle, zooming in to a readable size if needed. */
    public void centreOn(PciAddress address) {
        Optional<Rect> box = scene.model().nodeOf(address).flatMap(n -> scene.layout().box(n.id()));
        if (box.isEmpty() || getWidth() <= 0) {
            return;
        }
        if (viewport.scale() < Viewport.READABLE_SCALE) {
            // readable by the starting zoom's rule, with a level of context on either side
            viewport = new Viewport(Viewport.READABLE_SCALE, viewport.translateX(), viewport.translateY(), viewport.width(),
                    viewport.height());
        }
        viewport = viewport.centredOn(box.get().centerX(), box.get().centerY());
        redraw();
    }

    /** The whole graph in view (never magnified; a readable minimum for small graphs). */
    public void fit() {
        Rect b = scene.layout().bounds();
        viewport = Viewport.fit(b, getWidth(), getHeight(), MIN_SCALE, 1.0);
        redraw();
    }

    /** Fills the width (readable for most hosts), pinned to the top. */
    public void fitWidth() {
        Rect b = scene.layout().bounds();
        if (b.width() <= 0 || getWidth() <= 0) {
            return;
        }
        double s = Math.max(0.5, Math.min(1.0, getWidth() / b.width()));
        double tx = b.width() * s < getWidth() ? (getWidth() - b.width() * s) / 2 : 0;
        viewport = new Viewport(s, tx, 0, getWidth(), getHeight());
        redraw();
    }

    /** The one starting view of every host ({@link Viewport#start}): readable titles, the graph's top-left in view. */
    public void startView() {
        viewport = Viewport.start(scene.layout().bounds(), getWidth(), getHeight());
        redraw();
    }

    /** Scrolls so graph point (gx, gy) is in the middle of the view, at the same zoom (the overview's clicks). */
    public void centreAt(double gx, double gy) {
        viewport = viewport.centredOn(gx, gy);
        redraw();
    }

    /** The painted pixels of the graph (tests look at how many tiles a pan painted). */
    GraphTiles canvasTiles() {
        return canvas;
    }

    /** The overview of the whole graph in the view's corner (tests look at it). */
    Region overview() {
        return overview;
    }

    /** Moves the view by screen pixels, as a drag does. */
    public void panBy(double dx, double dy) {
        viewport = viewport.panned(dx, dy);
        redraw();
    }

    public void zoom(double factor) {
        viewport = viewport.zoomedAt(factor, getWidth() / 2, getHeight() / 2, MIN_SCALE, MAX_SCALE);
        redraw();
    }

    // ---- drawing ----------------------------------------------------------------------------------

    @Override
    protected void layoutChildren() {
        redrawPending = false;
        double w = getWidth();
        double h = getHeight();
        canvas.resizeRelocate(0, 0, w, h);
        if (viewport.width() != w || viewport.height() != h) {
            viewport = viewport.resized(w, h);
        }
        if (fitPending && w > 0 && h > 0 && scene.model().size() > 0) {
            fitPending = false;
            startView();
        }
        double[] o = overview.wantedSize();
        overview.resizeRelocate(Math.max(0, w - o[0] - 10), Math.max(0, h - o[1] - 10), o[0], o[1]);
        redraw();
    }

    /**
     * Shows the graph through the current viewport: a pan moves pixels already painted ({@link GraphTiles}),
     * anything else paints the view again.
     */
    public void redraw() {
        if (viewport.width() <= 0 || viewport.height() <= 0 || painter == null) {
            return;
        }
        String focus = focusId != null && isFocused() ? focusId : null;
        if (!wholeOutputPixels()) {
            canvas.invalidate(); // a pixel of the view is not a whole number of the screen's: moved pixels would blur
        }
        tileKey[0] = scene;
        tileKey[1] = highlight;
        tileKey[2] = painter;
        tileKey[3] = focus;
        canvas.show(viewport, tileKey, (g, v) -> paint(g, v, focus));
        updateOverview();
    }

    /** True when the window's output scale is whole (1 or 2, not 1.25): a pan by whole pixels moves whole pixels. */
    private boolean wholeOutputPixels() {
        javafx.stage.Window w = getScene() != null ? getScene().getWindow() : null;
        return w == null || w.getOutputScaleX() == Math.rint(w.getOutputScaleX())
                && w.getOutputScaleY() == Math.rint(w.getOutputScaleY());
    }

    /** Paints the graph and the keyboard focus ring on one canvas through {@code v}. */
    private void paint(GraphicsContext g, Viewport v, String focus) {
        painter.paint(surface.on(g), scene, highlight, v);
        if (focus != null) {
            scene.layout().box(focus).ifPresent(b -> {
                g.setGlobalAlpha(1);
                g.setStroke(Color.web(painter.theme().selection()));
                g.setLineWidth(1.5);
                g.setLineDashes(3, 3);
                Rect o = b.inflate(7);
                g.strokeRoundRect(o.x(), o.y(), o.width(), o.height(), 14, 14);
                g.setLineDashes(null);
            });
        }
        g.setTransform(1, 0, 0, 1, 0, 0);
    }

    /** The overview shows while part of the graph is out of view, and only if the view has room for it. */
    private void updateOverview() {
        Rect b = scene.layout().bounds();
        Rect v = viewport.visible();
        boolean all = b.x() >= v.x() - 1 && b.y() >= v.y() - 1 && b.maxX() <= v.maxX() + 1 && b.maxY() <= v.maxY() + 1;
        boolean room = getWidth() >= 3 * GraphOverview.MAX_W && getHeight() >= 2 * GraphOverview.MAX_H;
        boolean show = scene.model().size() > 0 && !all && room;
        if (overview.isVisible() != show) {
            overview.setVisible(show);
        }
        if (show) {
            overview.refresh(viewport);
        }
    }

    // ---- input ------------------------------------------------------------------------------------

    /** The node under a point of the canvas. */
    public Optional<GraphNode> nodeAt(double sx, double sy) {
        double gx = viewport.toGraphX(sx);
        double gy = viewport.toGraphY(sy);
        for (GraphNode n : scene.model().nodes()) {
            Rect b = scene.layout().boxes().get(n.id());
            if (b != null && b.contains(gx, gy)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** Where a function's node is on the canvas (for tests and tooltips). */
    public Optional<Point2D> screenPointOf(PciAddress address) {
        return scene.model().nodeOf(address).flatMap(n -> scene.layout().box(n.id()))
                .map(b -> new Point2D(b.centerX() * viewport.scale() + viewport.translateX(),
                        b.centerY() * viewport.scale() + viewport.translateY()));
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        pressX = e.getX();
        pressY = e.getY();
        dragged = false;
        hideTooltip();
    }

    private void dragged(MouseEvent e) {
        double dx = e.getX() - pressX;
        double dy = e.getY() - pressY;
        if (dragged || Math.abs(dx) + Math.abs(dy) > 3) {
            dragged = true;
            viewport = viewport.panned(dx, dy);
            pressX = e.getX();
            pressY = e.getY();
            setCursor(javafx.scene.Cursor.CLOSED_HAND);
            redraw();
        }
    }

    private void released(MouseEvent e) {
        setCursor(javafx.scene.Cursor.DEFAULT);
        if (dragged || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        Optional<GraphNode> hit = nodeAt(e.getX(), e.getY());
        if (hit.isEmpty()) {
            onClear.run();
            return;
        }
        activate(hit.get(), e.getClickCount() > 1);
    }

    private void activate(GraphNode n, boolean toggle) {
        focusId = n.id();
        if (n.kind() == NodeKind.VF_GROUP) {
            n.address().ifPresent(onToggleVfs);
        } else if (n.kind() == NodeKind.SUBTREE) {
            n.address().ifPresent(onToggleSubtree);
        } else if (n.isFunction()) {
            PciAddress a = n.address().orElseThrow();
            if (toggle && !scene.model().children(n.id()).isEmpty() && isPfWithVfs(n)) {
                onToggleVfs.accept(a);
            } else if (toggle && isBridgeWithFunctionsBelow(n)) {
                onToggleSubtree.accept(a);
            } else {
                onSelect.accept(a);
            }
        } else {
            redraw();
        }
    }

    /** A bridge with something drawn below it (its folded subtree, or functions other than VFs). */
    private boolean isBridgeWithFunctionsBelow(GraphNode n) {
        return scene.model().children(n.id()).stream().anyMatch(c -> c.kind() == NodeKind.SUBTREE
                || c.isFunction() && !c.detail().startsWith("SR-IOV VF"));
    }

    private boolean isPfWithVfs(GraphNode n) {
        return scene.model().children(n.id()).stream().anyMatch(c -> c.kind() == NodeKind.VF_GROUP
                || c.detail().startsWith("SR-IOV VF"));
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        double factor = Math.pow(1.0025, e.getDeltaY());
        viewport = viewport.zoomedAt(factor, e.getX(), e.getY(), MIN_SCALE, MAX_SCALE);
        hideTooltip();
        redrawAtPulse();
        e.consume();
    }

    /**
     * Paints in the next pulse's layout, once however many wheel steps arrive before it (a quick turn of the
     * wheel, or a touchpad's stream of small steps): each step zooms the viewport, only the last is seen.
     */
    private void redrawAtPulse() {
        if (!redrawPending) {
            redrawPending = true;
            requestLayout();
        }
    }

    private void moved(MouseEvent e) {
        GraphNode n = nodeAt(e.getX(), e.getY()).orElse(null);
        if (n == hovered) {
            return;
        }
        hovered = n;
        hideTooltip();
        setCursor(n != null ? javafx.scene.Cursor.HAND : javafx.scene.Cursor.DEFAULT);
        if (n != null) {
            double sx = e.getScreenX();
            double sy = e.getScreenY();
            hoverDelay.setOnFinished(x -> {
                if (hovered == n && getScene() != null && getScene().getWindow() != null) {
                    if (tooltip == null) {
                        tooltip = new Tooltip();
                        tooltip.setWrapText(true);
                        tooltip.setMaxWidth(460);
                    }
                    tooltip.setText(tooltipText.apply(n));
                    tooltip.show(this, sx + 14, sy + 18);
                }
            });
            hoverDelay.playFromStart();
        }
    }

    private void hideTooltip() {
        hoverDelay.stop();
        if (tooltip != null) {
            tooltip.hide();
        }
    }

    private void key(KeyEvent e) {
        if (e.isShortcutDown() || e.isAltDown() || e.isMetaDown()) {
            return; // Ctrl+F and the other window shortcuts are the scene's, never the graph's
        }
        KeyCode k = e.getCode();
        switch (k) {
            case PLUS, ADD, EQUALS -> zoom(1.25);
            case MINUS, SUBTRACT -> zoom(0.8);
            case F, DIGIT0, NUMPAD0 -> fit();
            case ESCAPE -> onClear.run();
            case LEFT, RIGHT, UP, DOWN -> navigate(k);
            case ENTER, SPACE -> focused().ifPresent(n -> activate(n, true));
            case C -> {
                if (e.isShiftDown()) {
                    onCollapseSwitches.run();
                } else {
                    focused().filter(this::isCollapsible).flatMap(GraphNode::address).ifPresent(onToggleSubtree);
                }
            }
            case E -> {
                if (!e.isShiftDown()) {
                    return;
                }
                onExpandSubtrees.run();
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    /** A bridge C folds or opens: a function with a subtree below it, or the folded node itself. */
    private boolean isCollapsible(GraphNode n) {
        return n.kind() == NodeKind.SUBTREE || n.isFunction() && isBridgeWithFunctionsBelow(n);
    }

    private Optional<GraphNode> focused() {
        return focusId == null ? Optional.empty() : scene.model().node(focusId);
    }

    private void navigate(KeyCode k) {
        GraphModel m = scene.model();
        if (m.size() == 0) {
            return;
        }
        Optional<GraphNode> cur = focused();
        if (cur.isEmpty()) {
            move(m.nodes().get(0));
            return;
        }
        GraphNode n = cur.get();
        Optional<GraphNode> next = switch (k) {
            case LEFT -> m.parent(n);
            case RIGHT -> m.children(n.id()).stream().findFirst();
            case UP -> neighbour(n, -1);
            default -> neighbour(n, 1);
        };
        next.ifPresent(this::move);
    }

    /** The sibling before/after, else the nearest node in the same column above/below. */
    private Optional<GraphNode> neighbour(GraphNode n, int dir) {
        GraphModel m = scene.model();
        List<GraphNode> sibs = n.parentId() == null ? m.roots() : m.children(n.parentId());
        int i = sibs.indexOf(n) + dir;
        if (i >= 0 && i < sibs.size()) {
            return Optional.of(sibs.get(i));
        }
        Rect b = scene.layout().box(n.id()).orElseThrow();
        GraphNode best = null;
        double bestDy = Double.MAX_VALUE;
        for (GraphNode o : m.nodes()) {
            Rect ob = scene.layout().boxes().get(o.id());
            if (ob == null || o == n || Math.abs(ob.x() - b.x()) > 1) {
                continue;
            }
            double dy = (ob.y() - b.y()) * dir;
            if (dy > 0 && dy < bestDy) {
                bestDy = dy;
                best = o;
            }
        }
        return Optional.ofNullable(best);
    }

    private void move(GraphNode n) {
        focusId = n.id();
        if (n.isFunction()) {
            onSelect.accept(n.address().orElseThrow());
        }
        scene.layout().box(n.id()).ifPresent(this::ensureVisible);
        redraw();
    }

    private void ensureVisible(Rect b) {
        Rect v = viewport.visible();
        if (!(b.x() >= v.x() && b.maxX() <= v.maxX() && b.y() >= v.y() && b.maxY() <= v.maxY())) {
            viewport = viewport.centredOn(b.centerX(), b.centerY());
        }
    }
}
