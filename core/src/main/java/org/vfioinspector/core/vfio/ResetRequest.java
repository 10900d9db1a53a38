package org.vfioinspector.core.vfio;

import java.util.List;
import java.util.Objects;

import org.vfioinspector.core.model.PciAddress;

/**
 * What the engineer asked for: reset {@code target}, accepting exactly the functions in
 * {@code confirmed} (the set they saw and agreed to; any other set the kernel names refuses the reset).
 *
 * @param confirmed sorted and without duplicates after construction; must not be empty
 * @param dryRun    run every step but the final reset ioctl
 * @param bind      the caller will bind the affected functions to vfio-pci first, so "not on vfio-pci"
 *                  blockers do not refuse the plan made before binding
 */
public record ResetRequest(PciAddress target, List<PciAddress> confirmed, ResetKind kind, boolean dryRun,
                           boolean bind) {

    public ResetRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        confirmed = confirmed.stream().map(Objects::requireNonNull).sorted().distinct().toList();
        if (confirmed.isEmpty()) {
            throw new IllegalArgumentException("the confirmed set must name at least one function");
        }
    }

    /** The same request without {@link #bind()}: what is checked once the functions are on vfio-pci. */
    public ResetRequest afterBinding() {
        return new ResetRequest(target, confirmed, kind, dryRun, false);
    }
}
