package org.vfioinspector.core.bench;

import java.util.ArrayList;
import java.util.List;

import org.vfioinspector.core.bench.HostPlan.Acs;
import org.vfioinspector.core.bench.SynthNode.Kind;
import org.vfioinspector.core.fixture.FixtureDevice;

/**
 * What sits below a port of a synthetic host: a GPU, an NVMe drive, an SR-IOV NIC, a conventional
 * PCI segment or a switch (itself holding leaves). Each knows its size up front, so a builder can
 * find room for it before placing it.
 */
interface Leaf {

    /** Functions this leaf adds (the port above it not counted). */
    int functions();

    /** Bus numbers this leaf needs beyond the secondary bus of the port above it. */
    int extraBuses();

    /** Places the leaf on the secondary bus of {@code port}. */
    void place(HostPlan p, SynthNode port);

    /** A GPU with its HDMI audio function, and on Turing also its USB and UCSI functions. */
    record Gpu(int model, boolean vfio, boolean bootVga) implements Leaf {
        private static final int[][] IDS = {
            {0x10de, 0x2204, 0x1aef, 0, 0},           // GA102 [RTX 3090] + HDA
            {0x10de, 0x1e07, 0x10f7, 0x1ad6, 0x1ad7}, // TU102 [RTX 2080 Ti] + HDA, USB, UCSI
            {0x1002, 0x73bf, 0xab28, 0, 0},           // Navi 21 + HDA
        };

        @Override
        public int functions() {
            return IDS[model][3] == 0 ? 2 : 4;
        }

        @Override
        public int extraBuses() {
            return 0;
        }

        @Override
        public void place(HostPlan p, SynthNode port) {
            int[] id = IDS[model];
            String hostDriver = id[0] == 0x10de ? "nvidia" : "amdgpu";
            SynthNode gpu = p.function(port, 0, 0, Kind.LEGACY_ENDPOINT);
            gpu.fixture.gpu(id[0], id[1]).subsystem(id[0] == 0x10de ? 0x1458 : 0x1da2, 0x403b).resetMethods("pm")
                    .link("16.0 GT/s PCIe", 16, "16.0 GT/s PCIe", 16).bootVga(bootVga);
            HostPlan.driver(gpu, vfio ? "vfio-pci" : hostDriver);
            List<SynthNode> fns = new ArrayList<>(List.of(gpu));
            SynthNode audio = p.function(port, 0, 1, Kind.ENDPOINT);
            audio.fixture.audio(id[0], id[2]).subsystem(0x1458, 0x403b).resetMethods("pm");
            HostPlan.driver(audio, vfio ? "vfio-pci" : "snd_hda_intel");
            fns.add(audio);
            if (id[3] != 0) {
                SynthNode usb = p.function(port, 0, 2, Kind.ENDPOINT);
                usb.fixture.endpoint(id[0], id[3], 0x0c0330).resetMethods("pm");
                HostPlan.driver(usb, vfio ? "vfio-pci" : "xhci_hcd");
                SynthNode ucsi = p.function(port, 0, 3, Kind.ENDPOINT);
                ucsi.fixture.endpoint(id[0], id[4], 0x0c8000).resetMethods("pm");
                HostPlan.driver(ucsi, vfio ? "vfio-pci" : "nvidia-gpu");
                fns.add(usb);
                fns.add(ucsi);
            }
            HostPlan.multifunction(fns.toArray(SynthNode[]::new));
        }
    }

    /** One NVMe controller, alone on its bus. */
    record Nvme(int model) implements Leaf {
        private static final int[][] IDS = {{0x144d, 0xa80a}, {0x8086, 0x0a54}, {0x144d, 0xa808}};

        @Override
        public int functions() {
            return 1;
        }

        @Override
        public int extraBuses() {
            return 0;
        }

        @Override
        public void place(HostPlan p, SynthNode port) {
            int[] id = IDS[model];
            SynthNode n = p.function(port, 0, 0, Kind.ENDPOINT);
            n.fixture.nvme(id[0], id[1]).subsystem(id[0], 0xa801).resetMethods("flr", "pm", "bus")
                    .link("16.0 GT/s PCIe", 4, "16.0 GT/s PCIe", 4);
            HostPlan.driver(n, "nvme");
        }
    }

    /**
     * An SR-IOV NIC: {@code ports} physical functions on device 0, each with {@code vfs} VFs. The
     * VFs' routing IDs follow the PF's First VF Offset and Stride like real hardware: Intel style
     * packs them from a fixed devfn (0x10 on X710), Mellanox style right after the PFs; whatever does
     * not fit on the PF's bus spills onto the following virtual buses, which the port's bus range covers.
     */
    record Nic(int model, int ports, int vfs, boolean pfAcs) implements Leaf {
        // vendor, PF device, VF device, total VFs per PF, devfn of the first VF (0: right after the PFs)
        private static final int[][] IDS = {
            {0x8086, 0x1572, 0x154c, 64, 0x10},  // X710, i40e / iavf: PF0's First VF Offset is 16
            {0x8086, 0x159b, 0x1889, 256, 0x80}, // E810-XXV, ice / iavf
            {0x15b3, 0x1017, 0x1018, 127, 0},    // ConnectX-5, mlx5_core
            {0x15b3, 0x101d, 0x101e, 127, 0},    // ConnectX-6 Dx, mlx5_core
        };
        private static final String[][] DRIVERS = {{"i40e", "iavf"}, {"ice", "iavf"}, {"mlx5_core", "mlx5_core"},
            {"mlx5_core", "mlx5_core"}};

        public Nic {
            if (ports < 1 || ports > 8 || vfs < 0 || vfs > 256 || ports * vfs > 1024) {
                throw new IllegalArgumentException("NIC with " + ports + " ports x " + vfs + " VFs");
            }
        }

        private int firstVfRid() {
            return IDS[model][4] != 0 ? IDS[model][4] : ports;
        }

        @Override
        public int functions() {
            return ports * (1 + vfs);
        }

        @Override
        public int extraBuses() {
            return vfs == 0 ? 0 : (firstVfRid() + ports * vfs - 1) >> 8;
        }

        @Override
        public void place(HostPlan p, SynthNode port) {
            int[] id = IDS[model];
            int bus = port.secondary;
            SynthNode[] pfs = new SynthNode[ports];
            for (int k = 0; k < ports; k++) {
                pfs[k] = p.function(port, 0, k, Kind.ENDPOINT);
                pfs[k].fixture.nic(id[0], id[1]).subsystem(id[0], 0x0000 + k).resetMethods("flr", "pm")
                        .link("8.0 GT/s PCIe", 8, "8.0 GT/s PCIe", 8);
                HostPlan.acs(pfs[k], pfAcs ? Acs.ISOLATING : Acs.ABSENT);
                HostPlan.driver(pfs[k], DRIVERS[model][0]);
            }
            if (ports > 1) {
                HostPlan.multifunction(pfs);
            } else {
                pfs[0].fixture.resetMethods("flr", "pm", "bus");
            }
            for (int b = 1; b <= extraBuses(); b++) {
                int taken = p.space.takeBus();
                if (taken != bus + b) {
                    throw new IllegalStateException("virtual bus " + taken + " does not follow bus " + bus);
                }
            }
            int total = Math.max(vfs, id[3]);
            for (int k = 0; k < ports; k++) {
                int first = firstVfRid() + k * vfs;
                FixtureDevice[] vfFixtures = new FixtureDevice[vfs];
                for (int i = 0; i < vfs; i++) {
                    int rid = (bus << 8) + first + i;
                    SynthNode vf = p.add(new org.vfioinspector.core.model.PciAddress(port.address.domain(),
                            rid >> 8, (rid >> 3) & 0x1f, rid & 7), port, Kind.VIRTUAL_FUNCTION);
                    vf.fixture.nic(id[0], id[2]).subsystem(id[0], 0x0000).resetMethods("flr");
                    int r = p.rng.nextInt(10);
                    if (r < 4) {
                        HostPlan.driver(vf, "vfio-pci");
                    } else if (r < 8) {
                        HostPlan.driver(vf, DRIVERS[model][1]);
                    }
                    vfFixtures[i] = vf.fixture;
                }
                pfs[k].fixture.sriov(total, vfFixtures).sriovLayout(first - k, 1, id[2]);
            }
        }
    }

    /** Any single-function PCIe endpoint, alone on its bus. */
    record Endpoint(int vendor, int device, int classCode, String driver) implements Leaf {
        @Override
        public int functions() {
            return 1;
        }

        @Override
        public int extraBuses() {
            return 0;
        }

        @Override
        public void place(HostPlan p, SynthNode port) {
            SynthNode n = p.function(port, 0, 0, Kind.ENDPOINT);
            n.fixture.endpoint(vendor, device, classCode).subsystem(vendor, 0x0000).resetMethods("flr", "pm", "bus")
                    .link("5.0 GT/s PCIe", 1, "5.0 GT/s PCIe", 1);
            HostPlan.driver(n, driver);
        }
    }

    /** A PCIe-to-PCI bridge with conventional PCI cards behind it. */
    record LegacyPci(int cards) implements Leaf {
        private static final int[][] CARDS = {{0x109e, 0x036e, 0x040000}, {0x1415, 0x9501, 0x070002},
            {0x1000, 0x0030, 0x010000}, {0x9005, 0x0285, 0x010400}};
        private static final String[] DRIVERS = {"bttv", "serial", "mptspi", "aacraid"};

        @Override
        public int functions() {
            return 1 + cards;
        }

        @Override
        public int extraBuses() {
            return 1;
        }

        @Override
        public void place(HostPlan p, SynthNode port) {
            SynthNode br = p.bridge(port, 0, 0, Kind.PCIE_TO_PCI_BRIDGE, Acs.ABSENT, 0x1b21, 0x1080);
            for (int i = 0; i < cards; i++) {
                int[] c = CARDS[i % CARDS.length];
                SynthNode d = p.function(br, i, 0, Kind.CONVENTIONAL);
                d.fixture.conventional(c[0], c[1], c[2]).noResetMethod();
                HostPlan.driver(d, DRIVERS[i % DRIVERS.length]);
            }
            p.close(br);
        }
    }

    /**
     * A PCIe switch: an upstream port and one downstream port per leaf. {@code acs} is how every
     * downstream port implements ACS; hot-plug slots on the downstream ports when {@code hotplug}.
     */
    record Switch(List<Leaf> leaves, Acs acs, boolean hotplug, int vendor, int device) implements Leaf {
        public Switch {
            leaves = List.copyOf(leaves);
            if (leaves.isEmpty() || leaves.size() > 32) {
                throw new IllegalArgumentException("a switch has 1..32 downstream ports, not " + leaves.size());
            }
        }

        @Override
        public int functions() {
            return 1 + leaves.stream().mapToInt(l -> 1 + l.functions()).sum();
        }

        @Override
        public int extraBuses() {
            return 1 + leaves.stream().mapToInt(l -> 1 + l.extraBuses()).sum();
        }

        @Override
        public void place(HostPlan p, SynthNode port) {
            SynthNode up = p.bridge(port, 0, 0, Kind.UPSTREAM_PORT, Acs.ABSENT, vendor, device);
            for (int i = 0; i < leaves.size(); i++) {
                SynthNode down = p.bridge(up, i, 0, Kind.DOWNSTREAM_PORT, acs, vendor, device);
                if (hotplug) {
                    p.slot(down, true);
                }
                leaves.get(i).place(p, down);
                p.close(down);
            }
            p.close(up);
        }
    }
}
