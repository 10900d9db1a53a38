package org.vfioinspector.app.report;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.vfioinspector.core.host.BlockDevice;
import org.vfioinspector.core.host.NetInterface;
import org.vfioinspector.core.reset.AffectedFunction;

/** One function a reset would touch, with what the host is using it for (an entry of {@code affectedDetails}). */
public record AffectedDocument(String address, Optional<String> driver, OptionalInt iommuGroup, boolean bridge,
                               List<HolderDocument> holders, List<Disk> disks, List<Nic> interfaces,
                               List<String> drmCards) {

    /** A block device on the function: its partitions, where they are mounted, its swaps. */
    public record Disk(String name, List<String> partitions, List<String> mounts, List<String> swaps) {

        static Disk of(BlockDevice d) {
            return new Disk(d.name(), d.partitions(), d.mounts().stream().map(m -> m.mountPoint()).toList(), d.swaps());
        }
    }

    /** A network interface on the function ({@code state}: its operstate). */
    public record Nic(String name, Optional<String> state, List<String> addresses, boolean defaultRoute) {

        static Nic of(NetInterface n) {
            return new Nic(n.name(), n.operstate(), n.addresses(), n.defaultRoute());
        }
    }

    static AffectedDocument of(AffectedFunction f) {
        return new AffectedDocument(f.address().toString(), f.driver(), f.group(), f.bridge(),
                HolderDocument.of(f.holders()), f.disks().stream().map(Disk::of).toList(),
                f.interfaces().stream().map(Nic::of).toList(), f.drmCards());
    }
}
