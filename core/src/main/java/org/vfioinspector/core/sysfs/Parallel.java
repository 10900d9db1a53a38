package org.vfioinspector.core.sysfs;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/** Independent reads on all cores when there are enough of them, results in index order. */
final class Parallel {

    /** Fewer functions or groups than this are read on the calling thread alone. */
    static final int THRESHOLD = 32;

    private Parallel() {
    }

    /** {@code task(0..n-1)} on the common fork/join pool when there are enough to share, results in index order. */
    @SuppressWarnings("unchecked")
    static <T> List<T> map(int n, IntFunction<T> task) {
        Object[] out = new Object[n];
        IntStream range = IntStream.range(0, n);
        (n >= THRESHOLD ? range.parallel() : range).forEach(i -> out[i] = task.apply(i));
        return (List<T>) Arrays.asList(out);
    }
}
