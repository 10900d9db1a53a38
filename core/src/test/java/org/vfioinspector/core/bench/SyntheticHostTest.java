package org.vfioinspector.core.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vfioinspector.core.config.ConfigSpace;
import org.vfioinspector.core.config.PortType;
import org.vfioinspector.core.config.Sriov;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.GroupExplainer;
import org.vfioinspector.core.reset.GroupExplanation;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * The synthetic hosts are realistic: pciutils and hwloc read them as they read a real host and see
 * the same functions and parents as {@link SysfsReader}; bus numbers, SR-IOV offsets and IOMMU
 * groups are consistent with each other and with the kernel's rules.
 */
class SyntheticHostTest {

    private static final int SIZE = 256;
    private static Path dir;
    private static SyntheticHost.Summary summary;
    private static Topology topology;

    @BeforeAll
    static void writeHost() {
        dir = BenchTrees.newDirectory("synthetic-host-test");
        summary = SyntheticHost.write(dir, SIZE, 7);
        topology = new SysfsReader(HostRoot.of(dir)).scan();
    }

    @AfterAll
    static void deleteHost() {
        BenchTrees.delete(dir);
    }

    @Test
    void writesExactlyTheRequestedNumberOfFunctionsAcrossSeveralDomains() {
        assertThat(summary.functions()).isEqualTo(SIZE);
        assertThat(topology.size()).isEqualTo(SIZE);
        assertThat(topology.domains()).hasSizeGreaterThanOrEqualTo(3).contains(0, 1, 0x10000);
        assertThat(topology.devices().stream().filter(PciDevice::isVirtualFunction).count())
                .isEqualTo(summary.virtualFunctions()).isPositive();
        assertThat(topology.notes()).isEmpty();
        assertThat(topology.devices().stream().filter(d -> !d.notes().isEmpty()).map(d -> d.address() + ": " + d.notes()))
                .isEmpty();
    }

    @Test
    void lspciSeesTheSameFunctionsAndParentsAsTheReader() {
        ExternalTool.require("lspci", "pciutils");
        String out = ExternalTool.run(Map.of(), "lspci", "-A", "linux-sysfs",
                "-O", "sysfs.path=" + dir.resolve("sys/bus/pci"), "-D", "-PP", "-n");
        Map<PciAddress, Optional<PciAddress>> lspci = parentsFromLspciPaths(out);

        Map<PciAddress, Optional<PciAddress>> ours = new TreeMap<>();
        topology.devices().forEach(d -> ours.put(d.address(), d.parent()));
        assertThat(lspci).as("functions and their parents according to lspci -PP").hasSize(SIZE)
                .containsExactlyInAnyOrderEntriesOf(ours);
    }

    @Test
    void lstopoListsEveryFunctionInASixteenBitDomain() {
        ExternalTool.require("lstopo-no-graphics", "hwloc");
        String xml = ExternalTool.run(Map.of("HWLOC_FSROOT", dir.toString()), "lstopo-no-graphics", "--whole-io",
                "--of", "xml", "-");
        List<String> busIds = new ArrayList<>();
        Matcher m = Pattern.compile("type=\"(?:PCIDev|Bridge)\"[^>]*pci_busid=\"([0-9a-f:.]+)\"").matcher(xml);
        while (m.find()) {
            busIds.add(m.group(1));
        }
        // hwloc built without 32-bit PCI domains ignores VMD's domain 10000, as it does on a real host
        List<String> expected = topology.devices().stream().map(d -> d.address())
                .filter(a -> a.domain() <= 0xffff).map(PciAddress::toString).toList();
        assertThat(busIds).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyFunctionSitsWithinItsBridgesBusRange() {
        for (PciDevice d : topology.devices()) {
            Optional<PciDevice> parent = topology.parent(d.address());
            if (parent.isEmpty()) {
                assertThat(d.parent()).as(d.address() + " sits on a root bus").isEmpty();
                continue;
            }
            PciDevice p = parent.get();
            int bus = d.address().bus();
            assertThat(bus).as(d.address() + " below " + p.address())
                    .isBetween(p.secondaryBus().orElseThrow(), p.subordinateBus().orElseThrow());
            if (!d.isVirtualFunction()) {
                assertThat(bus).as(d.address() + " is on the secondary bus of " + p.address())
                        .isEqualTo(p.secondaryBus().getAsInt());
            }
            if (d.isBridge()) {
                assertThat(d.config().flatMap(c -> box(c.primaryBus()))).contains(bus);
                assertThat(d.subordinateBus().getAsInt()).isLessThanOrEqualTo(p.subordinateBus().getAsInt());
            }
        }
    }

    @Test
    void virtualFunctionAddressesFollowTheirPhysicalFunctionsSriovCapability() {
        List<PciDevice> pfs = topology.devices().stream().filter(d -> !d.sriov().virtfns().isEmpty()).toList();
        assertThat(pfs).isNotEmpty();
        for (PciDevice pf : pfs) {
            Sriov cap = pf.config().flatMap(ConfigSpace::sriov).orElseThrow();
            int pfRid = pf.address().bus() << 8 | pf.address().devfn();
            List<PciAddress> expected = new ArrayList<>();
            for (int i = 0; i < cap.numVfs(); i++) {
                int rid = pfRid + cap.firstVfOffset() + i * cap.vfStride();
                expected.add(new PciAddress(pf.address().domain(), rid >> 8, (rid >> 3) & 0x1f, rid & 7));
            }
            assertThat(pf.sriov().virtfns()).as("VFs of " + pf.address()).containsExactlyElementsOf(expected);
            for (PciAddress vf : expected) {
                PciDevice v = topology.device(vf).orElseThrow();
                assertThat(v.deviceId()).hasValue(cap.vfDeviceId());
                assertThat(v.parent()).as("a VF's directory sits beside its PF's").isEqualTo(pf.parent());
            }
        }
        long spilled = topology.devices().stream().filter(d -> d.isVirtualFunction() && topology.physicalFunction(
                d.address()).map(pf -> pf.address().bus() != d.address().bus()).orElse(false)).count();
        assertThat(spilled).as("VFs that spill onto virtual buses").isPositive();
    }

    @Test
    void everySharedGroupIsExplainedByTheKernelsRules() {
        List<GroupExplanation> shared = GroupExplainer.explainAll(topology);
        Map<String, Integer> reasons = new HashMap<>();
        shared.forEach(e -> e.reasons().forEach(r -> reasons.merge(r.code(), 1, Integer::sum)));
        assertThat(shared).allSatisfy(e -> assertThat(e.unexplained()).as("group " + e.group()).isEmpty());
        assertThat(reasons).containsKeys("PCI_BRIDGE", "MULTIFUNCTION", "NO_ACS");
        assertThat(topology.groups()).hasSize(summary.groups());
    }

    @Test
    void functionsBelowAcsPortsGetGroupsOfTheirOwn() {
        int checked = 0;
        for (PciDevice d : topology.devices()) {
            boolean isolatedPath = topology.upstreamPath(d.address()).stream()
                    .allMatch(p -> p.config().flatMap(ConfigSpace::acs).map(a -> a.isolates()).orElse(false));
            boolean multifunction = d.config().map(ConfigSpace::multifunction).orElse(false);
            if (isolatedPath && !multifunction && !d.isHostBridge() && d.parent().isPresent()) {
                List<PciAddress> expected = new ArrayList<>(List.of(d.address()));
                if (d.portType().filter(t -> t == PortType.PCIE_TO_PCI_BRIDGE).isPresent()) {
                    // conventional PCI behind it uses the bridge's requester ID
                    expected.addAll(topology.descendants(d.address()));
                }
                assertThat(topology.groupOf(d.address()).orElseThrow().devices()).as(d.address().toString())
                        .containsExactlyElementsOf(expected);
                checked++;
            }
        }
        assertThat(checked).as("functions below isolating ports").isPositive();
    }

    @Test
    void theSameSeedWritesTheSameHost() {
        Path other = BenchTrees.newDirectory("synthetic-host-test");
        try {
            SyntheticHost.write(other, SIZE, 7);
            assertThat(SyntheticHost.write(other.resolve("minimum"), SyntheticHost.MINIMUM_FUNCTIONS, 7).functions())
                    .isEqualTo(SyntheticHost.MINIMUM_FUNCTIONS);
            Topology again = new SysfsReader(HostRoot.of(other)).scan();
            assertThat(describe(again)).isEqualTo(describe(topology));
        } finally {
            BenchTrees.delete(other);
        }
    }

    @Test
    void refusesHostsSmallerThanItsFixedMix() {
        assertThatThrownBy(() -> SyntheticHost.write(dir.resolve("never"), SyntheticHost.MINIMUM_FUNCTIONS - 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("functions");
    }

    private static List<String> describe(Topology t) {
        return t.devices().stream().map(d -> d.address() + " " + d.idPair() + " " + d.parent() + " "
                + d.iommuGroup() + " " + d.driver()).toList();
    }

    private static Optional<Integer> box(java.util.OptionalInt v) {
        return v.isPresent() ? Optional.of(v.getAsInt()) : Optional.empty();
    }

    /** {@code lspci -D -PP -n}: {@code 0000:00:01.0/01:00.0/02:03.0 0200: 8086:1572}; the path's last element is the function. */
    static Map<PciAddress, Optional<PciAddress>> parentsFromLspciPaths(String out) {
        Map<PciAddress, Optional<PciAddress>> parents = new TreeMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] path = line.split("\\s+")[0].split("/");
            String domain = path[0].substring(0, path[0].lastIndexOf(':', path[0].lastIndexOf(':') - 1));
            PciAddress self = PciAddress.parse(path.length == 1 ? path[0] : domain + ":" + path[path.length - 1]);
            Optional<PciAddress> parent = path.length == 1 ? Optional.empty()
                    : Optional.of(PciAddress.parse(path.length == 2 ? path[0] : domain + ":" + path[path.length - 2]));
            parents.put(self, parent);
        }
        return parents;
    }
}
