package org.vfioinspector.app.gui.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;

/**
 * The topology as a forest of {@link GraphNode}s: nodes in depth-first order (parents before
 * children, siblings by address), with indexes by id, by children and by function address.
 */
public final class GraphModel {

    private final List<GraphNode> nodes;
    private final Map<String, GraphNode> byId;
    private final Map<String, List<GraphNode>> children;
    private final Map<PciAddress, String> nodeOfAddress;

    public GraphModel(List<GraphNode> nodes) {
        this.nodes = List.copyOf(nodes);
        Map<String, GraphNode> ids = new LinkedHashMap<>();
        Map<String, List<GraphNode>> kids = new HashMap<>();
        Map<PciAddress, String> addresses = new HashMap<>();
        for (GraphNode n : this.nodes) {
            if (ids.put(n.id(), n) != null) {
                throw new IllegalArgumentException("duplicate node id " + n.id());
            }
            if (n.parentId() != null) {
                kids.computeIfAbsent(n.parentId(), k -> new ArrayList<>()).add(n);
            }
            for (PciAddress a : n.members()) {
                // a function shown by itself wins over the VF group that also lists it
                if (n.kind() == NodeKind.FUNCTION || !addresses.containsKey(a)) {
                    addresses.put(a, n.id());
                }
            }
        }
        kids.replaceAll((k, v) -> List.copyOf(v));
        this.byId = Collections.unmodifiableMap(ids);
        this.children = Collections.unmodifiableMap(kids);
        this.nodeOfAddress = Collections.unmodifiableMap(addresses);
    }

    /** All nodes, parents before their children. */
    public List<GraphNode> nodes() {
        return nodes;
    }

    public int size() {
        return nodes.size();
    }

    public Optional<GraphNode> node(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<GraphNode> children(String id) {
        return children.getOrDefault(id, List.of());
    }

    /** The top nodes (domains). */
    public List<GraphNode> roots() {
        return nodes.stream().filter(n -> n.parentId() == null).toList();
    }

    public Optional<GraphNode> parent(GraphNode n) {
        return n.parentId() == null ? Optional.empty() : node(n.parentId());
    }

    /** The node that shows a function: its own node, or the collapsed VF group or subtree that holds it. */
    public Optional<GraphNode> nodeOf(PciAddress address) {
        return Optional.ofNullable(nodeOfAddress.get(address)).map(byId::get);
    }
}
