package org.vfioinspector.core.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void resultsComeInIndexOrderWhateverThreadMadeThem() {
        for (int n : new int[] {0, 1, Parallel.THRESHOLD - 1, Parallel.THRESHOLD, 5_000}) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            List<Integer> out = Parallel.map(n, i -> {
                threads.add(Thread.currentThread().getName());
                return i * 3;
            });
            assertThat(out).as("n=" + n).containsExactlyElementsOf(IntStream.range(0, n).map(i -> i * 3).boxed().toList());
            if (n > 0 && n < Parallel.THRESHOLD) {
                assertThat(threads).as("few tasks stay on the caller").containsOnly(Thread.currentThread().getName());
            }
        }
    }

    @Test
    void aTaskThatThrowsFailsTheWholeMapAfterTheOtherThreadsStop() {
        RuntimeException boom = new IllegalStateException("function 77 vanished");
        assertThatThrownBy(() -> Parallel.map(1_000, i -> {
            if (i == 77) {
                throw boom;
            }
            return i;
        })).isSameAs(boom);
        assertThatThrownBy(() -> Parallel.map(3, i -> {
            throw new IllegalArgumentException("x" + i);
        })).hasMessage("x0");
        assertThat(Thread.interrupted()).isFalse();
    }
}
