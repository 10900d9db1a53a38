package org.vfioinspector.app.gui.graph;

/** What a node of the topology graph stands for. */
public enum NodeKind {
    /** A PCI domain (segment); the top of each tree. */
    DOMAIN,
    /** A root bus, shown only when a domain has more than one. */
    ROOT_BUS,
    /** One PCI function. */
    FUNCTION,
    /** The SR-IOV virtual functions of one PF, collapsed into a single "N VFs" node. */
    VF_GROUP,
    /** Everything below a collapsed bridge, folded into one "N functions below" node. */
    SUBTREE;

    /** A node that stands for several hidden functions and opens on a click. */
    public boolean folded() {
        return this == VF_GROUP || this == SUBTREE;
    }
}
