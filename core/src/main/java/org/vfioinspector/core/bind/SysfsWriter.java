package org.vfioinspector.core.bind;

import java.io.IOException;

/**
 * The only way {@link DriverBinder} changes the host: one write of {@code value} to a sysfs attribute,
 * named relative to the host root ({@code sys/bus/pci/devices/0000:03:00.0/driver_override}). The real
 * implementation is {@link HostSysfsWriter}; tests supply one that plays the kernel on a fixture tree.
 */
@FunctionalInterface
public interface SysfsWriter {

    /**
     * @throws IOException when the kernel refuses the write (its errno arrives as the message) or the
     *         attribute does not exist
     */
    void write(String rootRelativePath, String value) throws IOException;
}
