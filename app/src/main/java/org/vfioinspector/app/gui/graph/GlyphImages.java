package org.vfioinspector.app.gui.graph;

import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;

import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * The class glyphs as FX images in one colour. The PNGs are drawn dark for light backgrounds;
 * recolouring keeps their alpha, so the dark theme gets the same shapes in a light tint.
 */
public final class GlyphImages {

    private final Map<Glyph, Image> images = new EnumMap<>(Glyph.class);

    public GlyphImages(String tint) {
        Color c = Color.web(tint);
        for (Glyph g : Glyph.values()) {
            try (InputStream in = GlyphImages.class.getResourceAsStream("/org/vfioinspector/app/gui/" + g.resource())) {
                if (in != null) {
                    images.put(g, tinted(new Image(in), c));
                }
            } catch (java.io.IOException e) {
                // a missing glyph only loses the picture; the node still has its text
            }
        }
    }

    /** The glyph, or null when its resource could not be read. */
    public Image get(Glyph g) {
        Image i = images.get(g);
        return i != null ? i : images.get(Glyph.UNKNOWN);
    }

    private static Image tinted(Image src, Color c) {
        int w = (int) src.getWidth();
        int h = (int) src.getHeight();
        PixelReader r = src.getPixelReader();
        if (r == null || w == 0 || h == 0) {
            return src;
        }
        WritableImage out = new WritableImage(w, h);
        PixelWriter pw = out.getPixelWriter();
        // the tint's RGB with each pixel's own alpha, in ints: no Color object per pixel, and the pixels read
        // and written in one call each, not two calls per pixel (the window's start runs this interpreted)
        int rgb = (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
        int[] argb = new int[w * h];
        r.getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        for (int i = 0; i < argb.length; i++) {
            argb[i] = argb[i] & 0xff000000 | rgb;
        }
        pw.setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return out;
    }
}
