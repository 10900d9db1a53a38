package org.vfioinspector.core.reset;

import java.util.Optional;

import org.vfioinspector.core.model.PciDevice;

/**
 * The kernel's per-model exceptions to its function-reset probe (drivers/pci/quirks.c, mainline): devices
 * flagged {@code PCI_DEV_FLAGS_NO_FLR_RESET} ({@code quirk_no_flr}) or {@code PCI_DEV_FLAGS_NO_PM_RESET}
 * ({@code quirk_no_pm_reset}), and the {@code pci_dev_reset_methods[]} table of device-specific resets.
 * Older kernels may lack entries added later; that is said where the result is shown.
 */
final class ResetQuirks {

    private ResetQuirks() {
    }

    /** Why the kernel never uses FLR (PCIe or AF) on this device, or empty. */
    static Optional<String> noFlr(PciDevice d) {
        if (d.vendorId().isEmpty() || d.deviceId().isEmpty()) {
            return Optional.empty();
        }
        int v = d.vendorId().getAsInt();
        int id = d.deviceId().getAsInt();
        if (v == 0x8086 && (id == 0x1502 || id == 0x1503)) {
            return Optional.of("Intel 82579 NICs hang after FLR (kernel quirk_no_flr)");
        }
        if (v == 0x1022 && (id == 0x1485 || id == 0x1486 || id == 0x1487 || id == 0x148c || id == 0x149c
                || id == 0x7901)) {
            return Optional.of("these AMD chipset functions hang after FLR (kernel quirk_no_flr)");
        }
        if (v == 0x14c3 && id == 0x0616) {
            return Optional.of("the MediaTek MT7922 hangs after FLR (kernel quirk_no_flr)");
        }
        if (v == 0xd063 && id == 0x1000 && d.revision().orElse(-1) == 0x01) {
            return Optional.of("the SolidRun SNET DPU rev 1 hangs after FLR (kernel quirk_no_flr_snet)");
        }
        return Optional.empty();
    }

    /**
     * Why the kernel does not use the D3hot→D0 ("pm") reset on this device, or empty. ATI/AMD VGA
     * functions get the flag only off a root bus: there a bus reset is possible instead.
     */
    static Optional<String> noPmReset(PciDevice d, boolean onRootBus) {
        if (d.vendorId().isEmpty()) {
            return Optional.empty();
        }
        int v = d.vendorId().getAsInt();
        if (v == 0x1002 && d.classCode().isPresent() && (d.classCode().getAsInt() >> 8) == 0x0300 && !onRootBus) {
            return Optional.of("ATI/AMD VGA devices ignore a D3hot→D0 transition (kernel quirk_no_pm_reset)");
        }
        int id = d.deviceId().orElse(-1);
        if (v == 0x15b3 && (id == 0xcb84 || id == 0xcf6c || id == 0xcf70 || id == 0xcf80)) {
            return Optional.of("Mellanox Spectrum switches stay up across D3hot→D0 (kernel quirk_no_pm_reset)");
        }
        return Optional.empty();
    }

    /**
     * Whether {@code pci_dev_specific_reset()} would offer a reset for this device: the table entry's probe
     * returns 0. Entries that build on FLR probe it first, so they need {@code flrUsable}.
     */
    static Optional<String> deviceSpecific(PciDevice d, boolean flrUsable) {
        if (d.vendorId().isEmpty() || d.deviceId().isEmpty()) {
            return Optional.empty();
        }
        int v = d.vendorId().getAsInt();
        int id = d.deviceId().getAsInt();
        if (v == 0x8086 && id == 0x10ed) {
            return Optional.of("82599 VF reset (reset_intel_82599_sfp_virtfn)");
        }
        if (v == 0x8086 && (id == 0x0156 || id == 0x0166)) {
            return Optional.of("Ivy Bridge graphics reset (reset_ivb_igd)");
        }
        if (v == 0x144d && id == 0xa804 && flrUsable && d.classCode().orElse(0) == 0x010802) {
            return Optional.of("NVMe disable, then FLR (nvme_disable_and_flr)");
        }
        if (((v == 0x8086 && (id == 0x0953 || id == 0x0a54)) || (v == 0x025e && id == 0xf1ac)) && flrUsable) {
            return Optional.of("FLR followed by a 250 ms wait (delay_250ms_after_flr)");
        }
        if (v == 0x1425 && (id & 0xf000) == 0x4000) {
            return Optional.of("Chelsio T4 reset (reset_chelsio_generic_dev)");
        }
        if (v == 0x19e5 && id == 0x375e) {
            return Optional.of("Huawei HiNIC VF reset (reset_hinic_vf_dev)");
        }
        return Optional.empty();
    }
}
