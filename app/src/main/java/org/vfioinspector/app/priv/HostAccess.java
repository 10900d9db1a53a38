package org.vfioinspector.app.priv;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

import org.vfioinspector.core.audit.Invoker;
import org.vfioinspector.core.audit.UserNames;

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
 * @param invoker who this process is and who asked it, for the audit log
 */
public record HostAccess(VfioKernel vfio, Function<HostRoot, SysfsWriter> sysfs, BooleanSupplier root,
                         Supplier<Invoker> invoker) {

    public static final HostAccess LIVE = new HostAccess(VfioKernel.LIVE, HostSysfsWriter::new, ProcessIdentity::isRoot);

    public HostAccess {
        Objects.requireNonNull(vfio, "vfio");
        Objects.requireNonNull(sysfs, "sysfs");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(invoker, "invoker");
    }

    /** Acting as this process's own user, as sudo or pkexec started it ({@link #liveInvoker()}). */
    public HostAccess(VfioKernel vfio, Function<HostRoot, SysfsWriter> sysfs, BooleanSupplier root) {
        this(vfio, sysfs, root, HostAccess::liveInvoker);
    }

    /** This process: its real user id and name, and who asked through sudo or pkexec, from its environment. */
    public static Invoker liveInvoker() {
        return Invoker.of(ProcessIdentity.realUid(), System.getProperty("user.name", ""), System.getenv(),
                UserNames::live);
    }
}
