package org.vfioinspector.core.model;

import java.util.Optional;
import java.util.OptionalInt;

/** PCIe link speed and width as sysfs reports them ({@code current_link_*}, {@code max_link_*}). */
public record LinkStatus(Optional<String> currentSpeed, OptionalInt currentWidth,
                         Optional<String> maxSpeed, OptionalInt maxWidth) {

    public static final LinkStatus UNKNOWN =
            new LinkStatus(Optional.empty(), OptionalInt.empty(), Optional.empty(), OptionalInt.empty());

    public boolean known() {
        return currentSpeed.isPresent() || currentWidth.isPresent();
    }

    /** {@code "8.0 GT/s PCIe x4"} or {@code "unknown"}; the kernel's own speed text is kept. */
    public String describeCurrent() {
        if (!known()) {
            return "unknown";
        }
        return currentSpeed.orElse("?") + currentWidth.stream().mapToObj(w -> " x" + w).findFirst().orElse("");
    }
}
