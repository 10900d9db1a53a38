package org.vfioinspector.app.gui.wizard;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Where the wizard's slow work runs. The application uses {@link FxWizardExecutor} (a JavaFX
 * {@code Task} on a daemon thread; results and {@link #publish} on the FX thread); model tests use
 * {@link #direct()}, which runs everything at once on the calling thread.
 */
public interface WizardExecutor {

    /** Runs {@code work} in the background, then {@code done} or {@code failed} on the UI thread. */
    <T> void submit(Callable<T> work, Consumer<T> done, Consumer<Throwable> failed);

    /** Runs {@code update} on the UI thread (progress messages from background work). */
    void publish(Runnable update);

    /** Same thread, at once: for tests and tools without a UI thread. */
    static WizardExecutor direct() {
        return new WizardExecutor() {
            @Override
            public <T> void submit(Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
                T value;
                try {
                    value = work.call();
                } catch (Exception | Error e) {
                    failed.accept(e);
                    return;
                }
                done.accept(value);
            }

            @Override
            public void publish(Runnable update) {
                update.run();
            }
        };
    }
}
