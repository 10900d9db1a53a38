package org.vfioinspector.core.host;

import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;

/**
 * Network interfaces below PCI functions ({@code sys/class/net/*}), their state, addresses and
 * whether they carry a default route. Virtual interfaces (loopback, bridges, bonds) sit below
 * {@code sys/devices/virtual} and are left out: no PCI reset takes them away directly.
 */
final class NetInterfaceReader {

    private NetInterfaceReader() {
    }

    /** The interfaces of each function; problems are added to {@code notes}. */
    static Map<PciAddress, List<NetInterface>> read(HostRoot root, Topology t, List<String> notes) {
        Map<String, PciAddress> owners = new TreeMap<>();
        Map<String, Path> dirs = new HashMap<>();
        for (Path entry : HostRoot.list(root.resolve(SysfsNames.NET))) {
            SysfsPaths.resolveLink(root, entry).ifPresent(dir -> {
                String hostPath = root.hostPath(dir);
                if (!SysfsPaths.isVirtual(hostPath)) {
                    SysfsPaths.owningFunction(hostPath, t).ifPresent(a -> {
                        owners.put(entry.getFileName().toString(), a);
                        dirs.put(entry.getFileName().toString(), dir);
                    });
                }
            });
        }
        if (owners.isEmpty()) {
            return Map.of();
        }
        Set<String> defaults = defaultRoutes(root, notes);
        Map<String, List<String>> v6 = ipv6Addresses(root, notes);
        if (!root.isLive()) {
            notes.add("IPv4 addresses are only known on the live host");
        }
        Map<PciAddress, List<NetInterface>> out = new TreeMap<>();
        owners.forEach((name, function) -> {
            Path dir = dirs.get(name);
            List<String> addresses = new ArrayList<>(root.isLive() ? liveIpv4(name) : List.of());
            addresses.addAll(v6.getOrDefault(name, List.of()));
            out.computeIfAbsent(function, k -> new ArrayList<>()).add(new NetInterface(name, function,
                    HostRoot.readText(dir.resolve(SysfsNames.NET_OPERSTATE)).filter(s -> !s.isEmpty()),
                    HostRoot.readText(dir.resolve(SysfsNames.NET_ADDRESS)).filter(s -> !s.isEmpty()),
                    addresses, defaults.contains(name)));
        });
        return out;
    }

    private static Set<String> defaultRoutes(HostRoot root, List<String> notes) {
        Set<String> out = new HashSet<>();
        Optional<String> v4 = HostRoot.readText(root.resolve("proc/net/route"));
        if (v4.isEmpty()) {
            notes.add("proc/net/route could not be read; which interface carries the default route is unknown");
        }
        v4.map(ProcNetParser::parseIpv4DefaultRoutes).ifPresent(p -> out.addAll(entries(p, "proc/net/route", notes)));
        // no ipv6_route when IPv6 is disabled: then there is simply no IPv6 default route
        HostRoot.readText(root.resolve("proc/net/ipv6_route")).map(ProcNetParser::parseIpv6DefaultRoutes)
                .ifPresent(p -> out.addAll(entries(p, "proc/net/ipv6_route", notes)));
        return out;
    }

    private static Map<String, List<String>> ipv6Addresses(HostRoot root, List<String> notes) {
        Map<String, List<String>> out = new HashMap<>();
        HostRoot.readText(root.resolve("proc/net/if_inet6")).map(ProcNetParser::parseIfInet6).ifPresent(p -> {
            for (IfAddress a : entries(p, "proc/net/if_inet6", notes)) {
                out.computeIfAbsent(a.iface(), k -> new ArrayList<>()).add(a.address());
            }
        });
        return out;
    }

    /** IPv4 addresses from the kernel through the JDK; /proc has no per-interface IPv4 table. */
    private static List<String> liveIpv4(String name) {
        try {
            NetworkInterface ni = NetworkInterface.getByName(name);
            if (ni == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (InterfaceAddress a : ni.getInterfaceAddresses()) {
                if (a.getAddress() instanceof Inet4Address v4) {
                    out.add(v4.getHostAddress() + "/" + a.getNetworkPrefixLength());
                }
            }
            return out;
        } catch (SocketException | SecurityException e) {
            return List.of();
        }
    }

    private static <T> List<T> entries(ParsedLines<T> p, String file, List<String> notes) {
        if (p.skipped() > 0) {
            notes.add(p.skipped() + (p.skipped() == 1 ? " malformed line" : " malformed lines") + " in " + file
                    + " skipped");
        }
        return p.entries();
    }
}
