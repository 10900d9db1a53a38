package org.vfioinspector.core.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * SR-IOV relations of a function: {@code physfn} (set on a VF), {@code virtfnN} links (on a PF),
 * and the VF counters of a PF.
 */
public record SriovInfo(Optional<PciAddress> physfn, List<PciAddress> virtfns,
                        OptionalInt numVfs, OptionalInt totalVfs) {

    public static final SriovInfo NONE = new SriovInfo(Optional.empty(), List.of(), OptionalInt.empty(), OptionalInt.empty());

    public SriovInfo {
        virtfns = List.copyOf(virtfns);
    }

    public boolean isVirtualFunction() {
        return physfn.isPresent();
    }

    public boolean isPhysicalFunction() {
        return totalVfs.isPresent() || !virtfns.isEmpty();
    }
}
