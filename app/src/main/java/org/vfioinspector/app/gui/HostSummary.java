package org.vfioinspector.app.gui;

import org.vfioinspector.app.session.LoadedHost;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.vfio.ProcessIdentity;

/** The status bar's one-line description of a host. */
public final class HostSummary {

    private HostSummary() {
    }

    /** "47 functions · 31 IOMMU groups · IOMMU on (passthrough) · kernel 6.8.0 · demo topology". */
    public static String of(LoadedHost host) {
        Topology t = host.topology();
        StringBuilder s = new StringBuilder();
        s.append(t.size()).append(t.size() == 1 ? " function" : " functions");
        s.append(" · ").append(t.groups().size()).append(t.groups().size() == 1 ? " IOMMU group" : " IOMMU groups");
        s.append(" · ");
        if (t.host().iommuEnabled()) {
            s.append("IOMMU on (").append(t.host().cmdline().passthrough() ? "passthrough" : "translated").append(')');
        } else {
            s.append("IOMMU off");
        }
        t.host().kernelRelease().ifPresent(k -> s.append(" · kernel ").append(k));
        t.host().hypervisor().ifPresent(h -> s.append(" · virtual machine (").append(h.name()).append(')'));
        s.append(" · ").append(host.title());
        if (!host.state().holders().complete()) {
            s.append(" · ").append(incompleteHolders(host.source().kind(), ProcessIdentity.isRoot()));
        }
        return s.toString();
    }

    /**
     * Why the holders may be incomplete: "not root" only when that is the reason (this host read by a user);
     * root can be refused some processes' files too (sandboxes), and a capture may lack them whoever reads it.
     */
    static String incompleteHolders(Session.Source source, boolean root) {
        return source == Session.Source.LIVE && !root ? "not root: holders may be incomplete"
                : "holders may be incomplete: some processes' open files were not read";
    }
}
