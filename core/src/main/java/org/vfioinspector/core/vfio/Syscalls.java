package org.vfioinspector.core.vfio;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The seam between the handles and the kernel. {@link #LIVE} calls libc; tests supply an
 * implementation that answers like the kernel's vfio-pci (see {@code FakeVfioKernel}), so the
 * ENOSPC sizing and fd bookkeeping are tested without a VFIO device and without a mocking framework.
 *
 * <p>Failures are reported the way JNA reports them: a {@link LastErrorException} carrying errno.
 */
interface Syscalls {

    int open(String path, int flags);

    void close(int fd);

    int ioctl(int fd, long request, Pointer arg);

    int ioctl(int fd, long request, long arg);

    String strerror(int errno);

    /** The real C library. Libc is loaded only when this is first used. */
    Syscalls LIVE = new Syscalls() {
        @Override
        public int open(String path, int flags) {
            return Libc.INSTANCE.open(path, flags);
        }

        @Override
        public void close(int fd) {
            Libc.INSTANCE.close(fd);
        }

        @Override
        public int ioctl(int fd, long request, Pointer arg) {
            return Libc.INSTANCE.ioctl(fd, new NativeLong(request), arg);
        }

        @Override
        public int ioctl(int fd, long request, long arg) {
            return Libc.INSTANCE.ioctl(fd, new NativeLong(request), arg);
        }

        @Override
        public String strerror(int errno) {
            String text = Libc.INSTANCE.strerror(errno);
            return text == null ? "errno " + errno : text;
        }
    };

    /** Throws {@link LastErrorException} like JNA does; for test implementations. */
    static LastErrorException fail(int errno) {
        return new LastErrorException(errno);
    }
}
