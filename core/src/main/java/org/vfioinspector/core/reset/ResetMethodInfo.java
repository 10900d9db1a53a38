package org.vfioinspector.core.reset;

import java.util.ArrayList;
import java.util.List;

import org.vfioinspector.core.model.PciDevice;

/** The kernel's function-level reset methods of one device ({@code reset_method}), in plain words. */
public record ResetMethodInfo(String method, String explanation, boolean functionOnly) {

    /** Each method of the device's {@code reset_method}, explained; empty when it has none. */
    public static List<ResetMethodInfo> explain(PciDevice d) {
        List<ResetMethodInfo> out = new ArrayList<>();
        boolean noSoftReset = d.config().flatMap(c -> c.powerManagement()).map(pm -> pm.noSoftReset()).orElse(false);
        for (String m : d.resetMethods().orElse(List.of())) {
            out.add(switch (m) {
                case "flr" -> new ResetMethodInfo(m, "PCIe Function Level Reset: resets only this function.", true);
                case "af_flr" -> new ResetMethodInfo(m, "Function Level Reset through the Advanced Features "
                        + "capability (conventional PCI): resets only this function.", true);
                case "pm" -> new ResetMethodInfo(m, noSoftReset
                        ? "Power-management reset (D3hot→D0), but this device sets NoSoftRst: it keeps its state, "
                                + "so this is not a real reset."
                        : "Power-management reset: a D3hot→D0 transition resets only this function.", !noSoftReset);
                case "bus" -> new ResetMethodInfo(m, "Secondary bus reset used as a function reset: the kernel offers it "
                        + "only because this function is alone on its bus, so nothing else is reset.", true);
                case "device_specific" -> new ResetMethodInfo(m, "A device-specific reset the kernel knows for this model.", true);
                case "acpi" -> new ResetMethodInfo(m, "The firmware's ACPI _RST method for this device.", true);
                case "cxl_bus" -> new ResetMethodInfo(m, "CXL bus reset: a secondary bus reset with CXL memory safeguards.", true);
                default -> new ResetMethodInfo(m, "A reset method this tool does not know.", false);
            });
        }
        return out;
    }

    /** True when {@code VFIO_DEVICE_RESET} can reset just this function with FLR. */
    public static boolean hasFlr(PciDevice d) {
        return d.resetMethods().map(l -> l.contains("flr") || l.contains("af_flr")).orElse(false);
    }
}
