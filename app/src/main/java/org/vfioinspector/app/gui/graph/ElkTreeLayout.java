package org.vfioinspector.app.gui.graph;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.elk.alg.mrtree.MrTree;
import org.eclipse.elk.alg.mrtree.graph.TEdge;
import org.eclipse.elk.alg.mrtree.graph.TGraph;
import org.eclipse.elk.alg.mrtree.graph.TNode;
import org.eclipse.elk.alg.mrtree.options.EdgeRoutingMode;
import org.eclipse.elk.alg.mrtree.options.MrTreeOptions;
import org.eclipse.elk.alg.mrtree.options.OrderWeighting;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.math.KVector;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.util.BasicProgressMonitor;

/**
 * A tidy left-to-right tree by Eclipse ELK's {@code mrtree}: domains on the left, endpoints on the
 * right, siblings in address order. Left to right because node boxes are wide text and a PCI tree
 * is far wider than deep; top-down would need a screen kilometres wide.
 *
 * <p>The forest is hung below one invisible root so that ELK lays out one tree; that root is
 * dropped from the result.
 *
 * <p>The graph goes to mrtree's own algorithm ({@link MrTree} on its {@link TGraph}) rather than
 * through ELK's general engine ({@code RecursiveGraphLayoutEngine} on an EMF {@code ElkNode} graph),
 * which for a tree of one algorithm only copies the graph into a {@code TGraph}, runs the same
 * {@code MrTree}, and copies the positions back. Those copies and the EMF model behind them were
 * three quarters of a first layout's cost at start-up (EMF's package set-up, an EMF object and a
 * property map per node and edge; BENCHMARKS.md, run 4), for the same coordinates:
 * {@code ElkTreeLayoutTest} checks every box against the engine's result.
 */
public final class ElkTreeLayout implements GraphLayout {

    /** Space between siblings. */
    public static final double SIBLING_GAP = 24;
    /** Space between a parent and its children (edges and link labels go here). */
    public static final double LAYER_GAP = 110;
    private static final double MARGIN = 24;

    @Override
    public LayoutResult layout(GraphModel model) {
        if (model.size() == 0) {
            return LayoutResult.EMPTY;
        }
        TGraph graph = new TGraph();
        options(graph);
        int index = 0;
        // the invisible root: mrtree lays out one tree; its box is dropped below
        TNode root = node(graph, index++, 1, 1);
        Map<String, TNode> tree = new HashMap<>();
        for (GraphNode n : model.nodes()) {
            // mrtree has one spacing for siblings and levels: widen boxes to make the level gap
            tree.put(n.id(), node(graph, index++, n.width() + LAYER_GAP - SIBLING_GAP, n.height()));
        }
        // nodes() is parents-first, siblings in address order: edges in that order keep the order
        for (GraphNode n : model.nodes()) {
            edge(graph, n.parentId() == null ? root : tree.get(n.parentId()), tree.get(n.id()));
        }
        new MrTree().doLayout(graph, new BasicProgressMonitor());

        // mrtree leaves each node's top-left corner in its position
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        for (TNode t : tree.values()) {
            minX = Math.min(minX, t.getPosition().x);
            minY = Math.min(minY, t.getPosition().y);
        }
        Map<String, Rect> boxes = new HashMap<>();
        Rect bounds = null;
        for (GraphNode n : model.nodes()) {
            KVector p = tree.get(n.id()).getPosition();
            Rect r = new Rect(p.x - minX + MARGIN, p.y - minY + MARGIN, n.width(), n.height());
            boxes.put(n.id(), r);
            bounds = bounds == null ? r : bounds.union(r);
        }
        Rect all = new Rect(0, 0, bounds.maxX() + MARGIN, bounds.maxY() + MARGIN);
        return new LayoutResult(boxes, all);
    }

    /** The options this layout sets; everything else keeps mrtree's defaults. */
    static void options(org.eclipse.elk.graph.properties.IPropertyHolder graph) {
        graph.setProperty(MrTreeOptions.DIRECTION, Direction.RIGHT);
        graph.setProperty(MrTreeOptions.WEIGHTING, OrderWeighting.MODEL_ORDER);
        graph.setProperty(MrTreeOptions.SPACING_NODE_NODE, SIBLING_GAP);
        graph.setProperty(MrTreeOptions.PADDING, new ElkPadding(0));
        graph.setProperty(MrTreeOptions.SEPARATE_CONNECTED_COMPONENTS, false);
        // the painter draws its own elbow edges; ELK's overlap-avoiding routing is most of its run time
        graph.setProperty(MrTreeOptions.EDGE_ROUTING_MODE, EdgeRoutingMode.MIDDLE_TO_MIDDLE);
    }

    /** A node as ELK's importer makes one: its position is its centre until mrtree has placed it. */
    private static TNode node(TGraph graph, int index, double width, double height) {
        TNode t = new TNode(index, graph, "");
        t.getSize().x = Math.max(width, 1);
        t.getSize().y = Math.max(height, 1);
        t.getPosition().x = width / 2;
        t.getPosition().y = height / 2;
        graph.getNodes().add(t);
        return t;
    }

    private static void edge(TGraph graph, TNode source, TNode target) {
        TEdge e = new TEdge(source, target);
        source.getOutgoingEdges().add(e);
        target.getIncomingEdges().add(e);
        graph.getEdges().add(e);
    }

    /**
     * Starts {@link #warmUp()} on a daemon thread, for tools that lay out a host while their window
     * starts (the screenshot renderer). The window itself does not: on two CPUs a warm-up only takes
     * the time from the host's read (BENCHMARKS.md).
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
}
