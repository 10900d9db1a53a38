package org.vfioinspector.app.gui.graph;

/**
 * How graph coordinates map to the screen: {@code screen = graph * scale + translate}, on a
 * drawing surface of {@code width} x {@code height}.
 */
public record Viewport(double scale, double translateX, double translateY, double width, double height) {

    public Viewport {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive, was " + scale);
        }
    }

    /** The part of the graph that is on screen. */
    public Rect visible() {
        return new Rect(-translateX / scale, -translateY / scale, Math.max(0, width / scale), Math.max(0, height / scale));
    }

    public double toGraphX(double screenX) {
        return (screenX - translateX) / scale;
    }

    public double toGraphY(double screenY) {
        return (screenY - translateY) / scale;
    }

    /** The viewport that shows graph point (gx, gy) in the middle of the surface. */
    public Viewport centredOn(double gx, double gy) {
        return new Viewport(scale, width / 2 - gx * scale, height / 2 - gy * scale, width, height);
    }

    /** Zoomed by {@code factor} around screen point (sx, sy), within [min, max]. */
    public Viewport zoomedAt(double factor, double sx, double sy, double min, double max) {
        double s = Math.max(min, Math.min(max, scale * factor));
        double gx = toGraphX(sx);
        double gy = toGraphY(sy);
        return new Viewport(s, sx - gx * s, sy - gy * s, width, height);
    }

    /** The whole of {@code bounds} in view, never enlarged beyond {@code maxScale}, top-left aligned when it fits. */
    public static Viewport fit(Rect bounds, double width, double height, double minScale, double maxScale) {
        if (bounds.width() <= 0 || bounds.height() <= 0 || width <= 0 || height <= 0) {
            return new Viewport(1, 0, 0, width, height);
        }
        double s = Math.min(width / bounds.width(), height / bounds.height());
        s = Math.max(minScale, Math.min(maxScale, s));
        // centred when it fits, else pinned to the top-left so the domains stay in view
        double cw = bounds.width() * s;
        double ch = bounds.height() * s;
        double tx = (cw < width ? (width - cw) / 2 : 0) - bounds.x() * s;
        double ty = (ch < height ? (height - ch) / 2 : 0) - bounds.y() * s;
        return new Viewport(s, tx, ty, width, height);
    }

    /** The smallest scale at which node titles ({@link TextStyle#TITLE}) are at least 11 px on screen. */
    public static final double READABLE_SCALE = 11 / TextStyle.TITLE.size();

    /**
     * The one starting view of every host: the whole graph when it fits at a readable scale (never
     * magnified), else readable titles with the graph's top-left corner (its first domain and root
     * ports) in view. Never fit-to-window on a big host, where titles would be a few pixels.
     */
    public static Viewport start(Rect bounds, double width, double height) {
        if (bounds.width() <= 0 || bounds.height() <= 0 || width <= 0 || height <= 0) {
            return new Viewport(1, 0, 0, Math.max(0, width), Math.max(0, height));
        }
        double s = Math.min(1, Math.min(width / bounds.width(), height / bounds.height()));
        if (s >= READABLE_SCALE) {
            return fit(bounds, width, height, s, s);
        }
        double tx = -bounds.x() * READABLE_SCALE;
        double ty = -bounds.y() * READABLE_SCALE;
        // centred across when the readable graph is narrower than the window
        double cw = bounds.width() * READABLE_SCALE;
        if (cw < width) {
            tx += (width - cw) / 2;
        }
        return new Viewport(READABLE_SCALE, tx, ty, width, height);
    }

    public Viewport resized(double w, double h) {
        return new Viewport(scale, translateX, translateY, w, h);
    }

    public Viewport panned(double dx, double dy) {
        return new Viewport(scale, translateX + dx, translateY + dy, width, height);
    }
}
