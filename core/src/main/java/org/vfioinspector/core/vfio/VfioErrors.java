package org.vfioinspector.core.vfio;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.vfioinspector.core.host.Holder;

/**
 * Turns a failed VFIO call into one sentence a lab engineer understands: what the kernel meant by
 * that errno at that step (shared/DESIGN.md, shared/VFIO-LAB.md, drivers/vfio/*.c) and what to do.
 * The same errno means different things at different steps (EPERM when opening = not root, EPERM
 * from {@code VFIO_GROUP_SET_CONTAINER} = group not viable), so every sentence is chosen per stage.
 * Errnos without a specific meaning fall back to the operation, errno name and {@code strerror} text.
 */
public final class VfioErrors {

    private VfioErrors() {
    }

    /**
     * What the caller knows about the situation, to name things in the sentence.
     *
     * @param group        the IOMMU group involved, when known
     * @param device       the function involved ({@code dddd:bb:dd.f}), or empty text
     * @param hostDrivers  functions of the group on a host driver, as {@code "0000:07:00.1 (e1000e)"}
     * @param holders      processes holding the group open
     * @param holdersKnown false when other processes' fds could not be read (not root)
     */
    public record Hints(OptionalInt group, String device, List<String> hostDrivers, List<Holder> holders,
                        boolean holdersKnown) {

        public Hints {
            Objects.requireNonNull(group, "group");
            device = device == null ? "" : device;
            hostDrivers = List.copyOf(hostDrivers);
            holders = List.copyOf(holders);
        }

        public static Hints none() {
            return new Hints(OptionalInt.empty(), "", List.of(), List.of(), true);
        }

        public static Hints forGroup(int group) {
            return none().withGroup(group);
        }

        public static Hints forDevice(String device) {
            return new Hints(OptionalInt.empty(), device, List.of(), List.of(), true);
        }

        public Hints withGroup(int g) {
            return new Hints(OptionalInt.of(g), device, hostDrivers, holders, holdersKnown);
        }

        public Hints withDevice(String d) {
            return new Hints(group, d, hostDrivers, holders, holdersKnown);
        }

        public Hints withHostDrivers(List<String> functions) {
            return new Hints(group, device, functions, holders, holdersKnown);
        }

        public Hints withHolders(List<Holder> found, boolean known) {
            return new Hints(group, device, hostDrivers, found, known);
        }
    }

    /** The sentence for {@code e}, at the stage its operation and target belong to. */
    public static String explain(VfioException e, Hints hints) {
        return Stage.of(e).map(s -> explain(s, e, hints)).orElseGet(() -> generic(e));
    }

    /** The sentence for {@code e} raised by {@code stage}. */
    public static String explain(Stage stage, VfioException e, Hints hints) {
        String specific = switch (stage) {
            case OPEN_CONTAINER -> openContainer(e);
            case API_VERSION, CHECK_EXTENSION -> container(e);
            case OPEN_GROUP -> openGroup(e, hints);
            case GET_STATUS -> groupIoctl(e, hints);
            case SET_CONTAINER -> setContainer(e, hints);
            case SET_IOMMU -> setIommu(e);
            case GET_DEVICE_FD -> deviceFd(e, hints);
            case GET_HOT_RESET_INFO -> hotResetInfo(e, hints);
            case HOT_RESET -> hotReset(e, hints);
            case DEVICE_RESET -> deviceReset(e, hints);
            case OPEN_IOMMUFD -> openIommufd(e);
            case OPEN_CDEV -> openCdev(e, hints);
            case BIND_IOMMUFD -> bindIommufd(e, hints);
            default -> null;
        };
        return specific != null ? specific : generic(e);
    }

    /** {@code OP on TARGET failed: ENAME (strerror).} */
    static String generic(VfioException e) {
        return e.getMessage() + ".";
    }

    private static String openContainer(VfioException e) {
        return switch (e.errno()) {
            case Errno.ENOENT -> e.target() + " does not exist: the VFIO modules are not loaded. Load them with "
                    + "'modprobe vfio-pci' (the IOMMU must be on, e.g. intel_iommu=on or amd_iommu=on).";
            case Errno.ENODEV, Errno.ENXIO -> e.target() + " exists but no VFIO driver answers it: the vfio module is "
                    + "not loaded. Load it with 'modprobe vfio-pci'.";
            case Errno.EACCES, Errno.EPERM -> needsRoot(e.target());
            default -> null;
        };
    }

    private static String container(VfioException e) {
        return switch (e.errno()) {
            case Errno.ENOTTY -> e.target() + " is not a VFIO container: it does not answer " + e.operation()
                    + ". Check that it is the vfio character device (10:196).";
            case Errno.EPROTO -> "The kernel's VFIO is not the one this tool speaks: " + e.description() + ".";
            default -> null;
        };
    }

    private static String openGroup(VfioException e, Hints h) {
        String g = groupName(h, e);
        return switch (e.errno()) {
            case Errno.ENOENT -> e.target() + " does not exist: no function of " + g + " is bound to vfio-pci "
                    + "(bind them with 'vfio-inspector bind BDF --vfio'), or the group went away.";
            case Errno.EBUSY -> g + " is already open in another process" + holders(h) + ". The kernel lets one "
                    + "process hold a group at a time: stop that process (or let it release the device) and retry.";
            case Errno.EACCES, Errno.EPERM -> needsRoot(e.target());
            default -> null;
        };
    }

    private static String groupIoctl(VfioException e, Hints h) {
        if (e.errno() == Errno.ENOTTY) {
            return e.target() + " is not a VFIO group node: it does not answer " + e.operation() + ".";
        }
        return null;
    }

    private static String setContainer(VfioException e, Hints h) {
        String g = groupName(h, e);
        return switch (e.errno()) {
            case Errno.EPERM -> notViable(g, h.hostDrivers());
            case Errno.EBUSY -> g + " is already attached to another VFIO container: another user holds it"
                    + holders(h) + ".";
            case Errno.EINVAL -> g + " could not be attached to the container: it is attached already, or the "
                    + "container descriptor is not valid.";
            default -> groupIoctl(e, h);
        };
    }

    /** The sentence for a group that {@code VFIO_GROUP_GET_STATUS} reports as not viable. */
    public static String notViable(String groupName, List<String> hostDrivers) {
        String who = hostDrivers.isEmpty()
                ? "a function of it is bound to a host driver (see 'vfio-inspector groups')"
                : String.join(", ", hostDrivers) + (hostDrivers.size() == 1 ? " is" : " are")
                        + " bound to a host driver";
        return groupName + " is not viable: " + who + ". Every function of an IOMMU group must be on vfio-pci (or "
                + "have no driver) before VFIO may use the group; bind " + (hostDrivers.size() == 1 ? "it" : "them")
                + " with 'vfio-inspector bind BDF --vfio', or leave this group alone.";
    }

    private static String setIommu(VfioException e) {
        return switch (e.errno()) {
            case Errno.EPERM -> "The IOMMU driver refused the container (EPERM): this platform has no interrupt "
                    + "remapping, and vfio_iommu_type1 only allows that with allow_unsafe_interrupts=1.";
            case Errno.ENODEV -> "No IOMMU driver accepted the container (ENODEV): vfio_iommu_type1 is not loaded or "
                    + "the IOMMU is off.";
            case Errno.EINVAL -> "The kernel refused the IOMMU model (EINVAL): no group is attached yet, or the "
                    + "model was set already.";
            case Errno.EBUSY -> "The container already has an IOMMU model (EBUSY).";
            default -> null;
        };
    }

    private static String deviceFd(VfioException e, Hints h) {
        String d = h.device().isEmpty() ? e.target() : h.device();
        return switch (e.errno()) {
            case Errno.ENODEV -> d + " is not a VFIO device of " + groupName(h, e) + ": it is not bound to vfio-pci "
                    + "(or no longer in this group).";
            case Errno.EBUSY -> d + " is already open by another VFIO user (for example through its device cdev); "
                    + "close that first.";
            case Errno.EINVAL -> groupName(h, e) + " is not attached to a container with an IOMMU model, so the "
                    + "kernel will not hand out its devices.";
            case Errno.EPERM -> d + " may not be opened: the IOMMU group is not viable or not owned.";
            default -> null;
        };
    }

    private static String hotResetInfo(VfioException e, Hints h) {
        return switch (e.errno()) {
            case Errno.ENODEV -> noHotReset(e, h);
            case Errno.EPERM -> "A function the reset would reach has no IOMMU group (EPERM): the kernel refuses to "
                    + "list or reset a set that contains it.";
            case Errno.ENOSPC -> "The list of affected devices kept growing while the kernel was asked for it "
                    + "(hot-plug in progress?): nothing was reset; retry once the topology is stable.";
            case Errno.EAGAIN -> "The PCI topology changed while the kernel listed the affected devices (EAGAIN): "
                    + "nothing was reset; retry.";
            case Errno.EPROTO -> "The kernel's list of affected devices could not be accepted: " + e.description()
                    + ".";
            default -> null;
        };
    }

    private static String noHotReset(VfioException e, Hints h) {
        String d = h.device().isEmpty() ? e.target() : h.device();
        return "The kernel offers no slot or bus reset for " + d + " (ENODEV): it sits on a root bus, a device on "
                + "its bus forbids a bus reset (NO_BUS_RESET quirk), or a function's reset was disabled.";
    }

    private static String hotReset(VfioException e, Hints h) {
        return switch (e.errno()) {
            case Errno.EINVAL -> "The kernel refused the hot reset (EINVAL): a function it would reset is not bound "
                    + "to vfio-pci (one with no driver counts too)"
                    + (h.hostDrivers().isEmpty() ? "" : " (" + String.join(", ", h.hostDrivers()) + ")")
                    + ", or the descriptor of an affected IOMMU group was not passed (on the cdev path: a function is "
                    + "not owned by the iommufd, e.g. another VF, which is its own vfio device set). The bus was not reset.";
            case Errno.ENOTTY -> "The bus was reset but the link did not come back: the kernel waited for the port "
                    + "above to report Data Link Layer Link Active and gave up (ENOTTY). The functions below it may "
                    + "not answer until the link retrains or the machine reboots (emulated root ports faster than "
                    + "2.5 GT/s, as in QEMU, never report it).";
            case Errno.EAGAIN -> "The PCI topology changed or a device was locked during the reset (EAGAIN): nothing "
                    + "was reset; retry.";
            case Errno.EBUSY -> "Another reset or user holds a device of this set (EBUSY): nothing was reset; retry "
                    + "later.";
            case Errno.EBADF -> "A group descriptor passed to the hot reset was not open (EBADF): nothing was reset. "
                    + "This is a bug in the caller.";
            case Errno.ENODEV -> noHotReset(e, h);
            case Errno.EPERM -> "The kernel does not consider this process the owner of every affected device "
                    + "(EPERM): nothing was reset.";
            default -> null;
        };
    }

    private static String openIommufd(VfioException e) {
        return switch (e.errno()) {
            case Errno.ENOENT, Errno.ENODEV, Errno.ENXIO -> e.target() + " is not there: this kernel has no iommufd "
                    + "(CONFIG_IOMMUFD), so only the group path (/dev/vfio/N) can reset the device.";
            case Errno.EACCES, Errno.EPERM -> needsRoot(e.target());
            default -> null;
        };
    }

    private static String openCdev(VfioException e, Hints h) {
        String d = h.device().isEmpty() ? e.target() : h.device();
        return switch (e.errno()) {
            case Errno.ENOENT, Errno.ENODEV, Errno.ENXIO -> e.target() + " is not there: " + d + " is not bound to "
                    + "vfio-pci, or the kernel has no vfio device cdev (CONFIG_VFIO_DEVICE_CDEV).";
            case Errno.EBUSY -> d + "'s IOMMU group is open through the group path (/dev/vfio/N) by another user"
                    + holders(h) + ": the kernel lets a group be used through its group or its cdevs, not both (EBUSY).";
            case Errno.EACCES, Errno.EPERM -> needsRoot(e.target());
            default -> null;
        };
    }

    private static String bindIommufd(VfioException e, Hints h) {
        String d = h.device().isEmpty() ? e.target() : h.device();
        return switch (e.errno()) {
            case Errno.EPERM -> d + " could not be bound to the iommufd (EPERM): another function of its IOMMU group is "
                    + "on a host driver" + (h.hostDrivers().isEmpty() ? "" : " (" + String.join(", ", h.hostDrivers()) + ")")
                    + ", or the device is bound to another process's iommufd" + holders(h) + ".";
            case Errno.EBUSY -> d + " is in use by another VFIO user (EBUSY)" + holders(h) + ".";
            case Errno.EINVAL -> d + " was refused by VFIO_DEVICE_BIND_IOMMUFD (EINVAL): it is bound already, or the "
                    + "descriptor passed is not an iommufd.";
            default -> null;
        };
    }

    private static String deviceReset(VfioException e, Hints h) {
        String d = h.device().isEmpty() ? e.target() : h.device();
        return switch (e.errno()) {
            case Errno.EINVAL -> d + " has no function-level reset the kernel can use (EINVAL): a hot reset of its "
                    + "slot or bus is the only way.";
            case Errno.ENOTTY -> d + " did not answer after its function reset (ENOTTY): the device did not become "
                    + "ready in time and may need a bus reset or a reboot.";
            case Errno.EAGAIN, Errno.EBUSY -> d + " is locked by another operation (" + e.errnoName()
                    + "): nothing was reset; retry.";
            default -> null;
        };
    }

    private static String needsRoot(String path) {
        return "Opening " + path + " was denied: VFIO needs root. Run the command as root (sudo, or through the "
                + "GUI, which asks via pkexec).";
    }

    private static String groupName(Hints h, VfioException e) {
        if (h.group().isPresent()) {
            return "IOMMU group " + h.group().getAsInt();
        }
        String t = e.target();
        int slash = t.lastIndexOf('/');
        String last = slash >= 0 ? t.substring(slash + 1) : t;
        return last.chars().allMatch(Character::isDigit) && !last.isEmpty() ? "IOMMU group " + last : "the group";
    }

    private static String holders(Hints h) {
        if (!h.holders().isEmpty()) {
            return " (" + h.holders().stream().map(Holder::describe).collect(Collectors.joining(", ")) + ")";
        }
        return h.holdersKnown() ? " (it could not be identified; it may have let go since)"
                : " (run as root to see which process)";
    }
}
