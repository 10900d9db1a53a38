package org.vfioinspector.core.bind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vfioinspector.core.sysfs.HostRoot;

/**
 * A {@link SysfsWriter} that plays the PCI core on a fixture tree the way Linux does for the attributes
 * {@link DriverBinder} writes: {@code driver_override} ("\n" clears it, reads back {@code (null)}),
 * {@code driver/unbind} and {@code drivers/NAME/unbind|bind}, and {@code drivers_probe} (the override
 * wins, else the driver the fixture started with; nothing binds when that driver is not loaded).
 * Binding vfio-pci creates {@code dev/vfio/N}; unbinding the group's last vfio-pci function removes it.
 * Used by the tests and by the window's simulation on the demo's own temporary tree; it writes only under its root.
 */
public final class SimulatedSysfsKernel implements SysfsWriter {

    private static final Pattern DEVICE_ATTR = Pattern.compile("sys/bus/pci/devices/([0-9a-f:.]+)/(driver_override|driver/unbind)");
    private static final Pattern DRIVER_ATTR = Pattern.compile("sys/bus/pci/drivers/([^/]+)/(bind|unbind)");

    private final HostRoot root;
    private final Map<String, String> nativeDriver = new HashMap<>();
    public final List<String> writes = new ArrayList<>();
    /** Writes matching this fail with the kernel's message, as the real attribute would. */
    public Predicate<String> failWhen = w -> false;

    public SimulatedSysfsKernel(HostRoot root) {
        this.root = root;
        for (Path dev : HostRoot.list(root.resolve("sys/bus/pci/devices"))) {
            String bdf = dev.getFileName().toString();
            HostRoot.linkName(dev.resolve("driver")).ifPresent(d -> nativeDriver.put(bdf, d));
        }
    }

    /** The driver a probe picks when no override is set (what the host would bind at boot). */
    public void nativeDriver(String bdf, String driver) {
        nativeDriver.put(bdf, driver);
    }

    @Override
    public void write(String path, String value) throws IOException {
        String w = path + " <- " + value.replace("\n", "\\n");
        writes.add(w);
        if (failWhen.test(w)) {
            throw new IOException("No such device");
        }
        Matcher m = DEVICE_ATTR.matcher(path);
        Matcher d = DRIVER_ATTR.matcher(path);
        if (m.matches() && m.group(2).equals("driver_override")) {
            String v = value.strip();
            Files.writeString(dev(m.group(1)).resolve("driver_override"), (v.isEmpty() ? "(null)" : v) + "\n");
        } else if (m.matches()) {
            unbind(m.group(1), value.strip(), driver(m.group(1)).orElseThrow(() -> new IOException("No such file or directory")));
        } else if (d.matches() && d.group(2).equals("unbind")) {
            unbind(value.strip(), value.strip(), d.group(1));
        } else if (d.matches()) {
            bindTo(value.strip(), d.group(1), true);
        } else if (path.equals("sys/bus/pci/drivers_probe")) {
            probe(value.strip());
        } else {
            throw new IOException("Permission denied (the simulation does not know " + path + ")");
        }
    }

    private Path dev(String bdf) throws IOException {
        Path p = root.resolve("sys/bus/pci/devices/" + bdf);
        if (!Files.exists(p)) {
            throw new IOException("No such device");
        }
        return p.toRealPath();
    }

    private Optional<String> driver(String bdf) {
        return HostRoot.linkName(root.resolve("sys/bus/pci/devices/" + bdf + "/driver"));
    }

    private void unbind(String bdf, String value, String driver) throws IOException {
        if (!bdf.equals(value) || driver(bdf).filter(driver::equals).isEmpty()) {
            throw new IOException("No such device");
        }
        Files.delete(dev(bdf).resolve("driver"));
        Files.deleteIfExists(root.resolve("sys/bus/pci/drivers/" + driver + "/" + bdf));
        if (driver.equals(DriverBinder.VFIO_PCI)) {
            Optional<String> group = HostRoot.linkName(dev(bdf).resolve("iommu_group"));
            if (group.isPresent() && !groupHasVfioFunction(group.get())) {
                Files.deleteIfExists(root.resolve("dev/vfio/" + group.get()));
            }
        }
    }

    private boolean groupHasVfioFunction(String group) {
        return HostRoot.list(root.resolve("sys/kernel/iommu_groups/" + group + "/devices")).stream()
                .anyMatch(p -> driver(p.getFileName().toString()).filter(DriverBinder.VFIO_PCI::equals).isPresent());
    }

    private void probe(String bdf) throws IOException {
        if (driver(bdf).isPresent()) {
            return; // already bound: the kernel does nothing
        }
        String override = Files.readString(dev(bdf).resolve("driver_override")).strip();
        String chosen = override.equals("(null)") ? nativeDriver.get(bdf) : override;
        if (chosen != null) {
            bindTo(bdf, chosen, false);
        }
    }

    private void bindTo(String bdf, String driver, boolean explicit) throws IOException {
        Path drv = root.resolve("sys/bus/pci/drivers/" + driver);
        String override = Files.readString(dev(bdf).resolve("driver_override")).strip();
        boolean matches = override.equals("(null)") ? driver.equals(nativeDriver.get(bdf)) : override.equals(driver);
        if (!Files.isDirectory(drv) || driver(bdf).isPresent() || !matches) {
            if (explicit) {
                throw new IOException("No such device");
            }
            return;
        }
        Path dir = dev(bdf);
        Files.createSymbolicLink(dir.resolve("driver"), dir.relativize(drv.toRealPath()));
        Files.createSymbolicLink(drv.resolve(bdf), drv.toRealPath().relativize(dir));
        if (driver.equals(DriverBinder.VFIO_PCI)) {
            Optional<String> group = HostRoot.linkName(dir.resolve("iommu_group"));
            if (group.isPresent()) {
                Files.createDirectories(root.resolve("dev/vfio"));
                Path node = root.resolve("dev/vfio/" + group.get());
                if (!Files.exists(node)) {
                    Files.createFile(node);
                }
            }
        }
    }
}
