package org.vfioinspector.core.reset;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.vfioinspector.core.host.BlockDevice;
import org.vfioinspector.core.host.Holder;
import org.vfioinspector.core.host.NetInterface;
import org.vfioinspector.core.model.PciAddress;

/** One function a reset reaches, with what the host and VMs have on it. */
public record AffectedFunction(PciAddress address, Optional<String> driver, OptionalInt group, boolean bridge,
                               List<Holder> holders, List<BlockDevice> disks, List<NetInterface> interfaces,
                               List<String> drmCards) {

    public AffectedFunction {
        holders = List.copyOf(holders);
        disks = List.copyOf(disks);
        interfaces = List.copyOf(interfaces);
        drmCards = List.copyOf(drmCards);
    }
}
