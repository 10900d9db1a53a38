package org.vfioinspector.core.vfio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.sun.jna.Pointer;

import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.VfioInterfaces;

/**
 * VFIO in group mode (and, where the tree has {@code dev/iommu} and {@code dev/vfio/devices/vfioN}, through the cdev,
 * as {@link FakeVfioKernel} answers it) over a fixture tree, for running the real {@code reset} command on it (the tests, and the
 * window's simulation on the demo's own temporary tree; it opens nothing but its own table of that tree's nodes): the container is
 * there when the tree has {@code dev/vfio/vfio}, a group when it has {@code dev/vfio/N}; a group is viable
 * when each member is unbound or on a driver that lets VFIO own DMA (vfio-pci, pci-stub, pcieport);
 * {@code GET_PCI_HOT_RESET_INFO} answers {@link KernelHotResetSet} of the tree as it is at that moment;
 * {@code PCI_HOT_RESET} needs every function of that set on vfio-pci (EINVAL) and every group passed.
 * The state is read again at each container open, as binds move drivers between runs.
 */
public final class FixtureVfioKernel implements Syscalls {

    private static final Set<String> DMA_OWNING_DRIVERS = Set.of("vfio-pci", "pci-stub", "pcieport");

    private final Path root;
    private FakeVfioKernel kernel = new FakeVfioKernel();
    private String infoDevice;
    /** {@code VFIO_DEVICE_PCI_HOT_RESET} fails with EBUSY (another reset of the bus is in progress). */
    public boolean hotResetBusy;
    /** What a reset does to the functions it reaches (the tree's files change as a real kernel's would). */
    public FixtureResetEffect effect = FixtureResetEffect.COMES_BACK;
    /** Runs just before the kernel answers the hot-reset INFO, e.g. to hot-add a function to the bus. */
    public Runnable beforeHotResetInfo = () -> { };

    public FixtureVfioKernel(Path root) {
        this.root = root;
    }

    /** This simulation as the opaque kernel the CLI's executor takes. */
    public VfioKernel kernel() {
        return new VfioKernel(this);
    }

    private FakeVfioKernel fresh() {
        FakeVfioKernel k = new FakeVfioKernel();
        Path container = root.resolve("dev/vfio/vfio");
        if (Files.exists(container)) {
            k.container(container.toString());
        }
        for (Path g : HostRoot.list(root.resolve("sys/kernel/iommu_groups"))) {
            Path node = root.resolve("dev/vfio/" + g.getFileName());
            if (!Files.exists(node)) {
                continue;
            }
            List<String> members = HostRoot.list(g.resolve("devices")).stream().map(p -> p.getFileName().toString()).toList();
            k.group(node.toString(), Integer.parseInt(g.getFileName().toString()), members.toArray(String[]::new)).viable =
                    members.stream().allMatch(m -> driver(m).map(DMA_OWNING_DRIVERS::contains).orElse(true));
        }
        cdevs(k);
        k.dependentsOnCall = call -> KernelHotResetSet.of(root, infoDevice);
        if (hotResetBusy) {
            k.failing.put(Vfio.VFIO_DEVICE_PCI_HOT_RESET, Errno.EBUSY);
        }
        k.onHotReset = () -> effect.apply(root, KernelHotResetSet.of(root, infoDevice).stream()
                .map(DependentDevice::address).toList());
        return k;
    }

    /**
     * The cdev path of the tree: {@code dev/iommu}, and a cdev for each function with {@code vfio-dev/vfioN} whose
     * {@code dev/vfio/devices/vfioN} is there; functions not on vfio-pci are outside every vfio device set, and a
     * virtual function ({@code physfn} link) is its own.
     */
    private void cdevs(FakeVfioKernel k) {
        Path iommu = root.resolve("dev/iommu");
        if (Files.exists(iommu)) {
            k.iommu(iommu.toString());
        }
        java.util.Map<Integer, FakeVfioKernel.Group> groups = new java.util.HashMap<>();
        k.paths.values().stream().filter(n -> n instanceof FakeVfioKernel.Group).map(n -> (FakeVfioKernel.Group) n)
                .forEach(g -> groups.put(g.id, g));
        for (Path f : HostRoot.list(root.resolve("sys/bus/pci/devices"))) {
            String bdf = f.getFileName().toString();
            if (driver(bdf).filter("vfio-pci"::equals).isEmpty()) {
                k.notOnVfioPci.add(bdf);
            }
            if (Files.exists(f.resolve("physfn"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                k.ownDeviceSet.add(bdf);
            }
            Optional<String> cdev = VfioInterfaces.cdevOf(HostRoot.of(root), org.vfioinspector.core.model.PciAddress.parse(bdf));
            Path node = cdev.map(c -> root.resolve("dev/vfio/devices/" + c)).orElse(null);
            if (node == null || !Files.exists(node)) {
                continue;
            }
            Optional<String> g = HostRoot.linkName(f.resolve("iommu_group"));
            FakeVfioKernel.Group group = g.filter(x -> x.chars().allMatch(Character::isDigit))
                    .map(x -> groups.computeIfAbsent(Integer.parseInt(x), FakeVfioKernel.Group::new)).orElse(null);
            if (group != null) {
                group.viable = HostRoot.list(root.resolve("sys/kernel/iommu_groups/" + group.id + "/devices")).stream()
                        .allMatch(m -> driver(m.getFileName().toString()).map(DMA_OWNING_DRIVERS::contains).orElse(true));
            }
            k.cdev(node.toString(), bdf, group);
        }
    }

    private Optional<String> driver(String bdf) {
        return HostRoot.linkName(root.resolve("sys/bus/pci/devices/" + bdf + "/driver"));
    }

    @Override
    public int open(String path, int flags) {
        if (path.equals(root.resolve("dev/vfio/vfio").toString()) || path.equals(root.resolve("dev/iommu").toString())) {
            kernel = fresh();
        }
        return kernel.open(path, flags);
    }

    @Override
    public void close(int fd) {
        kernel.close(fd);
    }

    @Override
    public int ioctl(int fd, long request, Pointer arg) {
        if (request == Vfio.VFIO_DEVICE_GET_PCI_HOT_RESET_INFO && kernel.fds.get(fd) instanceof FakeVfioKernel.Device d) {
            infoDevice = d.name();
            beforeHotResetInfo.run();
        }
        if (request == Vfio.VFIO_DEVICE_GET_PCI_HOT_RESET_INFO && kernel.fds.get(fd) instanceof FakeVfioKernel.CdevFile f
                && f.bound != null) {
            infoDevice = f.cdev.name;
            beforeHotResetInfo.run();
        }
        if (request == Vfio.VFIO_DEVICE_BIND_IOMMUFD && kernel.fds.get(fd) instanceof FakeVfioKernel.CdevFile) {
            // vfio-pci offers VFIO_DEVICE_RESET when the kernel has any reset method for the function
            String name = ((FakeVfioKernel.CdevFile) kernel.fds.get(fd)).cdev.name;
            boolean none = HostRoot.readText(root.resolve("sys/bus/pci/devices/" + name + "/reset_method"))
                    .map(String::isBlank).orElse(false);
            kernel.deviceInfoFlags = Vfio.VFIO_DEVICE_FLAGS_PCI | (none ? 0 : Vfio.VFIO_DEVICE_FLAGS_RESET);
        }
        if (request == Vfio.VFIO_DEVICE_PCI_HOT_RESET && effect == FixtureResetEffect.ENOTTY_LINK_STAYS_DOWN
                && kernel.fds.get(fd) instanceof FakeVfioKernel.CdevFile f && f.bound != null) {
            throw Syscalls.fail(Errno.ENOTTY);
        }
        if (request == Vfio.VFIO_GROUP_GET_DEVICE_FD) {
            // vfio-pci offers VFIO_DEVICE_RESET when the kernel has any reset method for the function
            String name = arg.getString(0);
            boolean none = HostRoot.readText(root.resolve("sys/bus/pci/devices/" + name + "/reset_method"))
                    .map(String::isBlank).orElse(false);
            kernel.deviceInfoFlags = Vfio.VFIO_DEVICE_FLAGS_PCI | (none ? 0 : Vfio.VFIO_DEVICE_FLAGS_RESET);
        }
        if (request == Vfio.VFIO_DEVICE_PCI_HOT_RESET && kernel.fds.get(fd) instanceof FakeVfioKernel.Device d
                && !hotResetBusy && !KernelHotResetSet.allOnVfioPci(root, KernelHotResetSet.of(root, d.name()))) {
            throw Syscalls.fail(Errno.EINVAL);
        }
        if (request == Vfio.VFIO_DEVICE_PCI_HOT_RESET && effect == FixtureResetEffect.ENOTTY_LINK_STAYS_DOWN
                && kernel.fds.get(fd) instanceof FakeVfioKernel.Device) {
            throw Syscalls.fail(Errno.ENOTTY); // pci_bridge_wait_for_secondary_bus gave up on the link
        }
        return kernel.ioctl(fd, request, arg);
    }

    @Override
    public int ioctl(int fd, long request, long arg) {
        int r = kernel.ioctl(fd, request, arg);
        if (request == Vfio.VFIO_DEVICE_RESET && kernel.fds.get(fd) instanceof FakeVfioKernel.Device d) {
            effect.apply(root, List.of(org.vfioinspector.core.model.PciAddress.parse(d.name())));
        }
        if (request == Vfio.VFIO_DEVICE_RESET && kernel.fds.get(fd) instanceof FakeVfioKernel.CdevFile f) {
            effect.apply(root, List.of(org.vfioinspector.core.model.PciAddress.parse(f.cdev.name)));
        }
        return r;
    }

    @Override
    public String strerror(int errno) {
        return Syscalls.LIVE.strerror(errno); // libc's text, as the real run prints it
    }
}
