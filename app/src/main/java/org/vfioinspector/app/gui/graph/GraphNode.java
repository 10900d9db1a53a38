package org.vfioinspector.app.gui.graph;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.vfioinspector.core.model.PciAddress;

/**
 * One box of the topology graph with everything the painter writes on it; sizes are fixed per kind
 * so that layout does not depend on fonts.
 *
 * @param parentId     the node this one hangs below; null for a domain
 * @param address      the function (FUNCTION), the physical function (VF_GROUP) or the collapsed bridge (SUBTREE)
 * @param title        first line (address, "Domain 0000", "4 VFs")
 * @param subtitle     second line (device name or port role)
 * @param detail       third, dimmer line (class or vendor/device name)
 * @param group        the IOMMU group of a function
 * @param linkLabel    the link to the parent, e.g. "16 GT/s x16"; empty when unknown
 * @param linkDegraded the link into the function trained below what both ends support (LinkHop's rule; not
 *                     lspci's comparison with the device's own maximum)
 * @param members      the functions the node stands for (one, a PF's VFs, or all below a collapsed bridge)
 */
public record GraphNode(String id, NodeKind kind, String parentId, Optional<PciAddress> address,
                        String title, String subtitle, String detail, Glyph glyph, OptionalInt group,
                        DriverBadge badge, String linkLabel, boolean linkDegraded, List<PciAddress> members,
                        double width, double height) {

    public GraphNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        members = List.copyOf(members);
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("node " + id + " needs a positive size");
        }
    }

    public boolean isFunction() {
        return kind == NodeKind.FUNCTION;
    }
}
