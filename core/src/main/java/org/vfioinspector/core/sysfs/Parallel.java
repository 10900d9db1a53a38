package org.vfioinspector.core.sysfs;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/** Independent reads on all cores when there are enough of them, results in index order. */
final class Parallel {

    /** Fewer functions or groups than this are read on the calling thread alone. */
    static final int THRESHOLD = 32;

    private Parallel() {
    }

    /**
     * {@code task(0..n-1)} on the calling thread and one helper thread per further core when there are enough
     * to share, results in index order. Each thread takes the next index in turn, so a slow directory holds up
     * only its own thread. Plain threads rather than a parallel stream: a command that reads a few hundred
     * functions once would otherwise load and run the fork/join and stream machinery cold (≈ 70 classes).
     * The first exception a task throws is thrown here, after every thread has stopped.
     */
    @SuppressWarnings("unchecked")
    static <T> List<T> map(int n, IntFunction<T> task) {
        Object[] out = new Object[n];
        int helpers = n >= THRESHOLD ? Math.min(Runtime.getRuntime().availableProcessors(), 8) - 1 : 0;
        if (helpers <= 0) {
            for (int i = 0; i < n; i++) {
                out[i] = task.apply(i);
            }
            return (List<T>) Arrays.asList(out);
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Runnable work = () -> {
            try {
                for (int i = next.getAndIncrement(); i < n && failed.get() == null; i = next.getAndIncrement()) {
                    out[i] = task.apply(i);
                }
            } catch (RuntimeException | Error e) {
                failed.compareAndSet(null, e);
            }
        };
        Thread[] threads = new Thread[helpers];
        for (int t = 0; t < helpers; t++) {
            threads[t] = new Thread(work, "vfio-inspector-read-" + t);
            threads[t].setDaemon(true);
            threads[t].start();
        }
        work.run();
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the reads are short; finish them, then pass the interrupt on
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable e = failed.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return (List<T>) Arrays.asList(out);
    }
}
