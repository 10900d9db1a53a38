package org.vfioinspector.app.gui.graph;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;

/**
 * Renders the whole graph to PNG bytes with the window's painter, tile by tile (a canvas as big as
 * a large graph would not fit in memory). Must run on the FX thread; the bytes can be written
 * anywhere afterwards.
 */
public final class PngExport {

    /** Largest side of an exported image. */
    public static final int MAX_SIDE = 8192;
    /** Most pixels an export may have (about 100 MB while encoding). */
    public static final double MAX_PIXELS = 24e6;
    private static final int TILE = 1024;

    private PngExport() {
    }

    /** The scale used for a graph of these bounds: crisp (2x) when small, shrunk to the limits when big. */
    public static double scaleFor(Rect bounds) {
        if (bounds.width() <= 0 || bounds.height() <= 0) {
            return 1;
        }
        double s = 2;
        s = Math.min(s, MAX_SIDE / Math.max(bounds.width(), bounds.height()));
        s = Math.min(s, Math.sqrt(MAX_PIXELS / (bounds.width() * bounds.height())));
        return s;
    }

    /** Paints the graph into an image; FX thread only. */
    public static BufferedImage capture(GraphScene scene, Highlight h, GraphPainter painter, CanvasSurface surface) {
        Rect b = scene.layout().bounds();
        double s = scaleFor(b);
        int w = Math.max(1, (int) Math.ceil(b.width() * s));
        int ht = Math.max(1, (int) Math.ceil(b.height() * s));
        BufferedImage out = new BufferedImage(w, ht, BufferedImage.TYPE_INT_ARGB);
        Canvas canvas = new Canvas(TILE, TILE);
        int[] pixels = new int[TILE * TILE];
        SnapshotParameters params = new SnapshotParameters();
        for (int ty = 0; ty < ht; ty += TILE) {
            for (int tx = 0; tx < w; tx += TILE) {
                painter.paint(surface.on(canvas.getGraphicsContext2D()), scene, h, new Viewport(s, -tx, -ty, TILE, TILE));
                WritableImage img = canvas.snapshot(params, null);
                int cw = Math.min(TILE, w - tx);
                int ch = Math.min(TILE, ht - ty);
                img.getPixelReader().getPixels(0, 0, cw, ch, PixelFormat.getIntArgbInstance(), pixels, 0, cw);
                out.setRGB(tx, ty, cw, ch, pixels, 0, cw);
            }
        }
        return out;
    }

    /** PNG-encodes a captured image; slow for big ones, so on a worker thread. */
    public static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
