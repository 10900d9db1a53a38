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
import org.vfioinspector.core.health.LinkHop;
import org.vfioinspector.core.health.PathHealth;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.text.Counted;

/**
 * Turns a {@link Topology} into the graph's forest: domain → (root bus when a domain has several)
 * → functions on the root bus → what sits below each bridge. SR-IOV VFs hang below their PF (not
 * their parent bridge, where the kernel puts them) and are collapsed into one "N VFs" node unless
 * that PF is in {@code expandedPfs}. A bridge in {@code collapsedBridges} keeps its own node and shows
 * everything below it (nested bridges, endpoints, VFs) as one "N functions below" node
 * ({@link NodeKind#SUBTREE}) whose members are the hidden functions, with their IOMMU groups and drivers
 * summarised; a collapsed bridge inside a collapsed bridge stays collapsed when the outer one opens.
 */
public final class GraphBuilder {

    public static final double FUNCTION_WIDTH = 230;
    public static final double FUNCTION_HEIGHT = 62;
    public static final double DOMAIN_WIDTH = 130;
    public static final double DOMAIN_HEIGHT = 48;
    public static final double VF_GROUP_WIDTH = 180;
    /** As high as a function: its consequence marks need the bottom row below "click to expand". */
    public static final double VF_GROUP_HEIGHT = FUNCTION_HEIGHT;
    public static final double SUBTREE_WIDTH = 230;
    public static final double SUBTREE_HEIGHT = 62;

    private final Topology topology;
    private final PciIds ids;
    private final Set<PciAddress> expandedPfs;
    private final Set<PciAddress> collapsedBridges;
    private final List<GraphNode> out = new ArrayList<>();
    private final Set<PciAddress> placed = new HashSet<>();
    private final Map<PciAddress, List<PciDevice>> vfsOf = new TreeMap<>();

    private GraphBuilder(Topology topology, PciIds ids, Set<PciAddress> expandedPfs, Set<PciAddress> collapsedBridges) {
        this.topology = topology;
        this.ids = ids;
        this.expandedPfs = Set.copyOf(expandedPfs);
        this.collapsedBridges = Set.copyOf(collapsedBridges);
        // from each VF's physfn link, so a PF whose virtfnN links are missing still gets its VFs
        for (PciDevice d : topology.devices()) {
            if (hangsBelowPf(d)) {
                vfsOf.computeIfAbsent(d.sriov().physfn().orElseThrow(), k -> new ArrayList<>()).add(d);
            }
        }
    }

    /** The graph with every PF's VFs collapsed except those of {@code expandedPfs}. */
    public static GraphModel build(Topology topology, PciIds ids, Set<PciAddress> expandedPfs) {
        return build(topology, ids, expandedPfs, Set.of());
    }

    /** As {@link #build(Topology, PciIds, Set)}, with the subtrees below {@code collapsedBridges} folded. */
    public static GraphModel build(Topology topology, PciIds ids, Set<PciAddress> expandedPfs,
                                   Set<PciAddress> collapsedBridges) {
        return new GraphBuilder(topology, ids, expandedPfs, collapsedBridges).build();
    }

    public static String subtreeId(PciAddress bridge) {
        return "below:" + bridge;
    }

    /**
     * The functions {@code a} hangs below as the graph draws it, nearest first: its PF for a VF whose PF
     * is in the topology, else its parent bridge, and so on up. A function is hidden when one of these is
     * a collapsed bridge; a VF also when its PF's VFs are not expanded.
     */
    public static List<PciAddress> drawnAncestors(Topology topology, PciAddress a) {
        List<PciAddress> out = new ArrayList<>();
        Set<PciAddress> seen = new HashSet<>();
        PciAddress cur = a;
        while (cur != null && seen.add(cur)) {
            PciAddress c = cur;
            Optional<PciAddress> pf = topology.device(c).flatMap(d -> d.sriov().physfn()).filter(topology::contains);
            Optional<PciAddress> up = pf.isPresent() ? pf : topology.parent(c).map(PciDevice::address);
            cur = up.orElse(null);
            if (cur != null && !cur.equals(a)) {
                out.add(cur);
            }
        }
        return out;
    }

    /**
     * The bridges "collapse all" folds: those one level below a root-bus bridge (the upstream ports of
     * switches and the bridges behind root ports) with at least one function below them.
     */
    public static Set<PciAddress> switchesBelowRootPorts(Topology topology) {
        Set<PciAddress> out = new java.util.TreeSet<>();
        for (PciDevice d : topology.devices()) {
            if (!(d.isBridge() || d.isHostBridge()) || topology.children(d.address()).isEmpty()) {
                continue;
            }
            Optional<PciDevice> parent = topology.parent(d.address());
            if (parent.isPresent() && topology.parent(parent.get().address()).isEmpty()) {
                out.add(d.address());
            }
        }
        return out;
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
                    "Domain " + domainText(domain), Counted.of(topology.devices().stream()
                            .filter(d -> d.address().domain() == domain).count(), "function"),
                    roots.size() == 1 ? "root bus " + roots.get(0) : roots.size() + " root buses",
                    Glyph.BRIDGE, OptionalInt.empty(), DriverBadge.HIDDEN_BADGE, "", false, List.of(),
                    DOMAIN_WIDTH, DOMAIN_HEIGHT));
            for (BusAddress bus : roots) {
                String parent = domainId;
                if (roots.size() > 1) {
                    parent = "bus:" + bus;
                    out.add(new GraphNode(parent, NodeKind.ROOT_BUS, domainId, Optional.empty(), "Root bus " + bus,
                            Counted.of(inDomain.stream().filter(d -> d.address().busAddress().equals(bus)).count(), "function"),
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
                Labels.link(d.link()), downgraded(d.address()), List.of(d.address()),
                FUNCTION_WIDTH, FUNCTION_HEIGHT));
        if (bridge && collapsedBridges.contains(d.address()) && subtree(d, id)) {
            return;
        }
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

    /** The link into the function trained below what both ends support (our rule, see LinkHop; never for an unknown link). */
    private boolean downgraded(PciAddress a) {
        return PathHealth.of(topology, a).linkIntoFunction().map(LinkHop::downgraded).orElse(false);
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
                Counted.of(members.size(), "VF"), "click to expand", drivers.toString(), Glyph.VF, OptionalInt.empty(),
                badge, "", false, members, VF_GROUP_WIDTH, VF_GROUP_HEIGHT));
    }

    /** Everything drawn below {@code bridge} as one node; false when nothing is below it (nothing folded). */
    private boolean subtree(PciDevice bridge, String parentId) {
        List<PciDevice> hidden = new ArrayList<>();
        below(bridge.address(), hidden, new HashSet<>());
        List<PciDevice> members = hidden.stream().filter(k -> placed.add(k.address())).toList();
        if (members.isEmpty()) {
            return false;
        }
        Set<Integer> groups = new java.util.TreeSet<>();
        long noGroup = 0;
        for (PciDevice k : members) {
            if (k.iommuGroup().isPresent()) {
                groups.add(k.iommuGroup().getAsInt());
            } else {
                noGroup++;
            }
        }
        StringBuilder g = new StringBuilder(groups.size() == 1 ? "group " : groups.isEmpty() ? "" : "groups ");
        g.append(String.join(", ", groups.stream().map(String::valueOf).toList()));
        if (noGroup > 0) {
            g.append(g.length() == 0 ? "" : " · ").append(noGroup).append(" without a group");
        }
        // the drivers of what is hidden, bridges (pcieport) left out: the endpoints are what matters
        Map<String, Long> drivers = new TreeMap<>();
        long unbound = 0;
        for (PciDevice k : members) {
            if (k.isBridge() || k.isHostBridge()) {
                continue;
            }
            if (k.driver().isPresent()) {
                drivers.merge(k.driver().get(), 1L, Long::sum);
            } else {
                unbound++;
            }
        }
        StringBuilder dr = new StringBuilder();
        drivers.forEach((name, n) -> appendCount(dr, n, name));
        appendCount(dr, unbound, "no driver");
        boolean anyHost = drivers.keySet().stream().anyMatch(n -> !n.equals("vfio-pci"));
        boolean allVfio = !drivers.isEmpty() && !anyHost && unbound == 0;
        DriverBadge badge = anyHost ? new DriverBadge(DriverBadge.Kind.HOST, drivers.size() == 1
                ? drivers.keySet().iterator().next() : "mixed")
                : allVfio ? new DriverBadge(DriverBadge.Kind.VFIO, "vfio-pci")
                : DriverBadge.HIDDEN_BADGE;
        out.add(new GraphNode(subtreeId(bridge.address()), NodeKind.SUBTREE, parentId, Optional.of(bridge.address()),
                Counted.of(members.size(), "function") + " below", g.toString(),
                dr.length() == 0 ? "click to expand" : dr.toString(), Glyph.BRIDGE, OptionalInt.empty(), badge, "",
                false, members.stream().map(PciDevice::address).toList(), SUBTREE_WIDTH, SUBTREE_HEIGHT));
        return true;
    }

    /** What the graph draws below {@code a}, depth first: its children (not VFs of other PFs) and its VFs. */
    private void below(PciAddress a, List<PciDevice> into, Set<PciAddress> seen) {
        if (!seen.add(a)) {
            return;
        }
        for (PciAddress c : topology.children(a)) {
            Optional<PciDevice> k = topology.device(c).filter(x -> !hangsBelowPf(x));
            if (k.isPresent() && !seen.contains(c)) {
                into.add(k.get());
                below(c, into, seen);
            }
        }
        for (PciDevice vf : vfsOf.getOrDefault(a, List.of())) {
            if (!seen.contains(vf.address())) {
                into.add(vf);
                below(vf.address(), into, seen);
            }
        }
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

    static String domainText(int domain) {
        String hex = Integer.toHexString(domain);
        return hex.length() >= 4 ? hex : "0".repeat(4 - hex.length()) + hex;
    }
}
