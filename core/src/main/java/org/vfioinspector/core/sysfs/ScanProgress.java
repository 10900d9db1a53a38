package org.vfioinspector.core.sysfs;

/**
 * Hears how far a scan has got: {@link #functionsRead} is called once with {@code done == 0} when the
 * function directories have been listed, then after each function, from whichever thread read it (a big
 * scan reads on several). Implementations must be cheap and thread-safe; a window polls what they stored
 * rather than redrawing per call.
 */
@FunctionalInterface
public interface ScanProgress {

    /** Hears nothing. */
    ScanProgress NONE = (done, total) -> { };

    void functionsRead(int done, int total);
}
