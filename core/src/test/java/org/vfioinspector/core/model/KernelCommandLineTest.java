package org.vfioinspector.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class KernelCommandLineTest {

    @Test
    void readsIommuAndVfioParameters() {
        KernelCommandLine c = KernelCommandLine.parse("BOOT_IMAGE=/vmlinuz ro intel_iommu=on iommu=pt "
                + "pcie_acs_override=downstream,multifunction vfio-pci.ids=10de:24b0,10de:228b quiet\n");
        assertThat(c.intelIommu()).contains("on");
        assertThat(c.passthrough()).isTrue();
        assertThat(c.acsOverride()).contains("downstream,multifunction");
        assertThat(c.vfioPciIds()).containsExactly("10de:24b0", "10de:228b");
        assertThat(c.amdIommu()).isEmpty();
    }

    @Test
    void quotedValuesAndLastOccurrenceWin() {
        KernelCommandLine c = KernelCommandLine.parse("iommu=off foo=\"a b\" iommu=pt iommu.passthrough=1");
        assertThat(c.get("foo")).contains("a b");
        assertThat(c.get("iommu")).contains("pt");
        assertThat(c.passthrough()).isTrue();
    }

    @Test
    void hostWithoutGroupsGetsAdviceNotAnError() {
        HostInfo off = new HostInfo(Optional.of("6.1.0"), KernelCommandLine.parse("intel_iommu=off"), 0);
        assertThat(off.iommuEnabled()).isFalse();
        assertThat(off.iommuSummary()).isEqualTo("IOMMU off or not enabled");
        assertThat(off.iommuAdvice()).anyMatch(s -> s.contains("replace it with intel_iommu=on"));
        HostInfo none = new HostInfo(Optional.empty(), KernelCommandLine.EMPTY, 0);
        assertThat(none.iommuAdvice()).anyMatch(s -> s.contains("intel_iommu=on"));
        HostInfo on = new HostInfo(Optional.of("6.15.2-arch1"), KernelCommandLine.parse("iommu=pt"), 17);
        assertThat(on.iommuSummary()).isEqualTo("IOMMU on (passthrough), 17 groups");
        assertThat(on.kernelAtLeast(6, 15)).contains(true);
        assertThat(on.kernelAtLeast(6, 16)).contains(false);
        assertThat(none.kernelAtLeast(6, 15)).isEmpty();
    }
}
