package org.vfioinspector.core.bench;

import org.vfioinspector.core.fixture.SysfsFixture;

/**
 * The rest of a real sysfs function directory (IRQ, CPU locality, modalias, uevent, resources,
 * power state…) and the CPU and NUMA folders that hwloc needs. The readers under test ignore most of
 * it, but it makes the directories as large as real ones, which is what a scan pays for.
 */
final class SysfsExtras {

    /** CPUs per NUMA node of the synthetic machine. */
    static final int CPUS_PER_NODE = 4;

    private SysfsExtras() {
    }

    static void add(SynthNode n) {
        n.fixture.kernelExtras(n.numa, n.kind == SynthNode.Kind.VIRTUAL_FUNCTION, CPUS_PER_NODE);
    }

    /** {@code sys/devices/system/{cpu,node}} for a machine with {@code nodes} NUMA nodes, and {@code proc/meminfo}. */
    static void cpus(SysfsFixture fx, int nodes) {
        int cpus = nodes * CPUS_PER_NODE;
        String all = "0-" + (cpus - 1);
        fx.file("sys/devices/system/cpu/online", all);
        fx.file("sys/devices/system/cpu/possible", all);
        fx.file("sys/devices/system/cpu/present", all);
        for (int c = 0; c < cpus; c++) {
            int node = c / CPUS_PER_NODE;
            String base = "sys/devices/system/cpu/cpu" + c + "/";
            String pkg = (node * CPUS_PER_NODE) + "-" + (node * CPUS_PER_NODE + CPUS_PER_NODE - 1);
            fx.file(base + "online", "1");
            fx.file(base + "topology/physical_package_id", Integer.toString(node));
            fx.file(base + "topology/die_id", "0");
            fx.file(base + "topology/core_id", Integer.toString(c % CPUS_PER_NODE));
            fx.file(base + "topology/thread_siblings_list", Integer.toString(c));
            fx.file(base + "topology/core_siblings_list", pkg);
            fx.file(base + "topology/package_cpus_list", pkg);
            fx.file(base + "topology/core_cpus_list", Integer.toString(c));
            String pkgMask = String.format("%08x", ((1 << CPUS_PER_NODE) - 1) << (node * CPUS_PER_NODE));
            String own = String.format("%08x", 1 << c);
            fx.file(base + "topology/package_cpus", pkgMask);
            fx.file(base + "topology/core_siblings", pkgMask);
            fx.file(base + "topology/core_cpus", own);
            fx.file(base + "topology/thread_siblings", own);
        }
        fx.file("sys/devices/system/node/online", "0-" + (nodes - 1));
        fx.file("sys/devices/system/node/possible", "0-" + (nodes - 1));
        for (int n = 0; n < nodes; n++) {
            String base = "sys/devices/system/node/node" + n + "/";
            int first = n * CPUS_PER_NODE;
            fx.file(base + "cpulist", first + "-" + (first + CPUS_PER_NODE - 1));
            fx.file(base + "cpumap", String.format("%08x", ((1 << CPUS_PER_NODE) - 1) << first));
            fx.file(base + "meminfo", "Node " + n + " MemTotal:       16777216 kB\nNode " + n
                    + " MemFree:        15000000 kB\n");
            fx.file(base + "distance", n == 0 ? "10 21" : "21 10");
        }
        fx.file("proc/meminfo", "MemTotal:       33554432 kB\nMemFree:        30000000 kB\n");
    }
}
