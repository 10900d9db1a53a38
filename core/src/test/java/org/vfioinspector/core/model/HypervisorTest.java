package org.vfioinspector.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class HypervisorTest {

    private static final String CPUINFO_VM = "processor\t: 0\nvendor_id\t: AuthenticAMD\n"
            + "flags\t\t: fpu vme de pse tsc msr pae hypervisor lahf_lm\nbugs\t\t: spectre_v1\n\n";
    private static final String CPUINFO_METAL = "processor\t: 0\nvendor_id\t: GenuineIntel\n"
            + "flags\t\t: fpu vme de pse tsc msr pae vmx hypervisor_not_a_flag\n\n"
            + "processor\t: 1\nflags\t\t: hypervisor\n";

    private static Optional<Hypervisor> detect(String type, String vendor, String product, String cpuinfo) {
        return Hypervisor.detect(Optional.ofNullable(type), Optional.ofNullable(vendor), Optional.ofNullable(product),
                Optional.ofNullable(cpuinfo));
    }

    @Test
    void theFirmwareNamesTheCommonHypervisors() {
        assertThat(detect(null, "QEMU", "Standard PC (Q35 + ICH9, 2009)", null)).map(Hypervisor::name)
                .contains("QEMU/KVM");
        assertThat(detect(null, "VMware, Inc.", "VMware Virtual Platform", null)).map(Hypervisor::name)
                .contains("VMware");
        assertThat(detect(null, "Microsoft Corporation", "Virtual Machine", null)).map(Hypervisor::name)
                .contains("Hyper-V");
        assertThat(detect(null, "innotek GmbH", "VirtualBox", null)).map(Hypervisor::name).contains("VirtualBox");
        assertThat(detect(null, "Red Hat", "KVM", null)).map(Hypervisor::name).contains("QEMU/KVM");
        assertThat(detect(null, "QEMU", "Standard PC (i440FX + PIIX, 1996)", null).orElseThrow().evidence())
                .contains("QEMU Standard PC (i440FX + PIIX, 1996)");
    }

    @Test
    void sysHypervisorTypeWinsAndXenIsNamed() {
        assertThat(detect("xen\n", "Dell Inc.", "PowerEdge R740", null)).map(Hypervisor::name).contains("Xen");
    }

    @Test
    void onlyTheFirstFlagsLineCountsAndOnlyTheWholeWord() {
        assertThat(detect(null, null, null, CPUINFO_VM)).map(Hypervisor::name).contains(Hypervisor.UNNAMED);
        // "hypervisor_not_a_flag" is not the flag; the second processor block is never read as the first
        assertThat(detect(null, null, null, CPUINFO_METAL)).isEmpty();
    }

    @Test
    void bareMetalVendorsAndAmazonMetalAreNotVirtualMachines() {
        assertThat(detect(null, "Dell Inc.", "PowerEdge R740", CPUINFO_METAL)).isEmpty();
        assertThat(detect(null, "Amazon EC2", "m5.metal", null)).isEmpty();
        assertThat(detect(null, "LENOVO", "21CBCTO1WW", null)).isEmpty();
        assertThat(detect("", "", "", "")).isEmpty();
    }

    @Test
    void aVirtualMachineWithoutGroupsIsToldToAddAVirtualIommuNotToVisitTheFirmware() {
        HostInfo vm = new HostInfo(Optional.of("6.1.0"), KernelCommandLine.parse("ro quiet"), 0,
                detect(null, "QEMU", "Standard PC (Q35 + ICH9, 2009)", null));
        assertThat(vm.iommuAdvice()).hasSize(2);
        assertThat(vm.iommuAdvice().get(0)).contains("virtual machine", "QEMU/KVM");
        assertThat(vm.iommuAdvice().get(1)).contains("virtual IOMMU", "intel-iommu", "run VFIO Inspector on the host")
                .doesNotContain("firmware setup");
        HostInfo metal = new HostInfo(Optional.of("6.1.0"), KernelCommandLine.parse("ro quiet"), 0);
        assertThat(String.join(" ", metal.iommuAdvice())).contains("firmware setup").doesNotContain("virtual");
        HostInfo vmWithGroups = new HostInfo(Optional.of("6.1.0"), KernelCommandLine.EMPTY, 3,
                detect(null, "QEMU", "x", null));
        assertThat(vmWithGroups.iommuAdvice()).isEmpty();
    }
}
