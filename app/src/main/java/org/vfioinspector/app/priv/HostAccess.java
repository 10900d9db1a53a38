package org.vfioinspector.app.priv;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.vfioinspector.core.bind.HostSysfsWriter;
import org.vfioinspector.core.bind.SysfsWriter;
import org.vfioinspector.core.health.KernelLog;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.vfio.Kmsg;
import org.vfioinspector.core.vfio.ProcessIdentity;
import org.vfioinspector.core.vfio.VfioKernel;

/**
 * What {@code reset}, {@code bind} and {@code restore} act through: this machine's VFIO, sysfs writes and
 * user id ({@link #LIVE}), or simulations of them, so tests run the real commands on fixture trees.
 *
 * @param vfio   the kernel the hot reset protocol talks to
 * @param sysfs  the writer of sysfs attributes under a host root
 * @param root   whether this process may act as root
 * @param kernelLog the kernel log a reset's verification reads under a host root: this machine's {@code /dev/kmsg}
 *               only for the live root as root, never for a tree or in tests unless they pass their own
 */
public record HostAccess(VfioKernel vfio, Function<HostRoot, SysfsWriter> sysfs, BooleanSupplier root,
                         Function<HostRoot, KernelLog> kernelLog) {

    public static final HostAccess LIVE = new HostAccess(VfioKernel.LIVE, HostSysfsWriter::new, ProcessIdentity::isRoot,
            r -> r.isLive() && ProcessIdentity.isRoot() ? new Kmsg() : KernelLog.NONE);

    public HostAccess {
        Objects.requireNonNull(vfio, "vfio");
        Objects.requireNonNull(sysfs, "sysfs");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(kernelLog, "kernelLog");
    }

    /** Without a kernel log: verification says it did not read one. */
    public HostAccess(VfioKernel vfio, Function<HostRoot, SysfsWriter> sysfs, BooleanSupplier root) {
        this(vfio, sysfs, root, r -> KernelLog.NONE);
    }
}
