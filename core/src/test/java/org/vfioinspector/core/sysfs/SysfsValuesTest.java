package org.vfioinspector.core.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SysfsValuesTest {

    @Test
    void hexAcceptsKernelFormsAndRejectsGarbage() {
        assertThat(SysfsValues.parseHex("0x8086\n")).hasValue(0x8086);
        assertThat(SysfsValues.parseHex("10de")).hasValue(0x10de);
        assertThat(SysfsValues.parseHex("0x030000", 24)).hasValue(0x030000);
        assertThat(SysfsValues.parseHex("0x1030000", 24)).isEmpty();
        assertThat(SysfsValues.parseHex("0x18086", 16)).isEmpty();
        assertThat(SysfsValues.parseHex("zzzz")).isEmpty();
        assertThat(SysfsValues.parseHex("")).isEmpty();
        assertThat(SysfsValues.parseHex("0x")).isEmpty();
        assertThat(SysfsValues.parseHex("0x123456789")).isEmpty();
        assertThat(SysfsValues.parseHex(null)).isEmpty();
    }

    @Test
    void decimalHandlesNegativeNumaNodeAndGarbage() {
        assertThat(SysfsValues.parseDecimal("-1")).hasValue(-1);
        assertThat(SysfsValues.parseDecimal("12\n")).hasValue(12);
        assertThat(SysfsValues.parseDecimal("99999999999")).isEmpty();
        assertThat(SysfsValues.parseDecimal("1.5")).isEmpty();
    }

    @Test
    void resetMethodEmptyMeansDisabled() {
        assertThat(SysfsValues.parseResetMethods("flr bus\n")).containsExactly("flr", "bus");
        assertThat(SysfsValues.parseResetMethods("")).isEmpty();
        assertThat(SysfsValues.parseResetMethods("flr  pm\tbus")).containsExactly("flr", "pm", "bus");
        assertThat(SysfsValues.parseResetMethods("flr $(reboot)")).containsExactly("flr");
    }

    @Test
    void linkValuesDropUnknownsAndGarbage() {
        assertThat(SysfsValues.parseLinkSpeed("8.0 GT/s PCIe")).contains("8.0 GT/s PCIe");
        assertThat(SysfsValues.parseLinkSpeed("2.5 GT/s")).contains("2.5 GT/s");
        assertThat(SysfsValues.parseLinkSpeed("Unknown")).isEmpty();
        assertThat(SysfsValues.parseLinkSpeed("fast")).isEmpty();
        assertThat(SysfsValues.parseLinkWidth("16")).hasValue(16);
        assertThat(SysfsValues.parseLinkWidth("0")).isEmpty();
        assertThat(SysfsValues.parseLinkWidth("255")).isEmpty();
    }

    @Test
    void flagsAndDriverOverride() {
        assertThat(SysfsValues.parseFlag("1")).contains(true);
        assertThat(SysfsValues.parseFlag("yes")).isEmpty();
        assertThat(SysfsValues.parseDriverOverride("(null)")).isEmpty();
        assertThat(SysfsValues.parseDriverOverride("vfio-pci\n")).contains("vfio-pci");
    }

    @Test
    void quoteMakesUntrustedTextSafe() {
        assertThat(SysfsValues.quote("a\u0000b\u001bc")).isEqualTo("'a?b?c'");
        assertThat(SysfsValues.quote("x".repeat(100))).endsWith("…'").hasSizeLessThan(50);
    }
}
