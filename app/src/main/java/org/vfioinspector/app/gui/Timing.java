package org.vfioinspector.app.gui;

import java.lang.management.ManagementFactory;

/**
 * Start-up timeline for benchmarks: with {@code -Dvfio.timing=true} each mark prints, on standard error,
 * the milliseconds since the JVM started and what was reached ({@code app/src/test/gui/fps.sh} and
 * BENCHMARKS.md use it to split the time to the first frame). Costs nothing when off.
 */
public final class Timing {

    private static final boolean ON = Boolean.getBoolean("vfio.timing");

    private Timing() {
    }

    public static void mark(String what) {
        if (ON) {
            long since = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.err.printf("timing %6d ms  %s [%s]%n", since, what, Thread.currentThread().getName());
        }
    }
}
