package org.vfioinspector.core.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.vfioinspector.core.bench.HostPlan.Acs;
import org.vfioinspector.core.bench.Leaf.Endpoint;
import org.vfioinspector.core.bench.Leaf.Gpu;
import org.vfioinspector.core.bench.Leaf.LegacyPci;
import org.vfioinspector.core.bench.Leaf.Nic;
import org.vfioinspector.core.bench.Leaf.Nvme;
import org.vfioinspector.core.bench.Leaf.Switch;
import org.vfioinspector.core.bench.SynthNode.Kind;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;

/**
 * Writes kernel-shaped host trees of a given number of PCI functions, for benchmarks at scale.
 *
 * <p>Every host starts with the same mix (two sockets' domains plus a VMD domain; root ports with
 * and without ACS; GPUs with their audio functions; NVMe; a switch with ACS, one without, one with
 * ACS present but disabled, nested switches; a PCIe-to-PCI bridge with conventional cards; dual-port
 * NICs with VFs; chipset functions) and is then filled, by a seeded random choice, with more of the
 * same, mostly SR-IOV NICs with 8–256 VFs, until it holds exactly the requested number of functions.
 * Bus numbers, config bytes (bridge bus registers, PCIe port types, ACS, SR-IOV offsets) and the
 * IOMMU groups ({@link KernelGroups}) are consistent with each other, so pciutils and hwloc read
 * the trees as they would read a real host.
 *
 * <pre>{@code
 * java -cp core/target/test-classes:core/target/classes org.vfioinspector.core.bench.SyntheticHost DIR 4096 [SEED]
 * }</pre>
 */
public final class SyntheticHost {

    /** Fewest functions a host can have: its fixed mix. */
    public static final int MINIMUM_FUNCTIONS = 120;

    /** What was written. */
    public record Summary(int functions, int domains, int groups, int virtualFunctions, int bridges, int slots) {
    }

    private final HostPlan p;
    private final int target;

    private SyntheticHost(Path root, int target, long seed) {
        this.p = new HostPlan(new SysfsFixture(root), new SplittableRandom(seed));
        this.target = target;
    }

    /**
     * Writes a host with exactly {@code functions} PCI functions below {@code root} (which then holds
     * {@code sys/} and {@code proc/} like {@code /}). The same seed gives the same tree.
     *
     * @throws IllegalArgumentException when fewer than {@link #MINIMUM_FUNCTIONS} are asked for
     */
    public static Summary write(Path root, int functions, long seed) {
        if (functions < MINIMUM_FUNCTIONS || functions > 65536) {
            throw new IllegalArgumentException("a synthetic host has " + MINIMUM_FUNCTIONS + "..65536 functions, not "
                    + functions);
        }
        SyntheticHost h = new SyntheticHost(root, functions, seed);
        h.base();
        if (h.p.count() != MINIMUM_FUNCTIONS) {
            throw new IllegalStateException("the fixed mix has " + h.p.count() + " functions, not " + MINIMUM_FUNCTIONS);
        }
        h.fill();
        return h.finish();
    }

    /** {@code SyntheticHost DIR FUNCTIONS [SEED]}: writes a tree and prints its summary. */
    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: SyntheticHost DIR FUNCTIONS [SEED]");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        Summary s = write(Path.of(args[0]), Integer.parseInt(args[1]), args.length > 2 ? Long.parseLong(args[2]) : 1);
        System.out.printf("%s: %s in %d ms%n", args[0], s, (System.nanoTime() - t0) / 1_000_000);
    }

    /** The fixed mix every host starts with. */
    private void base() {
        p.nextDomain();
        chipset();
        p.rootBlock(Acs.ISOLATING, new Gpu(0, false, true), -1);
        p.rootBlock(Acs.ISOLATING, new Gpu(1, true, false), 1);
        p.rootBlock(Acs.ISOLATING, new Nvme(0), 0);
        p.rootBlock(Acs.ISOLATING, new Nvme(1), 1);
        p.rootBlock(Acs.ISOLATING, new Switch(List.of(new Nvme(0), new Nvme(2), new Gpu(2, true, false),
                new Nic(0, 1, 2, false)), Acs.ISOLATING, true, 0x10b5, 0x8747), 0);
        p.rootBlock(Acs.ISOLATING, new Switch(List.of(new Nvme(1), new Nvme(1), new Nic(2, 1, 2, false)),
                Acs.ABSENT, false, 0x1b21, 0x1184), 0);
        p.rootBlock(Acs.ISOLATING, new Switch(List.of(new Gpu(0, true, false), new Nvme(0)),
                Acs.DISABLED, false, 0x10b5, 0x8725), 0);
        p.rootBlock(Acs.ISOLATING, nested(), 0);
        // a chipset root port without ACS: everything below it shares its group
        p.rootBlock(Acs.ABSENT, new Switch(List.of(new Endpoint(0x8086, 0x1533, 0x020000, "igb"),
                new Endpoint(0x1b21, 0x2142, 0x0c0330, "xhci_hcd"), new Endpoint(0x1b21, 0x0612, 0x010601, "ahci")),
                Acs.ABSENT, false, 0x1b21, 0x1184), 0);
        p.rootBlock(Acs.ISOLATING, new LegacyPci(2), 0);
        p.rootBlock(Acs.ISOLATING, new Nic(0, 2, 8, false), 0);

        p.nextDomain();
        p.rootBlock(Acs.ISOLATING, new Nic(2, 2, 4, true), 1);
        p.rootBlock(Acs.ISOLATING, new Nvme(2), 1);
        p.rootBlock(Acs.ISOLATING, new Gpu(2, false, false), -1);
        vmd();
    }

    /** A switch with ACS whose ports hold a switch without ACS, a switch with ACS and a drive. */
    private static Switch nested() {
        Switch plain = new Switch(List.of(new Nvme(0), new Nvme(0), new Nvme(0)), Acs.ABSENT, false, 0x1b21, 0x1184);
        Switch acs = new Switch(List.of(new Nvme(2), new Nvme(2), new Nvme(2)), Acs.ISOLATING, true, 0x10b5, 0x8747);
        return new Switch(List.of(plain, acs, new Nvme(1)), Acs.ISOLATING, false, 0x10b5, 0x9797);
    }

    /** Integrated functions on root bus 00: USB, SATA, and the LPC/SMBus/SPI multifunction device. */
    private void chipset() {
        SynthNode xhci = p.integrated(0x14, 0, Kind.ENDPOINT);
        xhci.fixture.endpoint(0x8086, 0xa1af, 0x0c0330).subsystem(0x8086, 0x7270).resetMethods("pm");
        HostPlan.driver(xhci, "xhci_hcd");
        SynthNode sata = p.integrated(0x17, 0, Kind.ENDPOINT);
        sata.fixture.endpoint(0x8086, 0xa182, 0x010601).subsystem(0x8086, 0x7270).resetMethods("pm");
        HostPlan.driver(sata, "ahci");
        SynthNode lpc = p.integrated(0x1f, 0, Kind.CONVENTIONAL);
        lpc.fixture.conventional(0x8086, 0xa1c1, 0x060100).noResetMethod();
        HostPlan.driver(lpc, "lpc_ich");
        SynthNode smbus = p.integrated(0x1f, 4, Kind.CONVENTIONAL);
        smbus.fixture.conventional(0x8086, 0xa1a3, 0x0c0500).noResetMethod();
        HostPlan.driver(smbus, "i801_smbus");
        SynthNode spi = p.integrated(0x1f, 5, Kind.CONVENTIONAL);
        spi.fixture.conventional(0x8086, 0xa1a4, 0x0c8000).noResetMethod();
        HostPlan.multifunction(lpc, smbus, spi);
    }

    /** An Intel VMD domain (10000) with two NVMe drives, as VMD shows them. */
    private void vmd() {
        for (int i = 0; i < 2; i++) {
            SynthNode rp = p.rootPortAt(new PciAddress(0x10000, 0xe0, 6 + i, 0), 0xe1 + i, Acs.ISOLATING);
            new Nvme(1).place(p, rp);
            rp.fixture.busRange(rp.secondary, rp.secondary);
        }
    }

    /** Adds blocks chosen by the seed until the host has exactly {@link #target} functions. */
    private void fill() {
        if (p.count() < target) {
            p.nextDomain();
        }
        if (target - p.count() >= 1 + 133) {
            // VFs that spill onto a virtual bus (devfn 0x80 + 132 VFs), in every host large enough for them
            p.rootBlock(Acs.ISOLATING, new Nic(1, 1, 132, true), 0);
        }
        int remaining;
        while ((remaining = target - p.count()) > 0) {
            if (remaining == 1) {
                int dev = p.space.takeIntegratedDevice();
                if (dev < 0) {
                    p.nextRootBus();
                } else {
                    SynthNode n = p.integrated(dev, 0, Kind.ENDPOINT);
                    n.fixture.endpoint(0x8086, 0x09a2, 0x088000).subsystem(0x8086, 0x0000).resetMethods("pm");
                }
                continue;
            }
            if (remaining <= 3) {
                if (p.space.fits(1)) {
                    p.rootBlock(Acs.ISOLATING, new Nvme(0), 0);
                } else {
                    p.nextRootBus();
                }
                continue;
            }
            Leaf leaf = chooseLeaf(remaining - 1);
            if (!p.space.fits(1 + leaf.extraBuses())) {
                leaf = chooseLeaf(remaining - 2);
            }
            p.rootBlock(Acs.ISOLATING, leaf, p.chance(20) ? 1 : p.chance(20) ? -1 : 0);
        }
    }

    /** A random leaf of at most {@code budget} functions (an NVMe drive when nothing larger fits). */
    private Leaf chooseLeaf(int budget) {
        int r = p.rng.nextInt(100);
        Leaf leaf;
        if (r < 40) {
            leaf = nic(budget);
        } else if (r < 52) {
            leaf = new Gpu(p.rng.nextInt(3), p.chance(50), false);
        } else if (r < 65) {
            leaf = new Nvme(p.rng.nextInt(3));
        } else if (r < 80) {
            List<Leaf> drives = new ArrayList<>();
            int k = Math.min(4 + p.rng.nextInt(21), (budget - 1) / 2);
            for (int i = 0; i < k; i++) {
                drives.add(new Nvme(p.rng.nextInt(3)));
            }
            leaf = drives.isEmpty() ? null : new Switch(drives, Acs.ISOLATING, true, 0x10b5, 0x9797);
        } else if (r < 88) {
            List<Leaf> ls = new ArrayList<>();
            int k = Math.min(2 + p.rng.nextInt(7), (budget - 1) / 2);
            for (int i = 0; i < k; i++) {
                ls.add(p.chance(50) ? new Nvme(p.rng.nextInt(3)) : new Endpoint(0x8086, 0x1533, 0x020000, "igb"));
            }
            leaf = ls.isEmpty() ? null : new Switch(ls, p.chance(50) ? Acs.ABSENT : Acs.DISABLED, false, 0x1b21, 0x1184);
        } else if (r < 93) {
            leaf = nested();
        } else if (r < 96) {
            leaf = new LegacyPci(2 + p.rng.nextInt(3));
        } else {
            leaf = new Switch(List.of(new Gpu(0, true, false), new Nvme(0)), Acs.DISABLED, false, 0x10b5, 0x8725);
        }
        return leaf == null || leaf.functions() > budget ? new Nvme(p.rng.nextInt(3)) : leaf;
    }

    private Leaf nic(int budget) {
        int model = p.rng.nextInt(4);
        int ports = model >= 2 ? 1 + p.rng.nextInt(2) : new int[] {1, 2, 2, 4}[p.rng.nextInt(4)];
        int[] counts = {8, 16, 32, 64, 64, 128, 128};
        int vfs = counts[p.rng.nextInt(counts.length)];
        if (model >= 2) {
            vfs = Math.min(vfs, 127);
        } else if (model == 0) {
            vfs = Math.min(vfs, 64);
        } else if (ports == 1 && p.chance(25)) {
            vfs = 256;
        }
        if (ports == 4) {
            vfs = Math.min(vfs, 64);
        }
        while (ports * (1 + vfs) > budget) {
            if (budget / ports - 1 >= 1) {
                vfs = budget / ports - 1;
            } else if (ports > 1) {
                ports = 1;
            } else {
                vfs = Math.max(0, budget - 1);
            }
        }
        return new Nic(model, ports, vfs, p.chance(50));
    }

    private Summary finish() {
        int groups = KernelGroups.assign(p.nodes, 0);
        int vfs = 0;
        int bridges = 0;
        for (SynthNode n : p.nodes) {
            n.fixture.group(n.group);
            SysfsExtras.add(n);
            vfs += n.kind == Kind.VIRTUAL_FUNCTION ? 1 : 0;
            bridges += n.kind.isBridge() ? 1 : 0;
        }
        SysfsExtras.cpus(p.fx, 2);
        p.fx.write();
        return new Summary(p.count(), (int) p.nodes.stream().map(n -> n.address.domain()).distinct().count(),
                groups, vfs, bridges, p.slots());
    }
}
