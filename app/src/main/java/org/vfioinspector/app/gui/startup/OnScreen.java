package org.vfioinspector.app.gui.startup;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Runs an action once what a scene shows has reached the screen: after the first frame JavaFX renders
 * following a pulse in which {@code ready} held. Where JavaFX's frame tracker cannot be reached
 * ({@link RenderedFrames}), three pulses after that pulse, which is usually, not always, after its frame.
 */
public final class OnScreen {

    /** Pulses to wait without the frame tracker. */
    static final int PULSES_WITHOUT_TRACKER = 3;

    private OnScreen() {
    }

    /** Runs {@code action} on the FX thread once, after the first frame rendered after {@code ready} held in a pulse. FX thread. */
    public static void when(Scene scene, BooleanSupplier ready, Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        Runnable once = () -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
        RenderedFrames frames = RenderedFrames.of(scene).orElse(null);
        AtomicBoolean armed = new AtomicBoolean();
        Runnable armer = new Runnable() {
            @Override
            public void run() {
                // after the layout of a pulse in which the graph is in the scene: its frame comes next
                if (!ready.getAsBoolean() || !armed.compareAndSet(false, true)) {
                    return;
                }
                Platform.runLater(() -> scene.removePostLayoutPulseListener(this));
                if (frames == null) {
                    afterPulses(once);
                    return;
                }
                frames.add(new Runnable() {
                    @Override
                    public void run() { // the renderer's thread
                        frames.remove(this);
                        Platform.runLater(once);
                    }
                });
            }
        };
        scene.addPostLayoutPulseListener(armer);
    }

    private static void afterPulses(Runnable action) {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses >= PULSES_WITHOUT_TRACKER) {
                    stop();
                    action.run();
                }
            }
        }.start();
    }
}
