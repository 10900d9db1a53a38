package org.vfioinspector.core.vfio;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import org.vfioinspector.core.vfio.VfioStructs.vfio_device_info;
import org.vfioinspector.core.vfio.VfioStructs.vfio_group_status;

/**
 * A {@link Syscalls} that answers like Linux 6.1's vfio and vfio-pci in group mode, as recorded in
 * shared/VFIO-LAB.md and drivers/vfio/pci/vfio_pci_core.c: ENOSPC with {@code count} for a short
 * hot-reset-info buffer, EPERM for a non-viable group, EBUSY for a second open of a group, EINVAL
 * for a hot reset missing a group. It also keeps the fd table, so tests can assert nothing leaks.
 *
 * <p>With {@link #iommu(String)} and {@link #cdev(String, String, Group)} it also answers like 6.12's cdev path, as the
 * lab's kernel did: every device ioctl but BIND before BIND is EINVAL; BIND is EPERM when the device's group is not
 * viable or owned by another iommufd, EINVAL when the device is open elsewhere; a group and a cdev of it are never
 * open together (EBUSY either way); INFO reports flags {@code DEV_ID | DEV_ID_OWNED} and per dependent its devid in
 * the caller's iommufd, 0 when its group is owned there, −1 ({@code DEV_ID_OWNED} cleared) when it is not on vfio-pci,
 * in another vfio device set ({@link #ownDeviceSet}: a VF) or not owned; HOT_RESET with a count above 0 on a cdev, or
 * with a dependent not owned, is EINVAL.
 */
final class FakeVfioKernel implements Syscalls {

    sealed interface Node permits Container, Group, Device, IommuNode, Ictx, Cdev, CdevFile {
    }

    /** {@code /dev/iommu}: each open is a new iommufd context. */
    record IommuNode() implements Node {
    }

    /** One iommufd context; its objects (devices, IOAS) share one id space. */
    static final class Ictx implements Node {
        final Set<Integer> ioas = new LinkedHashSet<>();
        int nextId = 1;
    }

    /** A vfio device cdev node, {@code /dev/vfio/devices/vfioN}. */
    static final class Cdev implements Node {
        final String name;
        final Group group;
        /** Another process has this very device open (its own iommufd): BIND answers EINVAL. */
        boolean openElsewhere;

        Cdev(String name, Group group) {
            this.name = name;
            this.group = group;
        }
    }

    /** One open file of a cdev: unbound until BIND. */
    static final class CdevFile implements Node {
        final Cdev cdev;
        Ictx bound;
        int devid;
        boolean attached;

        CdevFile(Cdev cdev) {
            this.cdev = cdev;
        }
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
    /** Functions not on vfio-pci (no driver or a host driver): outside every vfio device set, devid −1. */
    final Set<String> notOnVfioPci = new LinkedHashSet<>();
    /** Functions that are their own vfio device set (virtual functions): −1 to every other device, and others to them. */
    final Set<String> ownDeviceSet = new LinkedHashSet<>();
    /** Groups whose DMA another process's iommufd owns: BIND of any of their devices answers EPERM. */
    final Set<Integer> ownedElsewhere = new LinkedHashSet<>();
    /** Every devid a cdev-mode INFO reported, in order, per call. */
    final List<List<Integer>> reportedDevids = new ArrayList<>();
    /** Cdev-mode hot resets that succeeded (the target's name each). */
    final List<String> cdevHotResets = new ArrayList<>();

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

    /** {@code /dev/iommu}. */
    void iommu(String path) {
        paths.put(path, new IommuNode());
    }

    /** The cdev of function {@code name} in {@code group} (the group need not have a group node). */
    Cdev cdev(String path, String name, Group group) {
        Cdev c = new Cdev(name, group);
        paths.put(path, c);
        return c;
    }

    @Override
    public int open(String path, int flags) {
        calls.add("open " + path);
        Node node = paths.get(path);
        if (node == null) {
            throw Syscalls.fail(Errno.ENOENT);
        }
        if (node instanceof Group g && (g.heldElsewhere || fds.containsValue(node) || cdevOpenIn(g))) {
            throw Syscalls.fail(Errno.EBUSY); // one open of a group at a time, and never with a cdev of it
        }
        if (node instanceof IommuNode) {
            return install(new Ictx());
        }
        if (node instanceof Cdev c) {
            if (c.group != null && (c.group.heldElsewhere || fds.containsValue(c.group))) {
                throw Syscalls.fail(Errno.EBUSY); // the group is open through the group path
            }
            return install(new CdevFile(c));
        }
        return install(node);
    }

    private boolean cdevOpenIn(Group g) {
        return fds.values().stream().anyMatch(n -> n instanceof CdevFile f && f.cdev.group == g);
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
            Map.entry(Vfio.VFIO_DEVICE_PCI_HOT_RESET, "VFIO_DEVICE_PCI_HOT_RESET"),
            Map.entry(Vfio.VFIO_DEVICE_BIND_IOMMUFD, "VFIO_DEVICE_BIND_IOMMUFD"),
            Map.entry(Vfio.VFIO_DEVICE_ATTACH_IOMMUFD_PT, "VFIO_DEVICE_ATTACH_IOMMUFD_PT"),
            Map.entry(Vfio.IOMMU_IOAS_ALLOC, "IOMMU_IOAS_ALLOC"));

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
        } else if (n instanceof CdevFile f) {
            if (f.bound == null) {
                throw Syscalls.fail(Errno.EINVAL); // only BIND before BIND
            }
            if (request == Vfio.VFIO_DEVICE_RESET) {
                if ((deviceInfoFlags & Vfio.VFIO_DEVICE_FLAGS_RESET) == 0) {
                    throw Syscalls.fail(Errno.EINVAL);
                }
                resets.add(f.cdev.name);
                return 0;
            }
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
        } else if (n instanceof Ictx ictx && request == Vfio.IOMMU_IOAS_ALLOC) {
            return ioasAlloc(ictx, arg);
        } else if (n instanceof CdevFile f) {
            return cdevIoctl(f, request, arg);
        }
        throw Syscalls.fail(Errno.ENOTTY);
    }

    private int ioasAlloc(Ictx ictx, Pointer arg) {
        VfioStructs.iommu_ioas_alloc a = new VfioStructs.iommu_ioas_alloc(arg);
        a.read();
        if (a.size < a.size() || a.flags != 0) {
            throw Syscalls.fail(Errno.EINVAL);
        }
        a.out_ioas_id = ictx.nextId++;
        ictx.ioas.add(a.out_ioas_id);
        a.write();
        return 0;
    }

    private int cdevIoctl(CdevFile f, long request, Pointer arg) {
        if (request == Vfio.VFIO_DEVICE_BIND_IOMMUFD) {
            return bind(f, arg);
        }
        if (f.bound == null) {
            throw Syscalls.fail(Errno.EINVAL); // vfio_device_fops_unl_ioctl: nothing but BIND until bound
        }
        if (request == Vfio.VFIO_DEVICE_ATTACH_IOMMUFD_PT) {
            VfioStructs.vfio_device_attach_iommufd_pt a = new VfioStructs.vfio_device_attach_iommufd_pt(arg);
            a.read();
            if (a.argsz < a.size() || a.flags != 0) {
                throw Syscalls.fail(Errno.EINVAL);
            }
            if (!f.bound.ioas.contains(a.pt_id)) {
                throw Syscalls.fail(Errno.ENOENT);
            }
            f.attached = true;
            return 0;
        }
        if (request == Vfio.VFIO_DEVICE_GET_INFO) {
            return deviceInfo(new Device(f.cdev.name, f.cdev.group, deviceInfoFlags), arg);
        }
        if (request == Vfio.VFIO_DEVICE_GET_PCI_HOT_RESET_INFO) {
            return cdevHotResetInfo(f, arg);
        }
        if (request == Vfio.VFIO_DEVICE_PCI_HOT_RESET) {
            return cdevHotReset(f, arg);
        }
        throw Syscalls.fail(Errno.ENOTTY);
    }

    private int bind(CdevFile f, Pointer arg) {
        VfioStructs.vfio_device_bind_iommufd b = new VfioStructs.vfio_device_bind_iommufd(arg);
        b.read();
        if (b.argsz < b.size() || b.flags != 0 || f.bound != null) {
            throw Syscalls.fail(Errno.EINVAL);
        }
        if (!(fds.get(b.iommufd) instanceof Ictx ictx)) {
            throw Syscalls.fail(Errno.EBADF);
        }
        if (f.cdev.openElsewhere || boundFiles().anyMatch(o -> o != f && o.cdev == f.cdev)) {
            throw Syscalls.fail(Errno.EINVAL); // vfio_df_open: a cdev device is opened once
        }
        Group g = f.cdev.group;
        if (g != null && (!g.viable || ownedElsewhere.contains(g.id)
                || boundFiles().anyMatch(o -> o.cdev.group == g && o.bound != ictx))) {
            throw Syscalls.fail(Errno.EPERM); // iommu_device_claim_dma_owner: the group is not ours to own
        }
        f.bound = ictx;
        f.devid = ictx.nextId++;
        b.out_devid = f.devid;
        b.write();
        return 0;
    }

    private java.util.stream.Stream<CdevFile> boundFiles() {
        return fds.values().stream().filter(n -> n instanceof CdevFile c && c.bound != null).map(n -> (CdevFile) n);
    }

    /** vfio_pci_fill_devs with an iommufd: the devid of each dependent as seen from {@code f}'s context. */
    private List<DependentDevice> devids(CdevFile f, List<DependentDevice> dependents) {
        List<DependentDevice> out = new ArrayList<>();
        for (DependentDevice d : dependents) {
            String name = d.address().toString();
            int devid = Vfio.VFIO_PCI_DEVID_NOT_OWNED;
            boolean sameSet = name.equals(f.cdev.name) || !(ownDeviceSet.contains(name) || ownDeviceSet.contains(f.cdev.name));
            if (!notOnVfioPci.contains(name) && sameSet) {
                Optional<CdevFile> opened = boundFiles().filter(o -> o.bound == f.bound && o.cdev.name.equals(name)).findFirst();
                if (opened.isPresent()) {
                    devid = opened.get().devid;
                } else if (boundFiles().anyMatch(o -> o.bound == f.bound && o.cdev.group != null
                        && o.cdev.group.id == d.groupId())) {
                    devid = Vfio.VFIO_PCI_DEVID_OWNED;
                }
            }
            out.add(new DependentDevice(devid, d.segment(), d.bus(), d.devfn(), true, DependentDevice.Ownership.of(true, devid)));
        }
        return out;
    }

    private int cdevHotResetInfo(CdevFile f, Pointer arg) {
        int argsz = HotResetInfoCodec.header(arg).argsz;
        hotResetInfoArgsz.add(argsz);
        if (Integer.compareUnsigned(argsz, HotResetInfoCodec.HEADER_SIZE) < 0) {
            throw Syscalls.fail(Errno.EINVAL);
        }
        List<DependentDevice> devices = devids(f, dependentsOnCall.apply(hotResetInfoArgsz.size() - 1));
        boolean allOwned = devices.stream().allMatch(d -> d.devId() != Vfio.VFIO_PCI_DEVID_NOT_OWNED);
        int flags = Vfio.VFIO_PCI_HOT_RESET_FLAG_DEV_ID | (allOwned ? Vfio.VFIO_PCI_HOT_RESET_FLAG_DEV_ID_OWNED : 0);
        if (Integer.toUnsignedLong(argsz) < HotResetInfoCodec.HEADER_SIZE
                + (long) HotResetInfoCodec.DEVICE_SIZE * devices.size()) {
            HotResetInfoCodec.writeReply(arg, flags, devices.size(), List.of());
            throw Syscalls.fail(Errno.ENOSPC);
        }
        reportedDevids.add(devices.stream().map(DependentDevice::devId).toList());
        HotResetInfoCodec.writeReply(arg, flags, devices.size(), devices);
        return 0;
    }

    /** vfio_pci_ioctl_pci_hot_reset on a cdev: count must be 0, and the iommufd must own every dependent. */
    private int cdevHotReset(CdevFile f, Pointer arg) {
        var header = HotResetRequestCodec.header(arg);
        if (Integer.compareUnsigned(header.argsz, HotResetRequestCodec.HEADER_SIZE) < 0 || header.flags != 0
                || header.count != 0) {
            throw Syscalls.fail(Errno.EINVAL);
        }
        List<DependentDevice> devices = devids(f, dependentsOnCall.apply(Math.max(0, hotResetInfoArgsz.size() - 1)));
        if (devices.stream().anyMatch(d -> d.devId() == Vfio.VFIO_PCI_DEVID_NOT_OWNED)) {
            throw Syscalls.fail(Errno.EINVAL);
        }
        cdevHotResets.add(f.cdev.name);
        onHotReset.run();
        return 0;
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
