package org.vfioinspector.app.gui.graph;

/** An axis-aligned box in graph coordinates (pixels at zoom 1). */
public record Rect(double x, double y, double width, double height) {

    public Rect {
        if (!(width >= 0) || !(height >= 0)) {
            throw new IllegalArgumentException("a box needs a non-negative size, was " + width + "x" + height);
        }
    }

    public double maxX() {
        return x + width;
    }

    public double maxY() {
        return y + height;
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    public boolean contains(double px, double py) {
        return px >= x && px <= maxX() && py >= y && py <= maxY();
    }

    /** True when the boxes share any area (touching edges do not count). */
    public boolean intersects(Rect o) {
        return x < o.maxX() && o.x < maxX() && y < o.maxY() && o.y < maxY();
    }

    /** This box grown by {@code d} on every side. */
    public Rect inflate(double d) {
        return new Rect(x - d, y - d, width + 2 * d, height + 2 * d);
    }

    /** The smallest box holding both. */
    public Rect union(Rect o) {
        double nx = Math.min(x, o.x);
        double ny = Math.min(y, o.y);
        return new Rect(nx, ny, Math.max(maxX(), o.maxX()) - nx, Math.max(maxY(), o.maxY()) - ny);
    }
}
