package org.vfioinspector.core.reset;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.text.Counted;

/**
 * Whether {@code VFIO_DEVICE_RESET} works for a function, from the kernel's methods. vfio-pci sets
 * {@code reset_works} when the kernel's reset at open succeeds, and the kernel tries the methods in
 * {@code reset_method}'s order, moving on when one answers ENOTTY: {@code bus} does so when another
 * function now shares the bus ({@code pci_parent_bus_reset}), {@code pm} when the function sets
 * NoSoftRst ({@code pci_pm_reset}). Any other listed method is taken to work.
 *
 * @param possible  true/false, empty when the methods cannot be known
 * @param method    the first method that works, in the kernel's order
 */
record FunctionResetMethods(KernelResetMethods kernel, Optional<Boolean> possible, Optional<String> method,
                            String reason, Optional<Finding> blocker, Optional<Finding> unknown) {

    static FunctionResetMethods of(PciDevice d, Topology t) {
        KernelResetMethods k = KernelResetMethods.of(d, t);
        var a = d.address();
        if (k.methods().isEmpty()) {
            String why = "Whether the kernel has a function reset for " + a + " is unknown: " + k.explanation();
            return new FunctionResetMethods(k, Optional.empty(), Optional.empty(), why, Optional.empty(),
                    Optional.of(Finding.of("RESET_METHODS_UNKNOWN", a, why)));
        }
        List<String> methods = k.methods().get();
        if (methods.isEmpty()) {
            boolean disabled = k.source() == KernelResetMethods.Source.SYSFS;
            String why = disabled ? a + "'s reset_method is empty: an administrator disabled its reset, so "
                    + "VFIO_DEVICE_RESET fails." : "The kernel finds no function reset method for " + a + " ("
                    + k.explanation() + "), so VFIO_DEVICE_RESET is not offered.";
            return impossible(k, why, disabled ? "RESET_DISABLED" : "NO_FUNCTION_RESET", d);
        }
        List<String> refused = new ArrayList<>();
        int others = t.devicesOnBus(a.busAddress()).size() - 1;
        boolean noSoftReset = d.config().flatMap(c -> c.powerManagement()).map(pm -> pm.noSoftReset()).orElse(false);
        for (String m : methods) {
            if (m.equals("bus") && others > 0) {
                refused.add("'bus' is refused while " + Counted.of(others, "other function") + " share" + (others == 1 ? "s" : "") + " bus " + a.busAddress());
            } else if (m.equals("pm") && noSoftReset) {
                refused.add("'pm' is refused because " + a + " sets NoSoftRst");
            } else {
                return new FunctionResetMethods(k, Optional.of(true), Optional.of(m), works(a.toString(), m, refused),
                        Optional.empty(), Optional.empty());
            }
        }
        return impossible(k, "The kernel lists " + String.join(", ", methods) + " for " + a + ", but "
                + String.join("; ", refused) + " (ENOTTY), so VFIO_DEVICE_RESET fails.", "NO_FUNCTION_RESET", d);
    }

    private static FunctionResetMethods impossible(KernelResetMethods k, String why, String code, PciDevice d) {
        return new FunctionResetMethods(k, Optional.of(false), Optional.empty(), why,
                Optional.of(Finding.of(code, d.address(), why)), Optional.empty());
    }

    private static String works(String a, String m, List<String> refused) {
        String what = switch (m) {
            case "flr" -> "a PCIe Function Level Reset";
            case "af_flr" -> "a Function Level Reset through the Advanced Features capability";
            case "pm" -> "a power-management reset (D3hot→D0)";
            case "bus" -> "a secondary bus reset, which touches only " + a + " because it is alone on its bus";
            case "device_specific" -> "the kernel's device-specific reset";
            case "acpi" -> "the firmware's ACPI _RST method";
            case "cxl_bus" -> "a CXL bus reset";
            default -> "its '" + m + "' method";
        };
        return "VFIO_DEVICE_RESET resets only " + a + ": the kernel uses " + what
                + (refused.isEmpty() ? "." : " (" + String.join("; ", refused) + ").");
    }
}
