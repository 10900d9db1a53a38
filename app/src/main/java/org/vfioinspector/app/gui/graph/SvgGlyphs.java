package org.vfioinspector.app.gui.graph;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

import javax.imageio.ImageIO;

/** The class glyphs for an SVG document: each PNG recoloured (keeping alpha) and base64-encoded, without JavaFX. */
final class SvgGlyphs {

    private SvgGlyphs() {
    }

    /** Each glyph PNG recoloured to {@code tint} (keeping alpha), base64-encoded. */
    static Map<Glyph, String> tinted(String tint) {
        int rgb = Integer.parseInt(tint.substring(1), 16);
        Map<Glyph, String> out = new EnumMap<>(Glyph.class);
        for (Glyph g : Glyph.values()) {
            try (InputStream in = SvgGlyphs.class.getResourceAsStream("/org/vfioinspector/app/gui/" + g.resource())) {
                if (in == null) {
                    continue;
                }
                BufferedImage src = ImageIO.read(in);
                if (src == null) {
                    continue;
                }
                BufferedImage dst = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_ARGB);
                for (int y = 0; y < src.getHeight(); y++) {
                    for (int x = 0; x < src.getWidth(); x++) {
                        int a = src.getRGB(x, y) >>> 24;
                        dst.setRGB(x, y, a << 24 | rgb);
                    }
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ImageIO.write(dst, "png", bytes);
                out.put(g, Base64.getEncoder().encodeToString(bytes.toByteArray()));
            } catch (IOException e) {
                // without the picture the node keeps its text; nothing else depends on it
            }
        }
        return out;
    }
}
