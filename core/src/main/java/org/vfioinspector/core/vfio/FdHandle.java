package org.vfioinspector.core.vfio;

import java.util.Objects;

/**
 * What every public handle on one owned descriptor shares ({@link VfioContainer}, {@link VfioGroup},
 * {@link VfioDevice}, {@link Iommufd}): closing (idempotent), whether it is closed, and a name with its path.
 */
abstract class FdHandle implements AutoCloseable {

    final Fd fd;

    FdHandle(Fd fd) {
        this.fd = Objects.requireNonNull(fd);
    }

    /** The raw descriptor, for a struct or ioctl argument that names another fd (a group, an iommufd). */
    int fd() {
        return fd.raw();
    }

    public boolean isClosed() {
        return fd.isClosed();
    }

    @Override
    public void close() {
        fd.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + fd.target() + (isClosed() ? ", closed]" : "]");
    }
}
