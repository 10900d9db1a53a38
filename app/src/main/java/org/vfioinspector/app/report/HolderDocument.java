package org.vfioinspector.app.report;

import java.util.List;

import org.vfioinspector.core.host.Holder;

/** A process holding an IOMMU group open ({@code kvmVfio}: KVM holds it through a {@code kvm-vfio} fd). */
public record HolderDocument(int pid, String command, String cmdline, List<String> files, boolean kvmVfio) {

    public static HolderDocument of(Holder h) {
        return new HolderDocument(h.pid(), h.command(), h.cmdline(), h.files(), h.kvmVfio());
    }

    public static List<HolderDocument> of(List<Holder> holders) {
        return holders.stream().map(HolderDocument::of).toList();
    }
}
