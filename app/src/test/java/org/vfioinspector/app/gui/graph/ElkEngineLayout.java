package org.vfioinspector.app.gui.graph;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.elk.alg.mrtree.options.MrTreeMetaDataProvider;
import org.eclipse.elk.alg.mrtree.options.MrTreeOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * The oracle for {@link ElkTreeLayout}: the same tree, with the same options, laid out through ELK's
 * public entry point, an EMF {@code ElkNode} graph given to {@link RecursiveGraphLayoutEngine} (how
 * the window laid out its graph before it called mrtree directly). Each box is the node's position
 * as ELK leaves it, relative to the top-left-most node.
 */
final class ElkEngineLayout {

    private ElkEngineLayout() {
    }

    /** Top-left corners by node id, shifted so that the smallest x and y are 0. */
    static Map<String, double[]> corners(GraphModel model) {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new MrTreeMetaDataProvider());
        ElkNode graph = ElkGraphUtil.createGraph();
        graph.setProperty(CoreOptions.ALGORITHM, MrTreeOptions.ALGORITHM_ID);
        ElkTreeLayout.options(graph);
        graph.setProperty(CoreOptions.OMIT_NODE_MICRO_LAYOUT, true);
        ElkNode root = ElkGraphUtil.createNode(graph);
        root.setDimensions(1, 1);
        Map<String, ElkNode> elk = new HashMap<>();
        for (GraphNode n : model.nodes()) {
            ElkNode e = ElkGraphUtil.createNode(graph);
            e.setDimensions(n.width() + ElkTreeLayout.LAYER_GAP - ElkTreeLayout.SIBLING_GAP, n.height());
            elk.put(n.id(), e);
        }
        for (GraphNode n : model.nodes()) {
            ElkGraphUtil.createSimpleEdge(n.parentId() == null ? root : elk.get(n.parentId()), elk.get(n.id()));
        }
        new RecursiveGraphLayoutEngine().layout(graph, new BasicProgressMonitor());
        double minX = elk.values().stream().mapToDouble(ElkNode::getX).min().orElse(0);
        double minY = elk.values().stream().mapToDouble(ElkNode::getY).min().orElse(0);
        Map<String, double[]> out = new HashMap<>();
        elk.forEach((id, e) -> out.put(id, new double[] {e.getX() - minX, e.getY() - minY}));
        return out;
    }
}
