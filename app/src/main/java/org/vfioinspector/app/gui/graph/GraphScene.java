package org.vfioinspector.app.gui.graph;

import java.util.List;
import java.util.Set;

import org.vfioinspector.app.Timing;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;

/**
 * A graph ready to draw: model, coordinates, group regions and their colours, all computed off the FX
 * thread, and the consequence marks of its functions ({@link ConsequenceMarks#NONE} until the host's
 * state is known).
 */
public record GraphScene(GraphModel model, LayoutResult layout, List<GroupRegion> regions, GroupColours colours,
                         ConsequenceMarks marks) {

    public static final GraphScene EMPTY = new GraphScene(new GraphModel(List.of()), LayoutResult.EMPTY, List.of());

    public GraphScene {
        regions = List.copyOf(regions);
    }

    /** Colours chosen by the regions' adjacency, no marks yet. */
    public GraphScene(GraphModel model, LayoutResult layout, List<GroupRegion> regions) {
        this(model, layout, regions, GroupColours.of(regions), ConsequenceMarks.NONE);
    }

    /** The same graph carrying {@code m}. */
    public GraphScene withMarks(ConsequenceMarks m) {
        return new GraphScene(model, layout, regions, colours, m);
    }

    /** Builds, lays out and outlines the topology; slow for big hosts, so never on the FX thread. */
    public static GraphScene compute(Topology topology, PciIds names, Set<PciAddress> expandedPfs, GraphLayout layout) {
        return compute(topology, names, expandedPfs, Set.of(), layout);
    }

    /** As {@link #compute(Topology, PciIds, Set, GraphLayout)}, with the subtrees below {@code collapsedBridges} folded. */
    public static GraphScene compute(Topology topology, PciIds names, Set<PciAddress> expandedPfs,
                                     Set<PciAddress> collapsedBridges, GraphLayout layout) {
        boolean timing = Timing.on();
        GraphModel model = GraphBuilder.build(topology, names, expandedPfs, collapsedBridges);
        if (timing) {
            Timing.mark("graph model built: " + model.size() + " nodes");
        }
        LayoutResult result = layout.layout(model);
        if (timing) {
            Timing.mark("graph laid out by " + layout.getClass().getSimpleName());
        }
        GraphScene scene = new GraphScene(model, result, GroupRegions.of(model, result));
        Timing.mark("group outlines placed");
        return scene;
    }
}
