package org.vfioinspector.app.gui.graph;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.elk.alg.mrtree.options.EdgeRoutingMode;
import org.eclipse.elk.alg.mrtree.options.MrTreeMetaDataProvider;
import org.eclipse.elk.alg.mrtree.options.MrTreeOptions;
import org.eclipse.elk.alg.mrtree.options.OrderWeighting;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * A tidy left-to-right tree by Eclipse ELK's {@code mrtree}: domains on the left, endpoints on the
 * right, siblings in address order. Left to right because node boxes are wide text and a PCI tree
 * is far wider than deep; top-down would need a screen kilometres wide.
 *
 * <p>The forest is hung below one invisible root so that ELK lays out one tree; that root is
 * dropped from the result.
 */
public final class ElkTreeLayout implements GraphLayout {

    /** Space between siblings. */
    public static final double SIBLING_GAP = 24;
    /** Space between a parent and its children (edges and link labels go here). */
    public static final double LAYER_GAP = 110;
    private static final double MARGIN = 24;
    private static final String VIRTUAL_ROOT = "\u0000root";

    private static volatile boolean registered;

    @Override
    public LayoutResult layout(GraphModel model) {
        if (model.size() == 0) {
            return LayoutResult.EMPTY;
        }
        register();
        ElkNode graph = ElkGraphUtil.createGraph();
        graph.setProperty(CoreOptions.ALGORITHM, MrTreeOptions.ALGORITHM_ID);
        graph.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        graph.setProperty(MrTreeOptions.WEIGHTING, OrderWeighting.MODEL_ORDER);
        graph.setProperty(MrTreeOptions.SPACING_NODE_NODE, SIBLING_GAP);
        graph.setProperty(CoreOptions.PADDING, new ElkPadding(0));
        graph.setProperty(MrTreeOptions.SEPARATE_CONNECTED_COMPONENTS, false);
        // boxes have fixed sizes and no ELK labels: skip ELK's per-node label and size pass
        graph.setProperty(CoreOptions.OMIT_NODE_MICRO_LAYOUT, true);
        // the painter draws its own elbow edges; ELK's overlap-avoiding routing is most of its run time
        graph.setProperty(MrTreeOptions.EDGE_ROUTING_MODE, EdgeRoutingMode.MIDDLE_TO_MIDDLE);

        Map<String, ElkNode> elk = new HashMap<>();
        ElkNode root = ElkGraphUtil.createNode(graph);
        root.setIdentifier(VIRTUAL_ROOT);
        root.setDimensions(1, 1);
        for (GraphNode n : model.nodes()) {
            ElkNode e = ElkGraphUtil.createNode(graph);
            e.setIdentifier(n.id());
            // mrtree has one spacing for siblings and levels: widen boxes to make the level gap
            e.setDimensions(n.width() + LAYER_GAP - SIBLING_GAP, n.height());
            elk.put(n.id(), e);
        }
        // nodes() is parents-first, siblings in address order: edges in that order keep the order
        for (GraphNode n : model.nodes()) {
            ElkNode parent = n.parentId() == null ? root : elk.get(n.parentId());
            ElkGraphUtil.createSimpleEdge(parent, elk.get(n.id()));
        }
        new RecursiveGraphLayoutEngine().layout(graph, new BasicProgressMonitor());

        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        for (ElkNode e : elk.values()) {
            minX = Math.min(minX, e.getX());
            minY = Math.min(minY, e.getY());
        }
        Map<String, Rect> boxes = new HashMap<>();
        Rect bounds = null;
        for (Map.Entry<String, ElkNode> en : elk.entrySet()) {
            ElkNode e = en.getValue();
            GraphNode n = model.node(en.getKey()).orElseThrow();
            Rect r = new Rect(e.getX() - minX + MARGIN, e.getY() - minY + MARGIN, n.width(), n.height());
            boxes.put(en.getKey(), r);
            bounds = bounds == null ? r : bounds.union(r);
        }
        Rect all = new Rect(0, 0, bounds.maxX() + MARGIN, bounds.maxY() + MARGIN);
        return new LayoutResult(boxes, all);
    }

    /**
     * Starts {@link #warmUp()} on a daemon thread. ELK's first layout spends seconds loading and
     * verifying its signed jars; the launcher calls this so that happens while JavaFX starts and
     * the host is read, not after.
     */
    public static void warmUpInBackground() {
        Thread t = new Thread(() -> {
            try {
                warmUp();
            } catch (RuntimeException | LinkageError e) {
                // only a warm-up: the real layout reports any problem
            }
        }, "layout-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** Loads ELK's classes with a tiny layout, so the first real one is not slowed by class loading. */
    public static void warmUp() {
        GraphNode a = new GraphNode("a", NodeKind.DOMAIN, null, java.util.Optional.empty(), "", "", "", Glyph.BRIDGE,
                java.util.OptionalInt.empty(), DriverBadge.HIDDEN_BADGE, "", false, java.util.List.of(), 10, 10);
        GraphNode b = new GraphNode("b", NodeKind.DOMAIN, "a", java.util.Optional.empty(), "", "", "", Glyph.BRIDGE,
                java.util.OptionalInt.empty(), DriverBadge.HIDDEN_BADGE, "", false, java.util.List.of(), 10, 10);
        new ElkTreeLayout().layout(new GraphModel(java.util.List.of(a, b)));
    }

    /** ELK finds algorithms through Eclipse plug-in metadata; outside Eclipse they are registered by hand. */
    private static void register() {
        if (!registered) {
            synchronized (ElkTreeLayout.class) {
                if (!registered) {
                    LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new MrTreeMetaDataProvider());
                    registered = true;
                }
            }
        }
    }
}
