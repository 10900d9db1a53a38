package org.vfioinspector.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Start-up timeline for benchmarks: with {@code -Dvfio.timing=true} each mark prints, on standard error,
 * the milliseconds since the process started, what was reached, and the CPU time the marking thread has
 * used so far ({@code app/src/test/gui/fps.sh}, {@code packaging/bench-first-frame.sh} and
 * BENCHMARKS.md use it to split the time to the first frame). Costs nothing when off. Only
 * {@code java.base}: the installed runtime has no {@code java.management}.
 */
public final class Timing {

    private static final boolean ON = Boolean.getBoolean("vfio.timing");
    private static final long START = ON ? processStartMillis() : 0;

    private Timing() {
    }

    /** Whether marks are printed ({@code -Dvfio.timing=true}). */
    public static boolean on() {
        return ON;
    }

    public static void mark(String what) {
        if (ON) {
            long since = System.currentTimeMillis() - START;
            System.err.printf("timing %6d ms  %s [%s, %s ms CPU]%n", since, what, Thread.currentThread().getName(),
                    threadCpuMillis());
        }
    }

    /**
     * When this process started, in {@link System#currentTimeMillis()} terms: its age is the system's uptime
     * minus the process's start in clock ticks after boot (/proc/uptime, /proc/self/stat field 22; 10 ms
     * resolution). {@code ProcessHandle}'s start instant is no good here: it adds the boot time, which the
     * kernel gives in whole seconds.
     */
    private static long processStartMillis() {
        long now = System.currentTimeMillis();
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(f[19]); // field 22 of the whole line
            double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return now - Math.round(uptime * 1000 - startTicks * 10.0); // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(now);
        }
    }

    /**
     * Prints the CPU time (user + system) of every thread of this process so far, JVM threads (compiler, GC)
     * included, from /proc/self/task/N/stat, most first: where a start-up went.
     */
    public static void threads() {
        if (!ON) {
            return;
        }
        java.util.List<String> rows = new java.util.ArrayList<>();
        long total = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // utime + stime, USER_HZ 100
                    total += ms;
                    if (ms > 0) {
                        rows.add(String.format("%7d ms  %s", ms, name));
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return;
        }
        rows.sort(java.util.Comparator.reverseOrder());
        rows.forEach(r -> System.err.println("thread " + r));
        System.err.printf("thread %7d ms  all live threads%n", total);
    }

    /** This thread's CPU time from /proc/thread-self/schedstat (its first field, in ns); "?" elsewhere. */
    private static String threadCpuMillis() {
        try {
            String s = Files.readString(Path.of("/proc/thread-self/schedstat")).strip();
            int sp = s.indexOf(' ');
            return Long.toString(Long.parseLong(sp < 0 ? s : s.substring(0, sp)) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
