package org.vfioinspector.core.host;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;

/**
 * Finds the PCI function behind a VFIO device cdev ({@code /dev/vfio/devices/vfio3}): through the
 * class link {@code sys/class/vfio-dev/vfio3} (its target names the function's directory), else by
 * looking for {@code vfio-dev/vfio3} below each function. Answers are cached; a scan sees few cdevs.
 */
final class CdevResolver {

    private final HostRoot root;
    private final Topology topology;
    private final Map<String, Optional<PciAddress>> cache = new HashMap<>();

    CdevResolver(HostRoot root, Topology topology) {
        this.root = root;
        this.topology = topology;
    }

    Optional<PciAddress> function(String cdev) {
        return cache.computeIfAbsent(cdev, this::lookup);
    }

    private Optional<PciAddress> lookup(String cdev) {
        Optional<PciAddress> viaClass = HostRoot.readLink(root.resolve("sys/class/vfio-dev/" + cdev))
                .flatMap(target -> SysfsPaths.owningFunction(target.toString(), topology));
        if (viaClass.isPresent()) {
            return viaClass;
        }
        for (PciDevice d : topology.devices()) {
            Path viaBus = root.resolve(SysfsNames.BUS_DEVICES + "/" + d.address() + "/vfio-dev/" + cdev);
            Path viaDevices = root.resolve(SysfsNames.DEVICES + "/" + d.sysfsPath() + "/vfio-dev/" + cdev);
            if (HostRoot.exists(viaBus) || HostRoot.exists(viaDevices)) {
                return Optional.of(d.address());
            }
        }
        return Optional.empty();
    }
}
