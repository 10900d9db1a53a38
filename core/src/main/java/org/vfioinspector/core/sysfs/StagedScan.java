package org.vfioinspector.core.sysfs;

import java.util.Objects;
import java.util.function.Function;

import org.vfioinspector.core.model.Topology;

/**
 * A host read in two steps ({@link SysfsReader#scanInStages}): the {@link #outline()} right away, with
 * what the topology graph shows, and {@link #complete} once, with everything {@link SysfsReader#scan()}
 * reads. The second step reads only what the first left out; what it had read is remembered until then.
 */
public final class StagedScan {

    private final Topology outline;
    private Function<ScanProgress, Topology> rest;
    private Topology complete;

    StagedScan(Topology outline, Function<ScanProgress, Topology> rest) {
        this.outline = Objects.requireNonNull(outline, "outline");
        this.rest = Objects.requireNonNull(rest, "rest");
    }

    /**
     * Every function with its place in the tree, IDs, driver, IOMMU group and links, and the config space
     * of bridges; the fields the graph does not show are absent, and so are their notes.
     */
    public Topology outline() {
        return outline;
    }

    /**
     * The whole host, as {@link SysfsReader#scan()} would have read it when the outline was read: reads
     * the rest the first time (telling {@code progress}), then returns the same topology.
     */
    public synchronized Topology complete(ScanProgress progress) {
        if (complete == null) {
            complete = rest.apply(progress);
            rest = null; // lets what the outline read go
        }
        return complete;
    }
}
