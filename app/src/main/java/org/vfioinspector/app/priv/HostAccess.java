package org.vfioinspector.app.priv;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.vfioinspector.core.bind.HostSysfsWriter;
import org.vfioinspector.core.bind.SysfsWriter;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.vfio.ProcessIdentity;
import org.vfioinspector.core.vfio.VfioKernel;

/**
 * What {@code reset}, {@code bind} and {@code restore} act through: this machine's VFIO, sysfs writes and
 * user id ({@link #LIVE}), or simulations of them, so tests run the real commands on fixture trees.
 *
 * @param vfio   the kernel the hot reset protocol talks to
 * @param sysfs  the writer of sysfs attributes under a host root
 * @param root   whether this process may act as root
 */
public record HostAccess(VfioKernel vfio, Function<HostRoot, SysfsWriter> sysfs, BooleanSupplier root) {

    public static final HostAccess LIVE = new HostAccess(VfioKernel.LIVE, HostSysfsWriter::new, ProcessIdentity::isRoot);

    public HostAccess {
        Objects.requireNonNull(vfio, "vfio");
        Objects.requireNonNull(sysfs, "sysfs");
        Objects.requireNonNull(root, "root");
    }
}
