package org.vfioinspector.core.sysfs;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.vfioinspector.core.model.PciAddress;

/**
 * The names of what the sysfs readers read, relative to a {@link HostRoot}: folders, the attributes and
 * links of a PCI function directory, of an IOMMU group and of a hot-plug slot, and the kernel's proc files.
 * The readers of this package read by these names only, and the snapshot's capture list is built from the
 * sets below, so whatever a reader reads is in a snapshot.
 */
public final class SysfsNames {

    private SysfsNames() {
    }

    // folders
    /** The PCI bus: its functions, drivers and slots. */
    public static final String PCI_BUS = "sys/bus/pci";
    /** One link per PCI function, into {@link #DEVICES}. */
    public static final String BUS_DEVICES = PCI_BUS + "/devices";
    /** The device tree: {@code pci0000:00/0000:00:01.0/…}, one folder per function. */
    public static final String DEVICES = "sys/devices";
    public static final String IOMMU_GROUPS = "sys/kernel/iommu_groups";
    public static final String SLOTS = PCI_BUS + "/slots";
    public static final String PCI_DRIVERS = PCI_BUS + "/drivers";
    /** The PCIe port services' drivers; {@code pciehp/<port BDF>:pcieX04} says pciehp drives that port. */
    public static final String PCI_EXPRESS_DRIVERS = "sys/bus/pci_express/drivers";

    // files of a PCI function directory
    public static final String VENDOR = "vendor";
    public static final String DEVICE = "device";
    public static final String CLASS = "class";
    public static final String SUBSYSTEM_VENDOR = "subsystem_vendor";
    public static final String SUBSYSTEM_DEVICE = "subsystem_device";
    public static final String REVISION = "revision";
    /** IDs and the driver's name in one read (see {@code Uevent}). */
    public static final String UEVENT = "uevent";
    public static final String CONFIG = "config";
    public static final String DRIVER_OVERRIDE = "driver_override";
    public static final String RESET_METHOD = "reset_method";
    public static final String NUMA_NODE = "numa_node";
    public static final String CURRENT_LINK_SPEED = "current_link_speed";
    /** The function's power state as the kernel last set or read it ({@code D0}, {@code D3hot}, {@code D3cold}). */
    public static final String POWER_STATE = "power_state";
    /** AER counters per function (drivers/pci/pcie/aer.c), each ending with a {@code TOTAL_ERR_*} line. */
    public static final String AER_DEV_CORRECTABLE = "aer_dev_correctable";
    public static final String AER_DEV_NONFATAL = "aer_dev_nonfatal";
    public static final String AER_DEV_FATAL = "aer_dev_fatal";
    /** A root port's totals of the errors reported to it from below. */
    public static final String AER_ROOTPORT_TOTAL_COR = "aer_rootport_total_err_cor";
    public static final String AER_ROOTPORT_TOTAL_NONFATAL = "aer_rootport_total_err_nonfatal";
    public static final String AER_ROOTPORT_TOTAL_FATAL = "aer_rootport_total_err_fatal";
    public static final String CURRENT_LINK_WIDTH = "current_link_width";
    public static final String MAX_LINK_SPEED = "max_link_speed";
    public static final String MAX_LINK_WIDTH = "max_link_width";
    public static final String BOOT_VGA = "boot_vga";
    public static final String SRIOV_NUMVFS = "sriov_numvfs";
    public static final String SRIOV_TOTALVFS = "sriov_totalvfs";
    public static final String SECONDARY_BUS_NUMBER = "secondary_bus_number";
    public static final String SUBORDINATE_BUS_NUMBER = "subordinate_bus_number";

    // links of a PCI function directory
    public static final String DRIVER = "driver";
    public static final String IOMMU_GROUP = "iommu_group";
    /** On a VF: its PF. */
    public static final String PHYSFN = "physfn";
    /** On a PF: {@code virtfn0}, {@code virtfn1}, … */
    public static final String VIRTFN_PREFIX = "virtfn";

    // an IOMMU group folder
    /** A folder of links, one per member function. */
    public static final String GROUP_DEVICES = "devices";
    public static final String GROUP_TYPE = "type";

    // a slot folder
    public static final String SLOT_ADDRESS = "address";
    /** Any of these makes a slot hot-plug capable in its driver's eyes. */
    public static final List<String> SLOT_HOTPLUG_FILES = List.of("power", "attention", "latch", "adapter");
    /** Link to the slot's hot-plug driver module (missing for built-in drivers on newer kernels). */
    public static final String SLOT_MODULE = "module";

    // net interfaces (read by the host-impact readers)
    public static final String NET = "sys/class/net";
    public static final String NET_OPERSTATE = "operstate";
    /** The interface's MAC address. */
    public static final String NET_ADDRESS = "address";

    // block devices (read by the host-impact readers)
    /** One link per block device, into {@link #DEVICES}. */
    public static final String BLOCK = "sys/block";
    /** Devices of no bus: device-mapper, md, loop, and native NVMe multipath namespaces. */
    public static final String VIRTUAL_DEVICES = "sys/devices/virtual";
    /** Links to the devices a stacked block device (dm, md) is built on. */
    public static final String BLOCK_SLAVES = "slaves";
    /** A device-mapper device's name, as in {@code /dev/mapper/NAME}. */
    public static final String BLOCK_DM_NAME = "dm/name";
    /** A multipath NVMe namespace's path links, each below its controller (kernel 6.14+). */
    public static final String BLOCK_MULTIPATH = "multipath";
    /** Present in a partition's folder. */
    public static final String BLOCK_PARTITION = "partition";
    /** The folder of native NVMe multipath namespaces and their controller links. */
    public static final String NVME_SUBSYSTEM = "nvme-subsystem";

    /** The file at the root of this tool's snapshots (its proc/ keeps every VFIO holder, or says who it could not read). */
    public static final String SNAPSHOT_INFO = "snapshot-info.txt";

    /** Written into a snapshot whose source had no process table: its holders stay unknown. */
    public static final String NO_PROCESS_TABLE = "proc/no-process-table";

    // proc
    public static final String PROC_OSRELEASE = "proc/sys/kernel/osrelease";
    public static final String PROC_VERSION = "proc/version";
    public static final String PROC_CMDLINE = "proc/cmdline";
    /** Only its first processor block is read (the {@code hypervisor} CPU flag). */
    public static final String PROC_CPUINFO = "proc/cpuinfo";

    // what says the host is a virtual machine
    /** Xen (and z/VM) name themselves here. */
    public static final String HYPERVISOR_TYPE = "sys/hypervisor/type";
    public static final String DMI_SYS_VENDOR = "sys/class/dmi/id/sys_vendor";
    public static final String DMI_PRODUCT_NAME = "sys/class/dmi/id/product_name";

    /** The files that tell a virtual machine from bare metal ({@link #PROC_CPUINFO} besides). */
    public static final List<String> MACHINE_FILES = List.of(HYPERVISOR_TYPE, DMI_SYS_VENDOR, DMI_PRODUCT_NAME);

    /** Every regular file the readers read in a PCI function directory. */
    public static final Set<String> FUNCTION_FILES = Set.of(VENDOR, DEVICE, CLASS, SUBSYSTEM_VENDOR,
            SUBSYSTEM_DEVICE, REVISION, UEVENT, CONFIG, DRIVER_OVERRIDE, RESET_METHOD, NUMA_NODE,
            CURRENT_LINK_SPEED, CURRENT_LINK_WIDTH, MAX_LINK_SPEED, MAX_LINK_WIDTH, BOOT_VGA, SRIOV_NUMVFS,
            SRIOV_TOTALVFS, SECONDARY_BUS_NUMBER, SUBORDINATE_BUS_NUMBER);

    /**
     * The files of a PCI function directory that the health reader ({@code core.health}) reads besides the
     * link attributes: the power state and the AER counters. Snapshots keep them.
     */
    public static final Set<String> HEALTH_FILES = Set.of(POWER_STATE, AER_DEV_CORRECTABLE, AER_DEV_NONFATAL,
            AER_DEV_FATAL, AER_ROOTPORT_TOTAL_COR, AER_ROOTPORT_TOTAL_NONFATAL, AER_ROOTPORT_TOTAL_FATAL);

    /** Every link the readers read in a PCI function directory, besides {@link #VIRTFN_PREFIX}{@code N}. */
    public static final Set<String> FUNCTION_LINKS = Set.of(DRIVER, IOMMU_GROUP, PHYSFN);

    /** Every regular file the readers read in an IOMMU group folder. */
    public static final Set<String> GROUP_FILES = Set.of(GROUP_TYPE);

    /** Every regular file the readers read in a slot folder. */
    public static final Set<String> SLOT_FILES = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(SLOT_ADDRESS), SLOT_HOTPLUG_FILES.stream()).collect(Collectors.toUnmodifiableSet());

    /**
     * Every regular file the host-impact readers read in the folders below a function (net interfaces, disks
     * and partitions).
     */
    public static final Set<String> BELOW_FUNCTION_FILES = Set.of(NET_OPERSTATE, NET_ADDRESS, BLOCK_PARTITION);

    /** The proc files the readers of this package read. */
    public static final List<String> PROC_FILES = List.of(PROC_CMDLINE, PROC_VERSION, PROC_OSRELEASE);

    /** The folder of PCI function {@code a}: {@code sys/bus/pci/devices/<a>}. */
    public static String function(PciAddress a) {
        return BUS_DEVICES + "/" + a;
    }

    /** A file or link of PCI function {@code a}'s folder: {@code sys/bus/pci/devices/<a>/<name>}. */
    public static String functionFile(PciAddress a, String name) {
        return function(a) + "/" + name;
    }

    /** The folder of the PCI driver {@code name}, present while it is loaded: {@code sys/bus/pci/drivers/<name>}. */
    public static String pciDriver(String name) {
        return PCI_DRIVERS + "/" + name;
    }

    /** True for a link name of {@link #FUNCTION_LINKS} or a {@code virtfnN}. */
    public static boolean isFunctionLink(String name) {
        return FUNCTION_LINKS.contains(name) || name.startsWith(VIRTFN_PREFIX);
    }
}
