package org.vfioinspector.core.reset;

import java.util.ArrayList;
import java.util.List;

import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

/** The kernel's function-level reset methods of one device ({@code reset_method}), in plain words. */
public record ResetMethodInfo(String method, String explanation, boolean functionOnly) {

    /** Each method of the device's {@code reset_method}, explained; empty when it has none (or no such file). */
    public static List<ResetMethodInfo> explain(PciDevice d) {
        return explain(d, d.resetMethods().orElse(List.of()), false);
    }

    /**
     * Each method the kernel has for the device ({@link KernelResetMethods}), explained: the
     * {@code reset_method} list, or on a kernel without that file the inferred one, each marked
     * "Inferred"; empty when there is none or it is unknown.
     */
    public static List<ResetMethodInfo> explain(PciDevice d, Topology t) {
        KernelResetMethods k = KernelResetMethods.of(d, t);
        return explain(d, k.methods().orElse(List.of()), k.source() == KernelResetMethods.Source.INFERRED);
    }

    private static List<ResetMethodInfo> explain(PciDevice d, List<String> methods, boolean inferred) {
        List<ResetMethodInfo> out = new ArrayList<>();
        boolean noSoftReset = d.config().flatMap(c -> c.powerManagement()).map(pm -> pm.noSoftReset()).orElse(false);
        for (String m : methods) {
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
        if (inferred) {
            // the kernel did not say so: an old kernel without reset_method, read from config space
            out.replaceAll(r -> new ResetMethodInfo(r.method(), "Inferred (this kernel has no reset_method file). "
                    + r.explanation(), r.functionOnly()));
        }
        return out;
    }

    /** True when {@code VFIO_DEVICE_RESET} can reset just this function with FLR. */
    public static boolean hasFlr(PciDevice d) {
        return d.resetMethods().map(l -> l.contains("flr") || l.contains("af_flr")).orElse(false);
    }
}
