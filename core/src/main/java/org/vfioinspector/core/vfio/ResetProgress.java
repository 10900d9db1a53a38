package org.vfioinspector.core.vfio;

/**
 * Hears the reset protocol as it runs, one call at a time, so a user watching a slow step (a hot
 * reset can take seconds while the link retrains) sees which ioctl is under way. Called on the thread
 * that runs {@link HotResetExecutor#execute(ResetPlan, ResetProgress)}; implementations must be quick and
 * must not throw (an exception from a listener is swallowed, never allowed to stop a reset half way).
 */
public interface ResetProgress {

    /** Hears nothing. */
    ResetProgress NONE = new ResetProgress() {
    };

    /** A call is about to run. */
    default void starting(Stage stage, String target) {
    }

    /** A step ended (ok, skipped, refused or failed), exactly as it will appear in the report. */
    default void finished(ResetReport.Step step) {
    }
}
