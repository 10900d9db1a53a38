package org.vfioinspector.app.gui.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.vfioinspector.core.sysfs.ScanProgress;

class ReadGaugeTest {

    @Test
    void emptyUntilTheListingThenCountsUp() {
        ReadGauge g = new ReadGauge();
        assertThat(g.fraction()).isZero();
        assertThat(g.describe()).isEmpty();
        g.functionsRead(0, 4096);
        assertThat(g.describe()).isEqualTo("0 of 4,096 functions read");
        g.functionsRead(1024, 4096);
        assertThat(g.fraction()).isEqualTo(0.25);
        assertThat(g.describe()).isEqualTo("1,024 of 4,096 functions read");
    }

    @Test
    void aLateSmallerCountFromAnotherThreadDoesNotGoBack() throws Exception {
        ReadGauge g = new ReadGauge();
        g.functionsRead(0, 1000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 1000; i >= 1; i--) {
            int done = i;
            pool.execute(() -> g.functionsRead(done, 1000));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(g.fraction()).isEqualTo(1.0);
        g.functionsRead(3, 1000);
        assertThat(g.describe()).isEqualTo("1,000 of 1,000 functions read");
    }

    @Test
    void aHostWithoutFunctions() {
        ReadGauge g = new ReadGauge();
        g.functionsRead(0, 0);
        assertThat(g.fraction()).isZero();
        assertThat(g.describe()).isEqualTo("0 of 0 functions read");
    }

    @Test
    void aReadInTwoStepsCountsTheOutlineThenTheDetails() {
        ReadGauge g = new ReadGauge();
        ScanProgress details = g.details();
        g.functionsRead(0, 1000);
        g.functionsRead(500, 1000);
        assertThat(g.fraction()).isCloseTo(ReadGauge.OUTLINE_SHARE / 2, within(1e-9));
        g.functionsRead(1000, 1000);
        assertThat(g.fraction()).isCloseTo(ReadGauge.OUTLINE_SHARE, within(1e-9));
        assertThat(g.describe()).isEqualTo("1,000 of 1,000 functions read");
        details.functionsRead(0, 1000);
        details.functionsRead(250, 1000);
        assertThat(g.fraction()).isCloseTo(ReadGauge.OUTLINE_SHARE + (1 - ReadGauge.OUTLINE_SHARE) / 4, within(1e-9));
        assertThat(g.describe()).isEqualTo("details of 250 of 1,000 functions read");
        details.functionsRead(1000, 1000);
        assertThat(g.fraction()).isEqualTo(1.0);
    }
}
