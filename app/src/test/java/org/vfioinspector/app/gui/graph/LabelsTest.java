package org.vfioinspector.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.vfioinspector.core.model.LinkStatus;

class LabelsTest {

    @Test
    void vendorNamesLoseTheirCompanySuffixOrUseTheirShortForm() {
        assertThat(Labels.shortVendor("NVIDIA Corporation")).isEqualTo("NVIDIA");
        assertThat(Labels.shortVendor("Advanced Micro Devices, Inc. [AMD/ATI]")).isEqualTo("AMD/ATI");
        assertThat(Labels.shortVendor("Samsung Electronics Co Ltd")).isEqualTo("Samsung Electronics Co");
        assertThat(Labels.shortVendor("Intel Corporation")).isEqualTo("Intel");
        assertThat(Labels.shortVendor("Red Hat, Inc.")).isEqualTo("Red Hat");
    }

    @Test
    void linkSpeedDropsTheKernelsDecimalsAndPcieSuffix() {
        LinkStatus l = new LinkStatus(Optional.of("16.0 GT/s PCIe"), OptionalInt.of(16), Optional.of("16.0 GT/s PCIe"), OptionalInt.of(16));
        assertThat(Labels.link(l)).isEqualTo("16 GT/s x16");
        assertThat(Labels.link(new LinkStatus(Optional.of("2.5 GT/s PCIe"), OptionalInt.of(1), Optional.empty(),
                OptionalInt.empty()))).isEqualTo("2.5 GT/s x1");
        assertThat(Labels.link(LinkStatus.UNKNOWN)).isEmpty();
        assertThat(Labels.speed("Unknown")).isEqualTo("Unknown");
    }

    @Test
    void aLinkIsDegradedWhenSlowerOrNarrowerThanItsMaximum() {
        assertThat(Labels.degraded(new LinkStatus(Optional.of("2.5 GT/s PCIe"), OptionalInt.of(1),
                Optional.of("8.0 GT/s PCIe"), OptionalInt.of(1)))).isTrue();
        assertThat(Labels.degraded(new LinkStatus(Optional.of("8.0 GT/s PCIe"), OptionalInt.of(2),
                Optional.of("8.0 GT/s PCIe"), OptionalInt.of(4)))).isTrue();
        assertThat(Labels.degraded(new LinkStatus(Optional.of("8.0 GT/s PCIe"), OptionalInt.of(4),
                Optional.of("8.0 GT/s PCIe"), OptionalInt.of(4)))).isFalse();
        assertThat(Labels.degraded(new LinkStatus(Optional.of("Unknown"), OptionalInt.of(0),
                Optional.of("garbage"), OptionalInt.of(4)))).as("unreadable values are not a finding").isFalse();
    }

    @Test
    void busRangeNamesOneBusOrARange() {
        assertThat(Labels.busRange(OptionalInt.of(4), OptionalInt.of(4))).isEqualTo("bus 04");
        assertThat(Labels.busRange(OptionalInt.of(2), OptionalInt.of(5))).isEqualTo("buses 02–05");
        assertThat(Labels.busRange(OptionalInt.empty(), OptionalInt.of(5))).isEmpty();
    }
}
