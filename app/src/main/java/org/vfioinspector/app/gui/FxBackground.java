package org.vfioinspector.app.gui;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.concurrent.Task;

/**
 * {@link Background} with JavaFX {@link Task}s on daemon threads: the window's two worker threads, or
 * one thread per task for the reset wizard, whose privileged commands may wait minutes for a password
 * and must not hold up (or wait behind) the window's reads and layouts.
 */
public final class FxBackground implements Background {

    private final Executor executor;

    /** Two daemon worker threads: the window's reads, layouts and file writes (two cores are common). */
    public FxBackground() {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> daemon(r, "inspector-worker-" + count.incrementAndGet()));
    }

    private FxBackground(Executor executor) {
        this.executor = executor;
    }

    /** A new daemon thread called {@code name} for each task. */
    public static FxBackground threadPerTask(String name) {
        return new FxBackground(r -> daemon(r, name).start());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public <T> void run(String what, Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                updateMessage(what);
                return work.call();
            }
        };
        task.setOnSucceeded(e -> done.accept(task.getValue()));
        task.setOnFailed(e -> failed.accept(task.getException()));
        executor.execute(task);
    }

    @Override
    public void publish(Runnable update) {
        if (Platform.isFxApplicationThread()) {
            update.run();
        } else {
            Platform.runLater(update);
        }
    }
}
