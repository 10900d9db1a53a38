package org.vfioinspector.app.gui.startup;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.vfioinspector.core.sysfs.ScanProgress;

/**
 * How far the read of a host has got, for the window to poll a few times a second (the scan's threads
 * write it for every function; redrawing that often would cost more than the read). Thread-safe.
 *
 * <p>A host read in two steps (the launcher's: the graph's outline, then the details) reports the first
 * step here and the second to {@link #details()}; the fraction then counts the first step as
 * {@value #OUTLINE_SHARE} of the work, about what it costs.
 */
public final class ReadGauge implements ScanProgress {

    /** The outline's share of a read in two steps: about its share of the files read. */
    static final double OUTLINE_SHARE = 0.6;

    private final AtomicInteger done = new AtomicInteger();
    private volatile int total = -1;
    private final AtomicInteger detailsDone = new AtomicInteger();
    private volatile int detailsTotal = -1;
    private volatile boolean staged;

    @Override
    public void functionsRead(int read, int of) {
        total = of;
        done.accumulateAndGet(read, Math::max);
    }

    /** Hears the second step of a read in two: the details of each function, after the outline. */
    public ScanProgress details() {
        staged = true;
        return (read, of) -> {
            detailsTotal = of;
            detailsDone.accumulateAndGet(read, Math::max);
        };
    }

    /** Functions read so far over all of them, 0 to 1; 0 until the functions have been listed. */
    public double fraction() {
        double first = fraction(done.get(), total);
        return staged ? OUTLINE_SHARE * first + (1 - OUTLINE_SHARE) * fraction(detailsDone.get(), detailsTotal) : first;
    }

    private static double fraction(int n, int of) {
        return of <= 0 ? 0 : Math.min(1.0, n / (double) of);
    }

    /** "1,234 of 4,096 functions read", "details of 1,234 of 4,096 functions read", or empty before the listing. */
    public String describe() {
        int d = detailsTotal;
        if (d >= 0) {
            return String.format(Locale.ROOT, "details of %,d of %,d functions read", Math.min(detailsDone.get(), d), d);
        }
        int t = total;
        return t < 0 ? "" : String.format(Locale.ROOT, "%,d of %,d functions read", Math.min(done.get(), t), t);
    }
}
