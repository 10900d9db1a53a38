package org.vfioinspector.app.gui.startup;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javafx.scene.Scene;

/**
 * Hears each frame of a scene that JavaFX's renderer has finished, through JavaFX's own frame tracker
 * ({@code com.sun.javafx.perf.PerformanceTracker}, which the renderer notifies after painting a scene). That
 * class is JavaFX-internal: the packaged program opens it with
 * {@code --add-exports=javafx.graphics/com.sun.javafx.perf=ALL-UNNAMED} (packaging/build-deb.sh), the
 * tests' module path too, and {@code java -jar} has JavaFX on the class path, where nothing is closed. Where
 * it is not open, {@link #of} is empty and callers fall back on counting pulses.
 *
 * <p>One tracker slot per scene, so every listener of a scene shares one instance.
 */
public final class RenderedFrames {

    private static final String KEY = RenderedFrames.class.getName();

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    private RenderedFrames() {
    }

    /** The scene's frames, or empty when JavaFX's tracker cannot be reached. FX thread. */
    public static Optional<RenderedFrames> of(Scene scene) {
        Object known = scene.getProperties().get(KEY);
        if (known instanceof RenderedFrames f) {
            return Optional.of(f);
        }
        if (known != null) {
            return Optional.empty(); // tried before, not reachable
        }
        RenderedFrames frames = new RenderedFrames();
        try {
            Class<?> tracker = Class.forName("com.sun.javafx.perf.PerformanceTracker");
            Object t = tracker.getMethod("getSceneTracker", Scene.class).invoke(null, scene);
            Runnable each = () -> frames.listeners.forEach(Runnable::run);
            tracker.getMethod("setOnRenderedFrameTask", Runnable.class).invoke(t, each);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            scene.getProperties().put(KEY, Boolean.FALSE);
            return Optional.empty();
        }
        scene.getProperties().put(KEY, frames);
        return Optional.of(frames);
    }

    /** Calls {@code onFrame} on the renderer's thread after every frame, until removed. */
    void add(Runnable onFrame) {
        listeners.add(onFrame);
    }

    void remove(Runnable onFrame) {
        listeners.remove(onFrame);
    }
}
