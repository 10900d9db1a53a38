package org.vfioinspector.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountedTest {

    @Test
    void oneIsSingularEverythingElsePlural() {
        assertThat(Counted.of(1, "function")).isEqualTo("1 function");
        assertThat(Counted.of(0, "function")).isEqualTo("0 functions");
        assertThat(Counted.of(2, "record")).isEqualTo("2 records");
        assertThat(Counted.of(-1, "line")).isEqualTo("-1 lines");
        assertThat(Counted.of(4096L * 1024 * 1024, "byte")).isEqualTo("4294967296 bytes");
    }
}
