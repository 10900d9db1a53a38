package org.vfioinspector.core.host;

/** Everything about the host beyond the PCI tree that the blast radius needs, read once per scan. */
public record HostState(HolderScan holders, HostImpact impact) {

    public static final HostState NONE = new HostState(HolderScan.NONE, HostImpact.NONE);
}
