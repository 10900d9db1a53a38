package org.vfioinspector.app.gui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Where slow work runs: reading a host, laying out the graph, writing files, the reset wizard's
 * privileged commands. The window uses {@link FxBackground} (a JavaFX {@code Task} on a worker
 * thread, results delivered on the FX thread); tests use {@link #sameThread()} so presentation
 * models need no FX thread.
 */
public interface Background {

    /**
     * Runs {@code work} away from the caller; then {@code done} or {@code failed} on the caller's
     * (UI) thread.
     *
     * @param what a few words for the status bar while it runs ("Reading this host")
     */
    <T> void run(String what, Callable<T> work, Consumer<T> done, Consumer<Throwable> failed);

    /** Runs {@code update} on the UI thread (progress messages from work running in the background). */
    void publish(Runnable update);

    /** Runs everything at once on the calling thread. */
    static Background sameThread() {
        return new Background() {
            @Override
            public <T> void run(String what, Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
                T result;
                try {
                    result = work.call();
                } catch (Exception | Error e) {
                    // as a Task: whatever the work throws is its failure
                    failed.accept(e);
                    return;
                }
                done.accept(result);
            }

            @Override
            public void publish(Runnable update) {
                update.run();
            }
        };
    }
}
