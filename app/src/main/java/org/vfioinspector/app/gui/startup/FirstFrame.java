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
 * unless timing is on.
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
                if (exit) {
                    Timing.threads();
                    Timing.mark("exiting (vfio.timing.exit)");
                    Runtime.getRuntime().halt(0);
                }
            }
        };
        RenderedFrames.of(scene).ifPresentOrElse(rendered -> rendered.add(onFrame),
                () -> Timing.mark("first frame not measurable: run with "
                        + "--add-exports=javafx.graphics/com.sun.javafx.perf=ALL-UNNAMED"));
    }
}
