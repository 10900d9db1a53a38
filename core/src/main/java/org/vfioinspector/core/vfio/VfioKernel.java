package org.vfioinspector.core.vfio;

import java.util.Objects;

/**
 * The kernel a {@link HotResetExecutor} talks to: {@link #LIVE} is this machine's, through libc. Tests in
 * this package build a simulated one; elsewhere the type is opaque, so no JNA type leaves the package.
 */
public final class VfioKernel {

    /** This machine's kernel. */
    public static final VfioKernel LIVE = new VfioKernel(Syscalls.LIVE);

    final Syscalls sys;

    VfioKernel(Syscalls sys) {
        this.sys = Objects.requireNonNull(sys, "sys");
    }
}
