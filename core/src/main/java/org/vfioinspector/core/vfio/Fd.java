package org.vfioinspector.core.vfio;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One owned file descriptor. Package-private: the public handles wrap it so that no bare fd leaves
 * this package. Closing is idempotent; every failing call becomes a {@link VfioException}.
 */
final class Fd implements AutoCloseable {

    private static final int CLOSED = -1;

    private final Syscalls sys;
    private final String target;
    private final AtomicInteger fd;

    private Fd(Syscalls sys, int fd, String target) {
        this.sys = sys;
        this.fd = new AtomicInteger(fd);
        this.target = target;
    }

    /** Opens {@code path} read-write and close-on-exec (a helper started later must not inherit it). */
    static Fd open(Syscalls sys, Path path) throws VfioException {
        String p = path.toString();
        try {
            return new Fd(sys, sys.open(p, Libc.O_RDWR | Libc.O_CLOEXEC), p);
        } catch (LastErrorException e) {
            throw error(sys, "open", p, e.getErrorCode());
        }
    }

    /** Takes ownership of a descriptor the kernel returned (e.g. from {@code VFIO_GROUP_GET_DEVICE_FD}). */
    static Fd adopt(Syscalls sys, int fd, String target) {
        return new Fd(sys, fd, target);
    }

    String target() {
        return target;
    }

    boolean isClosed() {
        return fd.get() == CLOSED;
    }

    /** The descriptor, for passing to another ioctl in this package. */
    int raw() {
        int value = fd.get();
        if (value == CLOSED) {
            throw new IllegalStateException(target + " is already closed");
        }
        return value;
    }

    int ioctl(String operation, long request, Pointer arg) throws VfioException {
        int value = raw();
        try {
            return sys.ioctl(value, request, arg);
        } catch (LastErrorException e) {
            throw error(sys, operation, target, e.getErrorCode());
        }
    }

    int ioctl(String operation, long request, long arg) throws VfioException {
        int value = raw();
        try {
            return sys.ioctl(value, request, arg);
        } catch (LastErrorException e) {
            throw error(sys, operation, target, e.getErrorCode());
        }
    }

    static VfioException error(Syscalls sys, String operation, String target, int errno) {
        return new VfioException(operation, target, errno, sys.strerror(errno));
    }

    /**
     * Closes once; later calls do nothing. A failing close is not reported: Linux releases the
     * descriptor even then, and retrying could close a number another thread has been given since.
     */
    @Override
    public void close() {
        int value = fd.getAndSet(CLOSED);
        if (value != CLOSED) {
            try {
                sys.close(value);
            } catch (LastErrorException ignored) {
                // released anyway; see above
            }
        }
    }
}
