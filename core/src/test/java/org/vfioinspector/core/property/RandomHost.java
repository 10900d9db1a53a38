package org.vfioinspector.core.property;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;

/**
 * A random but valid host written with {@link SysfsFixture}: root ports, switches up to three
 * levels deep, multi-function endpoints, PCIe-to-PCI bridges, SR-IOV VFs, hot-plug slots, shared
 * and private IOMMU groups, a NO_BUS_RESET quirk device now and then. It remembers, independently of
 * the reader, which bridges each function sits below.
 */
final class RandomHost {

    final SysfsFixture fixture;
    /** For every function, the bridges above it, nearest first. */
    final Map<PciAddress, List<PciAddress>> ancestors = new LinkedHashMap<>();
    final Set<PciAddress> bridges = new LinkedHashSet<>();

    private final Random random;
    private int nextBus = 1;
    private int nextGroup = 0;

    private RandomHost(Path dir, long seed) {
        this.fixture = new SysfsFixture(dir);
        this.random = new Random(seed);
    }

    static RandomHost generate(Path dir, long seed) {
        RandomHost h = new RandomHost(dir, seed);
        h.build();
        return h;
    }

    private void build() {
        fixture.kernel(random.nextBoolean() ? "6.1.0-56-amd64" : "6.15.2");
        int domains = random.nextInt(4) == 0 ? 2 : 1;
        for (int domain = 0; domain < domains; domain++) {
            int dom = domain == 0 ? 0 : 0x10000;
            nextBus = 1;
            add(fn(dom, 0, 0, 0), List.of()).hostBridge().group(group());
            int ports = 1 + random.nextInt(4);
            for (int p = 0; p < ports; p++) {
                PciAddress a = fn(dom, 0, 1 + p, random.nextInt(3) == 0 ? 1 : 0);
                rootPort(a, List.of());
            }
            if (random.nextBoolean()) {
                endpoints(dom, 0, 0x1f, List.of(), group());
            }
        }
    }

    private void rootPort(PciAddress a, List<PciAddress> above) {
        int secondary = nextBus++;
        FixtureDevice port = add(a, above).rootPort(secondary, secondary).group(group());
        below(port, a, secondary, above, 0);
    }

    /** What sits on the secondary bus of {@code bridge}. */
    private void below(FixtureDevice bridge, PciAddress bridgeAddress, int bus, List<PciAddress> above, int depth) {
        List<PciAddress> chain = prepend(bridgeAddress, above);
        int kind = random.nextInt(depth >= 3 ? 2 : 4);
        int dom = bridgeAddress.domain();
        int shared = random.nextBoolean() ? fixedGroup(bridge) : -1;
        switch (kind) {
            case 0 -> endpoints(dom, bus, 0, chain, shared);
            case 1 -> { } // an empty slot
            case 2 -> {
                PciAddress up = fn(dom, bus, 0, 0);
                int inner = nextBus++;
                FixtureDevice upstream = add(up, chain).upstreamPort(inner, inner).under(bridge).group(shared < 0 ? group() : shared);
                List<PciAddress> upChain = prepend(up, chain);
                int downs = 1 + random.nextInt(3);
                for (int i = 0; i < downs; i++) {
                    PciAddress dn = fn(dom, inner, i, 0);
                    int sec = nextBus++;
                    FixtureDevice down = add(dn, upChain).downstreamPort(sec, sec).under(upstream)
                            .acs(0x1f, random.nextBoolean() ? 0x1d : 0).group(shared < 0 ? group() : shared);
                    below(down, dn, sec, upChain, depth + 1);
                }
            }
            default -> {
                PciAddress pb = fn(dom, bus, 0, 0);
                int sec = nextBus++;
                FixtureDevice pciBridge = add(pb, chain).pciBridge(sec, sec).under(bridge).group(shared < 0 ? group() : shared);
                List<PciAddress> pbChain = prepend(pb, chain);
                int g = fixedGroup(pciBridge); // conventional PCI behind it cannot be told apart
                for (int dev = 0; dev < 1 + random.nextInt(2); dev++) {
                    add(fn(dom, sec, dev, 0), pbChain).conventional(0x8086, 0x1229, 0x020000).under(pciBridge).group(g);
                }
            }
        }
    }

    /** One to three functions of one device (plus VFs sometimes) on {@code bus}. */
    private void endpoints(int dom, int bus, int device, List<PciAddress> chain, int sharedGroup) {
        FixtureDevice parent = chain.isEmpty() ? null : fixture.device(chain.get(0).toString());
        int functions = 1 + random.nextInt(3);
        int group = sharedGroup >= 0 ? sharedGroup : group();
        for (int f = 0; f < functions; f++) {
            FixtureDevice d = add(fn(dom, bus, device, f), chain);
            if (parent != null) {
                d.under(parent);
            }
            switch (random.nextInt(5)) {
                case 0 -> d.gpu(0x10de, 0x1b80);
                case 1 -> d.nvme(0x144d, 0xa808);
                case 2 -> d.ids(0x168c, 0x0030).classCode(0x028000).resetMethods("bus"); // NO_BUS_RESET quirk
                default -> d.nic(0x8086, 0x1572);
            }
            switch (random.nextInt(6)) {
                case 0 -> d.resetMethods();      // disabled
                case 1 -> d.noResetMethod();
                default -> { }
            }
            d.group(random.nextInt(4) == 0 ? group() : group).driver(random.nextBoolean() ? "vfio-pci" : "e1000e");
            if (f == 0 && parent != null && random.nextInt(4) == 0) {
                sriov(d, dom, bus, chain, parent);
            }
        }
        if (parent != null && random.nextInt(3) == 0) {
            PciAddress a = fn(dom, bus, device, 0);
            boolean hotplug = random.nextBoolean();
            fixture.slot("s" + dom + "-" + bus, a.slotId(), hotplug);
            parent.slot(true, hotplug);
            // a slot reset needs the port's hot-plug service on pciehp; other hot-plug slots are acpiphp's
            if (hotplug && random.nextBoolean()) {
                fixture.pciehp(parent.address().toString());
            } else if (hotplug) {
                fixture.slotModule("s" + dom + "-" + bus, "acpiphp");
            }
        }
    }

    private void sriov(FixtureDevice pf, int dom, int bus, List<PciAddress> chain, FixtureDevice parent) {
        int vfs = 1 + random.nextInt(3);
        FixtureDevice[] list = new FixtureDevice[vfs];
        for (int i = 0; i < vfs; i++) {
            list[i] = add(fn(dom, bus, 0x10 + i / 8, i % 8), chain).nic(0x8086, 0x154c).under(parent).group(group());
        }
        pf.sriov(8, list);
    }

    private FixtureDevice add(PciAddress a, List<PciAddress> chain) {
        ancestors.put(a, chain);
        FixtureDevice d = fixture.add(a.toString());
        if (!chain.isEmpty()) {
            bridges.add(chain.get(0));
        }
        return d;
    }

    private int fixedGroup(FixtureDevice d) {
        int g = group();
        d.group(g);
        return g;
    }

    private int group() {
        return nextGroup++;
    }

    private static PciAddress fn(int domain, int bus, int device, int function) {
        return new PciAddress(domain, bus, device, function);
    }

    private static List<PciAddress> prepend(PciAddress a, List<PciAddress> rest) {
        List<PciAddress> out = new ArrayList<>();
        out.add(a);
        out.addAll(rest);
        return List.copyOf(out);
    }
}
