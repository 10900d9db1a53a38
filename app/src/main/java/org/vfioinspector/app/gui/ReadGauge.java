package org.vfioinspector.app.gui;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.vfioinspector.core.sysfs.ScanProgress;

/**
 * How far the read of a host has got, for the window to poll a few times a second (the scan's threads
 * write it for every function; redrawing that often would cost more than the read). Thread-safe.
 */
public final class ReadGauge implements ScanProgress {

    private final AtomicInteger done = new AtomicInteger();
    private volatile int total = -1;

    @Override
    public void functionsRead(int read, int of) {
        total = of;
        done.accumulateAndGet(read, Math::max);
    }

    /** Functions read so far over all of them, 0 to 1; 0 until the functions have been listed. */
    public double fraction() {
        int t = total;
        return t <= 0 ? 0 : Math.min(1.0, done.get() / (double) t);
    }

    /** "1,234 of 4,096 functions read", or empty before the listing. */
    public String describe() {
        int t = total;
        return t < 0 ? "" : String.format(Locale.ROOT, "%,d of %,d functions read", Math.min(done.get(), t), t);
    }
}
