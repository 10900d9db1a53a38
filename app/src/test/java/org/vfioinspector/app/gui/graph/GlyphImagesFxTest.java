package org.vfioinspector.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;

import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Every glyph in one tint: the tint's colour with the glyph's own alpha, pixel by pixel. */
@ExtendWith(ApplicationExtension.class)
class GlyphImagesFxTest {

    @Start
    void start(Stage stage) {
        // the FX toolkit, for images
    }

    @Test
    void eachPixelHasTheTintsColourAndTheGlyphsAlpha() throws Exception {
        GlyphImages tinted = new GlyphImages("#3a7bd5");
        for (Glyph g : Glyph.values()) {
            Image src;
            try (InputStream in = GlyphImages.class.getResourceAsStream("/org/vfioinspector/app/gui/" + g.resource())) {
                assertThat(in).as(g.resource()).isNotNull();
                src = new Image(in);
            }
            Image out = tinted.get(g);
            assertThat(out.getWidth()).isEqualTo(src.getWidth());
            PixelReader a = src.getPixelReader();
            PixelReader b = out.getPixelReader();
            int opaque = 0;
            for (int y = 0; y < (int) src.getHeight(); y++) {
                for (int x = 0; x < (int) src.getWidth(); x++) {
                    int alpha = a.getArgb(x, y) >>> 24;
                    assertThat(b.getArgb(x, y) >>> 24).as("%s alpha at %d,%d", g, x, y).isEqualTo(alpha);
                    if (alpha > 0) {
                        // the image stores premultiplied colour: a faint pixel's channels come back rounded
                        int slack = (int) Math.ceil(255.0 / alpha);
                        int argb = b.getArgb(x, y);
                        for (int shift : new int[] {16, 8, 0}) {
                            assertThat(argb >> shift & 0xff).as("%s colour at %d,%d", g, x, y)
                                    .isCloseTo(0x3a7bd5 >> shift & 0xff, org.assertj.core.data.Offset.offset(slack));
                        }
                        opaque += alpha == 255 ? 1 : 0;
                    }
                }
            }
            assertThat(opaque).as("%s draws something", g).isPositive();
        }
    }
}
