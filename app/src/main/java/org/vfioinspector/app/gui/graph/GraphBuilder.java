package org.vfioinspector.app.gui.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

import org.vfioinspector.app.report.Labels;
import org.vfioinspector.core.model.BusAddress;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;

/**
 * Turns a {@link Topology} into the graph's forest: domain → (root bus when a domain has several)
 * → functions on the root bus → what sits below each bridge. SR-IOV VFs hang below their PF (not
 * their parent bridge, where the kernel puts them) and are collapsed into one "N VFs" node unless
 * that PF is in {@code expandedPfs}.
 */
public final class GraphBuilder {

    public static final double FUNCTION_WIDTH = 230;
    public static final double FUNCTION_HEIGHT = 62;
    public static final double DOMAIN_WIDTH = 130;
    public static final double DOMAIN_HEIGHT = 48;
    public static final double VF_GROUP_WIDTH = 180;
    public static final double VF_GROUP_HEIGHT = 48;

    private final Topology topology;
    private final PciIds ids;
    private final Set<PciAddress> expandedPfs;
    private final List<GraphNode> out = new ArrayList<>();
    private final Set<PciAddress> placed = new HashSet<>();
    private final Map<PciAddress, List<PciDevice>> vfsOf = new TreeMap<>();

    private GraphBuilder(Topology topology, PciIds ids, Set<PciAddress> expandedPfs) {
        this.topology = topology;
        this.ids = ids;
        this.expandedPfs = Set.copyOf(expandedPfs);
        // from each VF's physfn link, so a PF whose virtfnN links are missing still gets its VFs
        for (PciDevice d : topology.devices()) {
            if (hangsBelowPf(d)) {
                vfsOf.computeIfAbsent(d.sriov().physfn().orElseThrow(), k -> new ArrayList<>()).add(d);
            }
        }
    }

    /** The graph with every PF's VFs collapsed except those of {@code expandedPfs}. */
    public static GraphModel build(Topology topology, PciIds ids, Set<PciAddress> expandedPfs) {
        return new GraphBuilder(topology, ids, expandedPfs).build();
    }

    public static String functionId(PciAddress a) {
        return "fn:" + a;
    }

    public static String vfGroupId(PciAddress pf) {
        return "vfs:" + pf;
    }

    private GraphModel build() {
        List<PciDevice> tops = topology.devices().stream()
                .filter(d -> topology.parent(d.address()).isEmpty() && !hangsBelowPf(d)).toList();
        for (int domain : topology.domains()) {
            List<PciDevice> inDomain = tops.stream().filter(d -> d.address().domain() == domain).toList();
            if (inDomain.isEmpty()) {
                continue;
            }
            String domainId = "dom:" + domainText(domain);
            List<BusAddress> roots = inDomain.stream().map(d -> d.address().busAddress()).distinct().sorted().toList();
            out.add(new GraphNode(domainId, NodeKind.DOMAIN, null, Optional.empty(),
                    "Domain " + domainText(domain), count(topology.devices().stream()
                            .filter(d -> d.address().domain() == domain).count(), "function"),
                    roots.size() == 1 ? "root bus " + roots.get(0) : roots.size() + " root buses",
                    Glyph.BRIDGE, OptionalInt.empty(), DriverBadge.HIDDEN_BADGE, "", false, List.of(),
                    DOMAIN_WIDTH, DOMAIN_HEIGHT));
            for (BusAddress bus : roots) {
                String parent = domainId;
                if (roots.size() > 1) {
                    parent = "bus:" + bus;
                    out.add(new GraphNode(parent, NodeKind.ROOT_BUS, domainId, Optional.empty(), "Root bus " + bus,
                            count(inDomain.stream().filter(d -> d.address().busAddress().equals(bus)).count(), "function"),
                            "", Glyph.BRIDGE, OptionalInt.empty(), DriverBadge.HIDDEN_BADGE, "", false, List.of(),
                            DOMAIN_WIDTH, DOMAIN_HEIGHT));
                }
                for (PciDevice d : inDomain) {
                    if (d.address().busAddress().equals(bus)) {
                        function(d, parent);
                    }
                }
            }
        }
        return new GraphModel(out);
    }

    private void function(PciDevice d, String parentId) {
        if (!placed.add(d.address())) {
            return; // a malformed tree must not loop
        }
        String id = functionId(d.address());
        boolean bridge = d.isBridge() || d.isHostBridge();
        String subtitle;
        String detail;
        if (bridge) {
            String range = Labels.busRange(d.secondaryBus(), d.subordinateBus());
            subtitle = Labels.bridgeRole(d) + (range.isEmpty() ? "" : " · " + range);
            detail = Labels.deviceName(d, ids);
        } else {
            subtitle = Labels.deviceName(d, ids);
            detail = d.classCode().isPresent() ? ids.describeClass(d.classCode().getAsInt()) : "unknown class";
            if (d.isVirtualFunction()) {
                detail = "SR-IOV VF · " + detail;
            }
        }
        out.add(new GraphNode(id, NodeKind.FUNCTION, parentId, Optional.of(d.address()), d.address().toString(),
                subtitle, detail, Glyph.forClass(d.classCode()), d.iommuGroup(),
                DriverBadge.of(d.driver(), d.isBridge() || d.isHostBridge()),
                Labels.link(d.link()), Labels.degraded(d.link()), List.of(d.address()),
                FUNCTION_WIDTH, FUNCTION_HEIGHT));
        for (PciAddress c : topology.children(d.address())) {
            topology.device(c).filter(k -> !hangsBelowPf(k)).ifPresent(k -> function(k, id));
        }
        List<PciDevice> vfs = vfsOf.getOrDefault(d.address(), List.of());
        if (vfs.isEmpty()) {
            return;
        }
        if (expandedPfs.contains(d.address())) {
            for (PciDevice vf : vfs) {
                function(vf, id);
            }
        } else {
            vfGroup(d, vfs, id);
        }
    }

    private void vfGroup(PciDevice pf, List<PciDevice> vfs, String parentId) {
        List<PciAddress> members = vfs.stream().map(PciDevice::address).filter(placed::add).toList();
        if (members.isEmpty()) {
            return;
        }
        long vfio = vfs.stream().filter(v -> v.boundTo("vfio-pci")).count();
        long unbound = vfs.stream().filter(v -> v.driver().isEmpty()).count();
        long host = vfs.size() - vfio - unbound;
        StringBuilder drivers = new StringBuilder();
        appendCount(drivers, vfio, "vfio-pci");
        appendCount(drivers, host, "host");
        appendCount(drivers, unbound, "unbound");
        DriverBadge badge = vfio == vfs.size() ? new DriverBadge(DriverBadge.Kind.VFIO, "vfio-pci")
                : host > 0 ? new DriverBadge(DriverBadge.Kind.HOST, hostDriver(vfs))
                : new DriverBadge(DriverBadge.Kind.NONE, "no driver");
        out.add(new GraphNode(vfGroupId(pf.address()), NodeKind.VF_GROUP, parentId, Optional.of(pf.address()),
                count(members.size(), "VF"), "click to expand", drivers.toString(), Glyph.VF, OptionalInt.empty(),
                badge, "", false, members, VF_GROUP_WIDTH, VF_GROUP_HEIGHT));
    }

    /** The one host driver the VFs share, or "mixed". */
    private static String hostDriver(List<PciDevice> vfs) {
        List<String> names = vfs.stream().map(PciDevice::driver).flatMap(Optional::stream)
                .filter(n -> !n.equals("vfio-pci")).distinct().toList();
        return names.size() == 1 ? names.get(0) : "mixed";
    }

    private static void appendCount(StringBuilder s, long n, String what) {
        if (n > 0) {
            s.append(s.length() == 0 ? "" : ", ").append(n).append(' ').append(what);
        }
    }

    /** A VF whose PF is in the topology is drawn below the PF, not below its bridge. */
    private boolean hangsBelowPf(PciDevice d) {
        return d.sriov().physfn().map(topology::contains).orElse(false);
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String domainText(int domain) {
        String hex = Integer.toHexString(domain);
        return hex.length() >= 4 ? hex : "0".repeat(4 - hex.length()) + hex;
    }
}
