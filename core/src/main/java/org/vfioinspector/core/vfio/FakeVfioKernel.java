package org.vfioinspector.core.vfio;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.vfioinspector.core.vfio.VfioStructs.vfio_device_info;
import org.vfioinspector.core.vfio.VfioStructs.vfio_group_status;

/**
 * A {@link Syscalls} that answers like Linux 6.1's vfio and vfio-pci in group mode, as recorded in
 * shared/VFIO-LAB.md and drivers/vfio/pci/vfio_pci_core.c: ENOSPC with {@code count} for a short
 * hot-reset-info buffer, EPERM for a non-viable group, EBUSY for a second open of a group, EINVAL
 * for a hot reset missing a group. It also keeps the fd table, so tests can assert nothing leaks.
 */
final class FakeVfioKernel implements Syscalls {

    sealed interface Node permits Container, Group, Device {
    }

    static final class Container implements Node {
        boolean iommuSet;
        final List<Group> groups = new ArrayList<>();
    }

    static final class Group implements Node {
        final int id;
        boolean viable = true;
        /** Another process holds it: open answers EBUSY. */
        boolean heldElsewhere;
        Container container;
        final Set<String> devices = new LinkedHashSet<>();

        Group(int id) {
            this.id = id;
        }
    }

    record Device(String name, Group group, int infoFlags) implements Node {
    }

    /** What VFIO_GET_API_VERSION answers. */
    int apiVersion = Vfio.VFIO_API_VERSION;
    /** The dependents reported by the n-th VFIO_DEVICE_GET_PCI_HOT_RESET_INFO call (0-based). */
    IntFunction<List<DependentDevice>> dependentsOnCall = call -> List.of();
    /** When set, the count the kernel claims regardless of the dependents (to play a broken kernel). */
    Integer claimedCount;
    /** flags of struct vfio_device_info for devices this kernel hands out. */
    int deviceInfoFlags = Vfio.VFIO_DEVICE_FLAGS_RESET | Vfio.VFIO_DEVICE_FLAGS_PCI;

    final Map<String, Node> paths = new HashMap<>();
    final Map<Integer, Node> fds = new HashMap<>();
    final List<Integer> hotResetInfoArgsz = new ArrayList<>();
    final List<List<Integer>> hotResets = new ArrayList<>();
    final List<String> resets = new ArrayList<>();
    /** Every call in order: "open PATH", "close", or the ioctl's name (the header's). */
    final List<String> calls = new ArrayList<>();
    /** Ioctls that fail with the given errno before doing anything (e.g. HOT_RESET → ENOTTY). */
    final Map<Long, Integer> failing = new HashMap<>();
    /** Runs when a hot reset succeeds (e.g. to make a function stop answering in a fixture tree). */
    Runnable onHotReset = () -> { };
    int closeCalls;
    private int nextFd = 100;

    Container container(String path) {
        Container c = new Container();
        paths.put(path, c);
        return c;
    }

    Group group(String path, int id, String... devices) {
        Group g = new Group(id);
        g.devices.addAll(List.of(devices));
        paths.put(path, g);
        return g;
    }

    @Override
    public int open(String path, int flags) {
        calls.add("open " + path);
        Node node = paths.get(path);
        if (node == null) {
            throw Syscalls.fail(Errno.ENOENT);
        }
        if (node instanceof Group g && (g.heldElsewhere || fds.containsValue(node))) {
            throw Syscalls.fail(Errno.EBUSY); // vfio allows one open of a group at a time
        }
        return install(node);
    }

    private int install(Node node) {
        int fd = nextFd++;
        fds.put(fd, node);
        return fd;
    }

    @Override
    public void close(int fd) {
        calls.add("close");
        closeCalls++;
        if (fds.remove(fd) == null) {
            throw Syscalls.fail(Errno.EBADF);
        }
    }

    /** Logs the call, applies {@link #failing}, and finds the node. */
    private Node enter(int fd, long request) {
        calls.add(NAMES.getOrDefault(request, "ioctl " + request));
        Integer errno = failing.get(request);
        Node n = node(fd);
        if (errno != null) {
            throw Syscalls.fail(errno);
        }
        return n;
    }

    static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(Vfio.VFIO_GET_API_VERSION, "VFIO_GET_API_VERSION"),
            Map.entry(Vfio.VFIO_CHECK_EXTENSION, "VFIO_CHECK_EXTENSION"),
            Map.entry(Vfio.VFIO_SET_IOMMU, "VFIO_SET_IOMMU"),
            Map.entry(Vfio.VFIO_GROUP_GET_STATUS, "VFIO_GROUP_GET_STATUS"),
            Map.entry(Vfio.VFIO_GROUP_SET_CONTAINER, "VFIO_GROUP_SET_CONTAINER"),
            Map.entry(Vfio.VFIO_GROUP_UNSET_CONTAINER, "VFIO_GROUP_UNSET_CONTAINER"),
            Map.entry(Vfio.VFIO_GROUP_GET_DEVICE_FD, "VFIO_GROUP_GET_DEVICE_FD"),
            Map.entry(Vfio.VFIO_DEVICE_GET_INFO, "VFIO_DEVICE_GET_INFO"),
            Map.entry(Vfio.VFIO_DEVICE_RESET, "VFIO_DEVICE_RESET"),
            Map.entry(Vfio.VFIO_DEVICE_GET_PCI_HOT_RESET_INFO, "VFIO_DEVICE_GET_PCI_HOT_RESET_INFO"),
            Map.entry(Vfio.VFIO_DEVICE_PCI_HOT_RESET, "VFIO_DEVICE_PCI_HOT_RESET"));

    private Node node(int fd) {
        Node n = fds.get(fd);
        if (n == null) {
            throw Syscalls.fail(Errno.EBADF);
        }
        return n;
    }

    @Override
    public int ioctl(int fd, long request, long arg) {
        Node n = enter(fd, request);
        if (n instanceof Container c) {
            if (request == Vfio.VFIO_GET_API_VERSION) {
                return apiVersion;
            }
            if (request == Vfio.VFIO_CHECK_EXTENSION) {
                return arg == Vfio.VFIO_TYPE1_IOMMU || arg == Vfio.VFIO_TYPE1v2_IOMMU ? 1 : 0;
            }
            if (request == Vfio.VFIO_SET_IOMMU) {
                if (c.groups.isEmpty() || c.iommuSet) {
                    throw Syscalls.fail(Errno.EINVAL);
                }
                c.iommuSet = true;
                return 0;
            }
        } else if (n instanceof Group g && request == Vfio.VFIO_GROUP_UNSET_CONTAINER) {
            if (g.container == null) {
                throw Syscalls.fail(Errno.EINVAL);
            }
            g.container.groups.remove(g);
            g.container = null;
            return 0;
        } else if (n instanceof Device d && request == Vfio.VFIO_DEVICE_RESET) {
            if ((d.infoFlags() & Vfio.VFIO_DEVICE_FLAGS_RESET) == 0) {
                throw Syscalls.fail(Errno.EINVAL);
            }
            resets.add(d.name());
            return 0;
        }
        throw Syscalls.fail(Errno.ENOTTY);
    }

    @Override
    public int ioctl(int fd, long request, Pointer arg) {
        Node n = enter(fd, request);
        if (n instanceof Group g) {
            if (request == Vfio.VFIO_GROUP_GET_STATUS) {
                return groupStatus(g, arg);
            }
            if (request == Vfio.VFIO_GROUP_SET_CONTAINER) {
                return setContainer(g, arg.getInt(0));
            }
            if (request == Vfio.VFIO_GROUP_GET_DEVICE_FD) {
                return deviceFd(g, arg.getString(0));
            }
        } else if (n instanceof Device d) {
            if (request == Vfio.VFIO_DEVICE_GET_INFO) {
                return deviceInfo(d, arg);
            }
            if (request == Vfio.VFIO_DEVICE_GET_PCI_HOT_RESET_INFO) {
                return hotResetInfo(arg);
            }
            if (request == Vfio.VFIO_DEVICE_PCI_HOT_RESET) {
                return hotReset(arg);
            }
        }
        throw Syscalls.fail(Errno.ENOTTY);
    }

    private int groupStatus(Group g, Pointer arg) {
        vfio_group_status s = new vfio_group_status(arg);
        s.read();
        if (s.argsz < s.size()) {
            throw Syscalls.fail(Errno.EINVAL);
        }
        s.flags = (g.viable ? Vfio.VFIO_GROUP_FLAGS_VIABLE : 0)
                | (g.container != null ? Vfio.VFIO_GROUP_FLAGS_CONTAINER_SET : 0);
        s.write();
        return 0;
    }

    private int setContainer(Group g, int containerFd) {
        if (!(node(containerFd) instanceof Container c)) {
            throw Syscalls.fail(Errno.EINVAL);
        }
        if (g.container != null) {
            throw Syscalls.fail(Errno.EINVAL);
        }
        if (!g.viable) {
            throw Syscalls.fail(Errno.EPERM); // seen in the lab: a member still on its host driver
        }
        g.container = c;
        c.groups.add(g);
        return 0;
    }

    private int deviceFd(Group g, String name) {
        if (g.container == null || !g.container.iommuSet) {
            throw Syscalls.fail(Errno.EINVAL);
        }
        if (!g.devices.contains(name)) {
            throw Syscalls.fail(Errno.ENODEV);
        }
        return install(new Device(name, g, deviceInfoFlags));
    }

    private int deviceInfo(Device d, Pointer arg) {
        vfio_device_info info = new vfio_device_info(arg);
        info.read();
        if (info.argsz < info.offsetOf("cap_offset")) { // minsz = offsetofend(num_irqs)
            throw Syscalls.fail(Errno.EINVAL);
        }
        info.flags = d.infoFlags();
        info.num_regions = 9; // VFIO_PCI_NUM_REGIONS
        info.num_irqs = 5; // VFIO_PCI_NUM_IRQS
        info.write();
        return 0;
    }

    /** vfio_pci_ioctl_get_pci_hot_reset_info: header always copied back, devices only when they fit. */
    private int hotResetInfo(Pointer arg) {
        int argsz = HotResetInfoCodec.header(arg).argsz;
        hotResetInfoArgsz.add(argsz);
        if (Integer.compareUnsigned(argsz, HotResetInfoCodec.HEADER_SIZE) < 0) {
            throw Syscalls.fail(Errno.EINVAL);
        }
        List<DependentDevice> devices = dependentsOnCall.apply(hotResetInfoArgsz.size() - 1);
        int count = claimedCount != null ? claimedCount : devices.size();
        if (Integer.toUnsignedLong(argsz) < HotResetInfoCodec.HEADER_SIZE
                + (long) HotResetInfoCodec.DEVICE_SIZE * Integer.toUnsignedLong(count)) {
            HotResetInfoCodec.writeReply(arg, 0, count, List.of());
            throw Syscalls.fail(Errno.ENOSPC);
        }
        HotResetInfoCodec.writeReply(arg, 0, count, devices);
        return 0;
    }

    /** vfio_pci_ioctl_pci_hot_reset in group mode. */
    private int hotReset(Pointer arg) {
        var header = HotResetRequestCodec.header(arg);
        if (Integer.compareUnsigned(header.argsz, HotResetRequestCodec.HEADER_SIZE) < 0 || header.flags != 0) {
            throw Syscalls.fail(Errno.EINVAL);
        }
        Set<Integer> needed = new LinkedHashSet<>();
        dependentsOnCall.apply(Math.max(0, hotResetInfoArgsz.size() - 1)).forEach(d -> needed.add(d.groupId()));
        if (header.count == 0 || Integer.compareUnsigned(header.count, needed.size()) > 0) {
            throw Syscalls.fail(Errno.EINVAL);
        }
        List<Integer> passed = new ArrayList<>();
        for (int groupFd : HotResetRequestCodec.groupFds(arg)) {
            if (!(node(groupFd) instanceof Group g)) {
                throw Syscalls.fail(Errno.EINVAL);
            }
            passed.add(g.id);
        }
        if (!passed.containsAll(needed)) {
            throw Syscalls.fail(Errno.EINVAL);
        }
        hotResets.add(passed);
        onHotReset.run();
        return 0;
    }

    @Override
    public String strerror(int errno) {
        return "fake strerror for " + Errno.name(errno);
    }
}
