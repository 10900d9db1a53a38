package org.vfioinspector.app.gui.startup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javafx.animation.AnimationTimer;

/**
 * Runs panel updates one frame late, so that the next frame carries only the graph's change. With the
 * software renderer a frame in which the device tree, details and blast panel all change costs ~60 ms of
 * painting at 1600×1000, while the graph's highlight alone paints within a 60 Hz frame (BENCHMARKS.md,
 * selection): the user sees the blast radius in the graph at once and the panels fill in just after.
 * Updates are keyed, so a burst of selections (arrow keys held down) paints each panel once, with the
 * last value. FX thread only.
 */
public final class AfterNextFrame {

    private final Map<String, Runnable> pending = new LinkedHashMap<>();
    private final AnimationTimer timer = new AnimationTimer() {
        private int pulses;

        @Override
        public void handle(long now) {
            // the first pulse renders what changed before (the graph); the second applies the panels
            if (++pulses < 2) {
                return;
            }
            pulses = 0;
            stop();
            flush();
        }
    };

    /** Replaces any update of {@code key} still waiting, and schedules {@code update}. */
    public void submit(String key, Runnable update) {
        pending.remove(key);
        pending.put(key, update);
        timer.start();
    }

    /** Applies every waiting update now (a new host, or a test that must not wait for pulses). */
    public void flush() {
        List<Runnable> run = new ArrayList<>(pending.values());
        pending.clear();
        run.forEach(Runnable::run);
    }
}
