package org.vfioinspector.app.priv;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

import org.vfioinspector.core.audit.Invoker;
import org.vfioinspector.core.audit.UserNames;

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
 * @param invoker who this process is and who asked it, for the audit log
 * @param kernelLog the kernel log a reset's verification reads under a host root: this machine's {@code /dev/kmsg}
 *               only for the live root as root, never for a tree or in tests unless they pass their own
 */
public record HostAccess(VfioKernel vfio, Function<HostRoot, SysfsWriter> sysfs, BooleanSupplier root,
                         Supplier<Invoker> invoker, Function<HostRoot, KernelLog> kernelLog) {

    public static final HostAccess LIVE = new HostAccess(VfioKernel.LIVE, HostSysfsWriter::new, ProcessIdentity::isRoot,
            HostAccess::liveInvoker, r -> r.isLive() && ProcessIdentity.isRoot() ? new Kmsg() : KernelLog.NONE);

    public HostAccess {
        Objects.requireNonNull(vfio, "vfio");
        Objects.requireNonNull(sysfs, "sysfs");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(invoker, "invoker");
        Objects.requireNonNull(kernelLog, "kernelLog");
    }

    /** Acting as this process's own user ({@link #liveInvoker()}), without a kernel log. */
    public HostAccess(VfioKernel vfio, Function<HostRoot, SysfsWriter> sysfs, BooleanSupplier root) {
        this(vfio, sysfs, root, HostAccess::liveInvoker);
    }

    /** As {@code invoker} says, without a kernel log: verification says it did not read one. */
    public HostAccess(VfioKernel vfio, Function<HostRoot, SysfsWriter> sysfs, BooleanSupplier root,
                      Supplier<Invoker> invoker) {
        this(vfio, sysfs, root, invoker, r -> KernelLog.NONE);
    }

    /** This process's own user, reading {@code kernelLog} for a reset's verification. */
    public HostAccess(VfioKernel vfio, Function<HostRoot, SysfsWriter> sysfs, BooleanSupplier root,
                      Function<HostRoot, KernelLog> kernelLog) {
        this(vfio, sysfs, root, HostAccess::liveInvoker, kernelLog);
    }

    /** This process: its real user id and name, and who asked through sudo or pkexec, from its environment. */
    public static Invoker liveInvoker() {
        return Invoker.of(ProcessIdentity.realUid(), System.getProperty("user.name", ""), System.getenv(),
                UserNames::live);
    }
}
