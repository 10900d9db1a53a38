package org.vfioinspector.app.gui.wizard;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.concurrent.Task;

/** Runs wizard work in a JavaFX {@link Task} on a daemon thread; callbacks arrive on the FX thread. */
public final class FxWizardExecutor implements WizardExecutor {

    @Override
    public <T> void submit(Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> done.accept(task.getValue()));
        task.setOnFailed(e -> failed.accept(task.getException()));
        Thread t = new Thread(task, "reset-wizard");
        t.setDaemon(true);
        t.start();
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
