package org.vfioinspector.app.gui.startup;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import javafx.application.Platform;
import javafx.scene.Scene;

import org.vfioinspector.app.Timing;

/**
 * Start-up benchmark probe of the real window ({@code -Dvfio.timing=true}): marks the first frame that
 * reached the screen after a pulse in which {@code ready} held (the graph is in the scene), as JavaFX's own
 * frame tracker counts rendered frames. Should an older frame still have been painting during that pulse,
 * the mark comes one frame early (tens of milliseconds with the software renderer). With {@code -Dvfio.timing.exit=true} the program then exits, so a script can
 * time many starts of the installed package ({@code packaging/bench-first-frame.sh}).
 *
 * <p>The tracker is JavaFX-internal: the JVM needs
 * {@code --add-exports=javafx.graphics/com.sun.javafx.perf=ALL-UNNAMED} (the script passes it in
 * {@code JAVA_TOOL_OPTIONS}). Without it the probe says so once and measures nothing. Does nothing at all
 * unless timing is on. With {@code -Dvfio.timing.snapshot=FILE} it also saves the scene, as that frame showed
 * it, as a PNG (before it exits).
 */
public final class FirstFrame {

    private FirstFrame() {
    }

    public static void watch(Scene scene, BooleanSupplier ready) {
        if (!Timing.on()) {
            return;
        }
        boolean exit = Boolean.getBoolean("vfio.timing.exit");
        AtomicLong frames = new AtomicLong();
        AtomicLong armedAt = new AtomicLong(-1);
        Runnable armer = new Runnable() {
            @Override
            public void run() {
                // after the layout of a pulse in which the graph is in the scene: its render comes next
                if (ready.getAsBoolean() && armedAt.compareAndSet(-1, frames.get())) {
                    Timing.mark("graph in the scene (pulse)");
                    Platform.runLater(() -> scene.removePostLayoutPulseListener(this));
                }
            }
        };
        scene.addPostLayoutPulseListener(armer);
        AtomicBoolean done = new AtomicBoolean();
        Runnable onFrame = () -> { // on the renderer thread, once a frame reached the screen
            long n = frames.incrementAndGet();
            if (n == 1) {
                Timing.mark("first frame of the window");
            }
            long armed = armedAt.get();
            if (armed >= 0 && n > armed && done.compareAndSet(false, true)) {
                Timing.mark("first frame with the graph");
                Runnable end = () -> {
                    if (exit) {
                        Timing.threads();
                        Timing.mark("exiting (vfio.timing.exit)");
                        Runtime.getRuntime().halt(0);
                    }
                };
                String shot = System.getProperty("vfio.timing.snapshot");
                if (shot != null) {
                    Platform.runLater(() -> { // the scene as that frame showed it, before anything else changes it
                        save(scene, java.nio.file.Path.of(shot));
                        end.run();
                    });
                } else {
                    end.run();
                }
            }
        };
        RenderedFrames.of(scene).ifPresentOrElse(rendered -> rendered.add(onFrame),
                () -> Timing.mark("first frame not measurable: run with "
                        + "--add-exports=javafx.graphics/com.sun.javafx.perf=ALL-UNNAMED"));
    }

    /** The scene's pixels as a PNG at {@code file} ({@code -Dvfio.timing.snapshot=FILE}: to look at the first frame). */
    private static void save(Scene scene, java.nio.file.Path file) {
        javafx.scene.image.WritableImage img = scene.snapshot(null);
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] argb = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        try {
            javax.imageio.ImageIO.write(out, "png", file.toFile());
            Timing.mark("first frame saved to " + file);
        } catch (java.io.IOException e) {
            Timing.mark("first frame not saved: " + e.getMessage());
        }
    }
}
