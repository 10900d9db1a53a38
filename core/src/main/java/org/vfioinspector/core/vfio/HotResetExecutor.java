package org.vfioinspector.core.vfio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

import org.vfioinspector.core.health.KernelLog;
import org.vfioinspector.core.health.Verification;
import org.vfioinspector.core.health.VerificationVerdict;
import org.vfioinspector.core.health.VerdictRules;
import org.vfioinspector.core.health.Verifier;
import org.vfioinspector.core.host.HolderScan;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.reset.Finding;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;
import org.vfioinspector.core.sysfs.VfioInterfaces;
import org.vfioinspector.core.text.Counted;
import org.vfioinspector.core.vfio.ProtocolRun.Stop;
import org.vfioinspector.core.vfio.ResetReport.Outcome;
import org.vfioinspector.core.vfio.VfioErrors.Hints;

/**
 * Runs a {@link ResetPlan} through the kernel's VFIO group protocol (issue 5), shared by the CLI and
 * the GUI:
 * open {@code dev/vfio/vfio} → API version and TYPE1v2/TYPE1 → open every group of the set →
 * {@code GET_STATUS} (not viable: refuse, naming the host-driver function) → {@code SET_CONTAINER} →
 * {@code SET_IOMMU} → {@code GET_DEVICE_FD} → {@code GET_INFO} → {@code GET_PCI_HOT_RESET_INFO} →
 * compare with the prediction and the confirmed set (any difference refuses) → {@code PCI_HOT_RESET}
 * with every group fd (not in a dry run) → verify that every function came back ({@link Verifier}: ids, power
 * state, links, AER, kernel log) → close in reverse order. A {@link ResetKind#FUNCTION_RESET} opens the target's group only and ends with
 * {@code VFIO_DEVICE_RESET}.
 *
 * <p>{@link #withPath(VfioPath) withPath(CDEV)} runs the cdev protocol instead (issue 20): {@code /dev/iommu}, one
 * device cdev per IOMMU group bound to that one iommufd, an IOAS, and a hot reset with no group fds, refused when
 * the kernel reports a function the iommufd does not own (devid −1).
 *
 * <p>Every path lives under the {@link HostRoot}; a refused plan makes no system call at all. Note that
 * opening a device is not free even in a dry run: when the last user closes a vfio-pci device, the
 * kernel resets it by itself (FLR, or the bus reset when it has none).
 */
public final class HotResetExecutor {

    /**
     * Said whenever a run opened the device but did not reset it: vfio-pci resets a device when its last
     * user closes it (vfio_pci_core_disable: a function reset when one works, else the dev set's bus or
     * slot once every function of it is on vfio-pci and unused), so "nothing was reset" would not be true.
     */
    static final String RELEASE_NOTE = "Closing the device lets vfio-pci reset it, as after any use (a function "
            + "reset, or the whole set when it has none and every function of the set is on vfio-pci and unused).";

    private final HostRoot root;
    private final Syscalls sys;
    private final Supplier<HolderScan> holders;
    private final KernelLog log;
    private final ResetHooks hooks;
    private final VfioPath path;

    /**
     * @param holders scans who holds VFIO files, asked only when a group open fails with EBUSY
     */
    public HotResetExecutor(HostRoot root, Supplier<HolderScan> holders) {
        this(root, Syscalls.LIVE, holders);
    }

    /** As {@link #HotResetExecutor(HostRoot, Supplier)}, through {@code kernel} (tests pass a simulated one). */
    public HotResetExecutor(HostRoot root, VfioKernel kernel, Supplier<HolderScan> holders) {
        this(root, Objects.requireNonNull(kernel, "kernel").sys, holders);
    }

    HotResetExecutor(HostRoot root, Syscalls sys, Supplier<HolderScan> holders) {
        this(root, sys, holders, KernelLog.NONE, ResetHooks.NONE, VfioPath.GROUP);
    }

    private HotResetExecutor(HostRoot root, Syscalls sys, Supplier<HolderScan> holders, KernelLog log, ResetHooks hooks,
                             VfioPath path) {
        this.root = Objects.requireNonNull(root, "root");
        this.sys = Objects.requireNonNull(sys, "sys");
        this.holders = Objects.requireNonNull(holders, "holders");
        this.log = Objects.requireNonNull(log, "log");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.path = Objects.requireNonNull(path, "path");
    }

    /** This executor reading the kernel log lines of the reset window from {@code log} (this machine's, as root). */
    public HotResetExecutor withKernelLog(KernelLog log) {
        return new HotResetExecutor(root, sys, holders, log, hooks, path);
    }

    /**
     * This executor going through {@code path}: {@link VfioPath#CDEV} opens {@code /dev/iommu}, then one device cdev per
     * IOMMU group of the set (the target's first), binds each to that one iommufd ({@code VFIO_DEVICE_BIND_IOMMUFD}),
     * allocates an IOAS and attaches them to it, and resets with {@code count} 0: the kernel checks that the iommufd
     * owns every function of the set ({@code VFIO_PCI_HOT_RESET_FLAG_DEV_ID_OWNED}).
     */
    public HotResetExecutor withPath(VfioPath path) {
        return new HotResetExecutor(root, sys, holders, log, hooks, path);
    }

    /** This executor calling {@code hooks} just before the reset ioctl. */
    public HotResetExecutor withHooks(ResetHooks hooks) {
        return new HotResetExecutor(root, sys, holders, log, hooks, path);
    }

    /**
     * How many steps a run that goes all the way (a reset or a dry run) records: the container's three,
     * three per group (open, status, set container), then the IOMMU, device fd, device info, the reset (a hot
     * reset adds its INFO call and the comparison), verification (not in a dry run) and close. For progress
     * bars; a run that stops early records fewer.
     */
    public static int expectedSteps(ResetKind kind, int groups, boolean dryRun) {
        return expectedSteps(kind, groups, dryRun, VfioPath.GROUP);
    }

    /**
     * As {@link #expectedSteps(ResetKind, int, boolean)} on {@code path}: the cdev path records opening /dev/iommu,
     * three steps per opened cdev (open, bind, attach; one cdev per group, the target's alone for a function reset),
     * the IOAS, device info, the reset's steps, verification (not in a dry run) and close.
     */
    public static int expectedSteps(ResetKind kind, int groups, boolean dryRun, VfioPath path) {
        int reset = kind == ResetKind.FUNCTION_RESET ? 1 : 3;
        if (path == VfioPath.CDEV) {
            int opened = kind == ResetKind.FUNCTION_RESET ? 1 : Math.max(groups, 1);
            return 1 + 3 * opened + 1 + 1 + reset + (dryRun ? 0 : 1) + 1;
        }
        int perGroup = 3 * Math.max(groups, 1);
        return 3 + perGroup + 3 + reset + (dryRun ? 0 : 1) + 1;
    }

    public ResetReport execute(ResetPlan plan) {
        return execute(plan, ResetProgress.NONE);
    }

    /** As {@link #execute(ResetPlan)}, telling {@code progress} of every call as it starts and ends. */
    public ResetReport execute(ResetPlan plan, ResetProgress progress) {
        ProtocolRun run = new ProtocolRun(plan, Objects.requireNonNull(progress, "progress"));
        if (plan.refused()) {
            run.refusals.addAll(plan.refusals());
            run.summary = plan.refusals().get(0).message();
            return run.report(Outcome.REFUSED);
        }
        Verifier verifier = new Verifier(root, log);
        Verifier.Before before = verifier.before(plan.affected());
        Outcome outcome;
        HandleStack handles = new HandleStack();
        try (handles) {
            Check check = new Check(verifier, before);
            outcome = path == VfioPath.CDEV ? cdevProtocol(run, handles, check) : protocol(run, handles, check);
        } catch (Stop stop) {
            outcome = stop.outcome;
        }
        run.ok(Stage.CLOSE, "", Counted.of(handles.closedCount(), "handle") + (path == VfioPath.CDEV
                ? " closed, device cdevs before the iommufd" : " closed, devices before groups before the container"));
        return run.report(outcome);
    }

    /** The verifier and what it read before the run. */
    private record Check(Verifier verifier, Verifier.Before before) {
    }

    private Outcome protocol(ProtocolRun run, HandleStack h, Check before) throws Stop {
        ResetPlan plan = run.plan;
        ResetRequest r = plan.request();
        Path containerPath = root.resolve("dev/vfio/vfio");
        String containerName = root.hostPath(containerPath);
        VfioContainer container = h.push(run.call(Stage.OPEN_CONTAINER, containerName, Hints::none,
                () -> VfioContainer.open(containerPath, sys)));
        run.ok(Stage.API_VERSION, containerName, "VFIO_API_VERSION " + Vfio.VFIO_API_VERSION);
        int iommu = run.call(Stage.CHECK_EXTENSION, containerName, Hints::none, () -> iommuType(container),
                t -> t == Vfio.VFIO_TYPE1v2_IOMMU ? "VFIO_TYPE1v2_IOMMU" : t == Vfio.VFIO_TYPE1_IOMMU ? "VFIO_TYPE1_IOMMU" : "none");
        if (iommu == 0) {
            throw run.refuse(Stage.CHECK_EXTENSION, containerName, new Finding("NO_TYPE1_IOMMU", Optional.empty(),
                    "The kernel offers neither VFIO_TYPE1v2_IOMMU nor VFIO_TYPE1_IOMMU: load vfio_iommu_type1 "
                            + "('modprobe vfio-pci' loads it) and check that the IOMMU is on."));
        }
        Map<Integer, VfioGroup> groups = openGroups(run, h, plan.groups());
        for (Map.Entry<Integer, VfioGroup> g : groups.entrySet()) {
            String name = groupPath(g.getKey());
            GroupStatus status = run.call(Stage.GET_STATUS, name, () -> Hints.forGroup(g.getKey()),
                    g.getValue()::getStatus, s -> s.viable() ? "viable" : "not viable");
            if (!status.viable()) {
                throw run.refuse(Stage.GET_STATUS, name, new Finding("GROUP_NOT_VIABLE", Optional.empty(),
                        VfioErrors.notViable("IOMMU group " + g.getKey(), ViableDrivers.hostDriversInGroup(root, g.getKey()))));
            }
        }
        for (Map.Entry<Integer, VfioGroup> g : groups.entrySet()) {
            run.call(Stage.SET_CONTAINER, groupPath(g.getKey()), () -> Hints.forGroup(g.getKey())
                    .withHostDrivers(ViableDrivers.hostDriversInGroup(root, g.getKey())),
                    () -> { g.getValue().setContainer(container); return null; });
        }
        run.call(Stage.SET_IOMMU, containerName, Hints::none, () -> { container.setIommu(iommu); return null; });
        String target = r.target().toString();
        if (plan.targetGroup().isEmpty() || !groups.containsKey(plan.targetGroup().getAsInt())) {
            throw run.refuse(Stage.GET_DEVICE_FD, target, Finding.of("NO_IOMMU_GROUP", r.target(),
                    target + " has no IOMMU group among those opened: VFIO cannot open it."));
        }
        int targetGroup = plan.targetGroup().getAsInt();
        VfioDevice device = h.push(run.call(Stage.GET_DEVICE_FD, target,
                () -> Hints.forGroup(targetGroup).withDevice(target), () -> groups.get(targetGroup).getDeviceFd(r.target())));
        DeviceInfo info = run.call(Stage.GET_INFO, target, () -> Hints.forDevice(target), device::getInfo,
                i -> String.format("flags 0x%x%s%s", i.flags(), i.canReset() ? " RESET" : "", i.isPci() ? " PCI" : ""));
        if (r.kind() == ResetKind.FUNCTION_RESET) {
            return functionReset(run, device, info, before);
        }
        return hotReset(run, device, groups, before);
    }

    private static int iommuType(VfioContainer c) throws VfioException {
        if (c.checkExtension(Vfio.VFIO_TYPE1v2_IOMMU)) {
            return Vfio.VFIO_TYPE1v2_IOMMU;
        }
        return c.checkExtension(Vfio.VFIO_TYPE1_IOMMU) ? Vfio.VFIO_TYPE1_IOMMU : 0;
    }

    private Map<Integer, VfioGroup> openGroups(ProtocolRun run, HandleStack h, List<Integer> ids) throws Stop {
        Map<Integer, VfioGroup> groups = new LinkedHashMap<>();
        for (int g : ids) {
            Path path = root.resolve("dev/vfio/" + g);
            groups.put(g, h.push(run.call(Stage.OPEN_GROUP, groupPath(g), () -> holderHints(g),
                    () -> VfioGroup.open(path, sys))));
        }
        return groups;
    }

    private Hints holderHints(int group) {
        try {
            HolderScan scan = holders.get();
            return Hints.forGroup(group).withHolders(scan.holdersOfGroup(group), scan.complete());
        } catch (RuntimeException e) {
            return Hints.forGroup(group).withHolders(List.of(), false);
        }
    }

    private Outcome hotReset(ProtocolRun run, VfioDevice device, Map<Integer, VfioGroup> groups, Check before)
            throws Stop {
        ResetPlan plan = run.plan;
        String target = plan.request().target().toString();
        run.kernelList = run.call(Stage.GET_HOT_RESET_INFO, target, () -> Hints.forDevice(target),
                device::getPciHotResetInfo, l -> Counted.of(l.size(), "dependent device") + ": " + l);
        run.differences = KernelListComparison.differences(run.kernelList, plan.affected(),
                plan.request().confirmed(), groups.keySet());
        List<PciAddress> kernelSet = KernelListComparison.kernelSet(run.kernelList, plan.affected());
        if (!run.differences.isEmpty()) {
            throw run.refuse(Stage.COMPARE, target, Finding.of("KERNEL_SET_DIFFERS", plan.request().target(),
                    "The kernel would reset " + ResetPlanner.list(kernelSet) + ", but the prediction is "
                            + ResetPlanner.list(plan.affected()) + " and you confirmed "
                            + ResetPlanner.list(plan.request().confirmed()) + " (" + String.join("; ", run.differences)
                            + "). VFIO_DEVICE_PCI_HOT_RESET was not called. " + RELEASE_NOTE));
        }
        run.ok(Stage.COMPARE, target, "the kernel's list equals the prediction and the confirmed set");
        List<VfioGroup> pass = new ArrayList<>();
        run.kernelList.stream().map(DependentDevice::groupId).distinct().sorted().forEach(g -> pass.add(groups.get(g)));
        return resetAndVerify(run, kernelSet, before, "", () -> { device.hotReset(pass); return null; },
                Counted.of(pass.size(), "group fd") + " passed");
    }

    /**
     * The end of a hot reset on either path once the kernel's list was accepted: a dry run stops here; else the
     * hook, the ioctl ({@code reset}), and the verification (also after ENOTTY: the bus was reset).
     */
    private Outcome resetAndVerify(ProtocolRun run, List<PciAddress> kernelSet, Check before, String pathNote,
                                   ProtocolRun.Call<Void> reset, String detail) throws Stop {
        String target = run.plan.request().target().toString();
        if (run.plan.request().dryRun()) {
            run.skipped(Stage.HOT_RESET, target, "dry run: the bus was not reset");
            run.summary = "Dry run passed" + pathNote + ": a hot reset of " + target + " would reset "
                    + ResetPlanner.list(kernelSet) + ", exactly the set you confirmed. VFIO_DEVICE_PCI_HOT_RESET was not "
                    + "called. " + RELEASE_NOTE;
            return Outcome.DRY_RUN;
        }
        beforeIoctl(run, Stage.HOT_RESET, kernelSet);
        try {
            run.call(Stage.HOT_RESET, target, () -> Hints.forDevice(target).withHostDrivers(notOnVfio(kernelSet)),
                    reset, v -> detail);
        } catch (Stop stop) {
            if (run.error.filter(e -> e.errnoName().equals(VerdictRules.LINK_DOWN_ERRNO)).isPresent()) {
                // the bus was reset but the kernel gave up on the link: say what is left of every function
                Verification v = before.verifier().after(before.before(), kernelSet, true);
                run.verification = Optional.of(v); // its advice is the verification's, not repeated in the summary
            }
            throw stop;
        }
        return verify(run, kernelSet, before, "Hot reset of " + target);
    }

    /**
     * The cdev path (issue 20): {@code /dev/iommu} → for the target, then one function of every other IOMMU group of
     * the set: open its cdev, {@code VFIO_DEVICE_BIND_IOMMUFD} → {@code IOMMU_IOAS_ALLOC} → {@code
     * VFIO_DEVICE_ATTACH_IOMMUFD_PT} each → {@code GET_INFO} → {@code GET_PCI_HOT_RESET_INFO} (device ids) → compare,
     * and refuse when a function is not owned by the iommufd (devid −1) → {@code PCI_HOT_RESET} with count 0.
     */
    private Outcome cdevProtocol(ProtocolRun run, HandleStack h, Check before) throws Stop {
        ResetPlan plan = run.plan;
        ResetRequest r = plan.request();
        Path iommuPath = root.resolve("dev/iommu");
        String iommuName = root.hostPath(iommuPath);
        Iommufd ictx = h.push(run.call(Stage.OPEN_IOMMUFD, iommuName, Hints::none, () -> Iommufd.open(iommuPath, sys)));
        Map<PciAddress, VfioDevice> devices = new LinkedHashMap<>();
        for (PciAddress a : cdevOpens(plan)) {
            OptionalInt g = groupOf(a);
            Optional<String> cdev = VfioInterfaces.cdevOf(root, a);
            if (cdev.isEmpty()) { // only the target can be without one here (see cdevOpens)
                throw run.refuse(Stage.OPEN_CDEV, a.toString(), Finding.of("NO_CDEV", a, a + " has no vfio-dev/vfioN: it "
                        + "is not bound to vfio-pci, or the kernel has no vfio device cdev (CONFIG_VFIO_DEVICE_CDEV). Use "
                        + "the group path (without --cdev). Nothing was reset."));
            }
            Path node = root.resolve("dev/vfio/devices/" + cdev.get());
            Supplier<Hints> hints = () -> (g.isPresent() ? holderHints(g.getAsInt()) : Hints.none()).withDevice(a.toString())
                    .withHostDrivers(g.isPresent() ? ViableDrivers.hostDriversInGroup(root, g.getAsInt()) : List.of());
            VfioDevice dev = h.push(run.call(Stage.OPEN_CDEV, root.hostPath(node), hints,
                    () -> VfioDevice.openCdev(node, sys)));
            run.call(Stage.BIND_IOMMUFD, a.toString(), hints, () -> dev.bindIommufd(ictx), id -> "devid " + id);
            devices.put(a, dev);
        }
        int ioas = run.call(Stage.IOAS_ALLOC, iommuName, Hints::none, ictx::ioasAlloc, id -> "IOAS " + id);
        for (Map.Entry<PciAddress, VfioDevice> d : devices.entrySet()) {
            run.call(Stage.ATTACH_IOMMUFD_PT, d.getKey().toString(), () -> Hints.forDevice(d.getKey().toString()),
                    () -> { d.getValue().attachIommufdPt(ioas); return null; }, v -> "pt_id " + ioas);
        }
        String target = r.target().toString();
        VfioDevice device = devices.get(r.target());
        DeviceInfo info = run.call(Stage.GET_INFO, target, () -> Hints.forDevice(target), device::getInfo,
                i -> String.format("flags 0x%x%s%s", i.flags(), i.canReset() ? " RESET" : "", i.isPci() ? " PCI" : ""));
        if (r.kind() == ResetKind.FUNCTION_RESET) {
            return functionReset(run, device, info, before);
        }
        HotResetInfo reply = run.call(Stage.GET_HOT_RESET_INFO, target, () -> Hints.forDevice(target),
                device::getPciHotResetInfoReply, i -> String.format("flags 0x%x, %s: %s", i.flags(),
                        Counted.of(i.devices().size(), "dependent device"), i.devices()));
        run.kernelList = reply.devices();
        run.differences = KernelListComparison.cdevDifferences(reply, plan.affected(), r.confirmed());
        List<PciAddress> kernelSet = KernelListComparison.kernelSet(run.kernelList, plan.affected());
        if (!run.differences.isEmpty()) {
            throw run.refuse(Stage.COMPARE, target, Finding.of("KERNEL_SET_DIFFERS", r.target(),
                    "The kernel would reset " + ResetPlanner.list(kernelSet) + ", but the prediction is "
                            + ResetPlanner.list(plan.affected()) + " and you confirmed " + ResetPlanner.list(r.confirmed())
                            + " (" + String.join("; ", run.differences) + "). VFIO_DEVICE_PCI_HOT_RESET was not called. "
                            + RELEASE_NOTE));
        }
        List<PciAddress> notOwned = reply.devices().stream()
                .filter(d -> d.ownership() == DependentDevice.Ownership.NOT_OWNED)
                .map(d -> KernelListComparison.kernelSet(List.of(d), plan.affected()).get(0)).toList();
        if (!notOwned.isEmpty()) {
            throw run.refuse(Stage.COMPARE, target, Finding.of("CDEV_NOT_OWNED", notOwned.get(0), "The kernel reports "
                    + ResetPlanner.list(notOwned) + " as not owned by this iommufd (devid -1, VFIO_PCI_DEVID_NOT_OWNED; "
                    + String.format("flags 0x%x", reply.flags()) + "): a function with no driver or a host driver, one "
                    + "bound to another process's iommufd, or another virtual function (each VF is its own vfio device "
                    + "set). VFIO_DEVICE_PCI_HOT_RESET would fail with EINVAL and was not called. " + RELEASE_NOTE));
        }
        run.ok(Stage.COMPARE, target, "the kernel's list equals the prediction and the confirmed set; every function is "
                + "owned by this iommufd" + String.format(" (flags 0x%x)", reply.flags()));
        return resetAndVerify(run, kernelSet, before, " (cdev path)", () -> { device.hotResetOwnedByIommufd(); return null; },
                "count 0: the iommufd proves ownership");
    }

    /**
     * The functions whose cdevs the cdev path opens: the target, then for a hot reset the first function with a cdev
     * of every other IOMMU group of the set (the others of a group are owned through it: devid 0,
     * VFIO_PCI_DEVID_OWNED). A group none of whose functions has a cdev is not opened: the kernel then reports its
     * functions as not owned (devid −1), and the run refuses with the kernel's own list.
     */
    private List<PciAddress> cdevOpens(ResetPlan plan) {
        PciAddress target = plan.request().target();
        List<PciAddress> out = new ArrayList<>(List.of(target));
        if (plan.request().kind() == ResetKind.FUNCTION_RESET) {
            return out;
        }
        java.util.Set<Integer> covered = new java.util.HashSet<>();
        groupOf(target).ifPresent(covered::add);
        for (PciAddress a : plan.affected()) {
            OptionalInt g = groupOf(a);
            if (!a.equals(target) && g.isPresent() && !covered.contains(g.getAsInt())
                    && VfioInterfaces.cdevOf(root, a).isPresent()) {
                covered.add(g.getAsInt());
                out.add(a);
            }
        }
        return out;
    }

    /** The IOMMU group of {@code a}, read fresh from its {@code iommu_group} link. */
    private OptionalInt groupOf(PciAddress a) {
        Optional<String> g = HostRoot.linkName(root.resolve(SysfsNames.functionFile(a, "iommu_group")));
        try {
            return g.isPresent() ? OptionalInt.of(Integer.parseInt(g.get())) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private Outcome functionReset(ProtocolRun run, VfioDevice device, DeviceInfo info, Check before) throws Stop {
        PciAddress a = run.plan.request().target();
        if (!info.canReset()) {
            throw run.refuse(Stage.GET_INFO, a.toString(), Finding.of("NO_FUNCTION_RESET", a, "The kernel offers no "
                    + "function reset for " + a + " (VFIO_DEVICE_FLAGS_RESET is clear): use a hot reset."));
        }
        if (run.plan.request().dryRun()) {
            run.skipped(Stage.DEVICE_RESET, a.toString(), "dry run: the function was not reset");
            run.summary = "Dry run passed: VFIO_DEVICE_RESET would reset only " + a + "; it was not called. " + RELEASE_NOTE;
            return Outcome.DRY_RUN;
        }
        beforeIoctl(run, Stage.DEVICE_RESET, List.of(a));
        run.call(Stage.DEVICE_RESET, a.toString(), () -> Hints.forDevice(a.toString()), () -> { device.reset(); return null; });
        return verify(run, List.of(a), before, "Function reset of " + a);
    }

    /** Functions of the set not bound to vfio-pci, read fresh, for the EINVAL sentence. */
    private List<String> notOnVfio(List<PciAddress> set) {
        List<String> out = new ArrayList<>();
        for (PciAddress a : set) {
            Optional<String> d = HostRoot.linkName(root.resolve(SysfsNames.functionFile(a, SysfsNames.DRIVER)));
            if (d.filter("vfio-pci"::equals).isEmpty()) {
                out.add(a + " (" + d.orElse("no driver") + ")");
            }
        }
        return out;
    }

    /** The hook's point before the ioctl: a refusal there ends the run with nothing reset. */
    private void beforeIoctl(ProtocolRun run, Stage stage, List<PciAddress> set) throws Stop {
        Optional<Finding> no = hooks.beforeIoctl(run.plan, set);
        if (no.isPresent()) {
            throw run.refuse(stage, run.plan.request().target().toString(), no.get());
        }
    }

    private Outcome verify(ProtocolRun run, List<PciAddress> set, Check before, String what) throws Stop {
        Verification v = before.verifier().after(before.before(), set, false);
        run.verification = Optional.of(v);
        VerificationVerdict verdict = v.verdict();
        List<String> bad = v.functions().stream().filter(f -> f.verdict() != VerificationVerdict.CAME_BACK)
                .map(f -> f.address() + " " + f.verdict().words() + (f.changes().isEmpty() ? ""
                        : " (" + String.join("; ", f.changes()) + ")")).toList();
        if (verdict == VerificationVerdict.LOST || verdict == VerificationVerdict.UNKNOWN) {
            throw run.fail(Stage.VERIFY, "", what + " ran, but " + String.join("; ", bad) + ".");
        }
        if (verdict == VerificationVerdict.CAME_BACK_DEGRADED) {
            run.ok(Stage.VERIFY, "", "came back degraded: " + String.join("; ", bad));
            run.summary = what + " done: " + ResetPlanner.list(set) + " came back, but " + String.join("; ", bad) + ".";
            return Outcome.RESET;
        }
        run.ok(Stage.VERIFY, "", Counted.of(set.size(), "function") + " came back: ids unchanged, D0, links and AER as before");
        run.summary = what + " done: " + ResetPlanner.list(set) + " reset and came back (ids unchanged, links and AER "
                + "as before).";
        return Outcome.RESET;
    }

    private String groupPath(int group) {
        return "/dev/vfio/" + group;
    }
}
