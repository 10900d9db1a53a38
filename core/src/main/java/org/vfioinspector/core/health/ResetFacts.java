package org.vfioinspector.core.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.vfioinspector.core.config.Capability;
import org.vfioinspector.core.config.ConfigSpace;
import org.vfioinspector.core.config.ConfigSpaceParser;
import org.vfioinspector.core.config.PciExpress;
import org.vfioinspector.core.model.LinkStatus;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;

/**
 * What verification reads of one function at one moment, before or after a reset: its {@link FunctionHealth}
 * plus the link of its upstream port (the bridge above it, whose link attributes describe the link down to
 * it), that port's Data Link Layer Link Active bit when it reports one, and the root port's AER totals.
 *
 * @param function         the function's own sample
 * @param upstreamPort     the bridge directly above it, empty on a root bus or when sysfs does not say
 * @param upstreamLink     that port's link as sysfs reports it (which can lag behind a failed retrain)
 * @param upstreamLinkActive Link Status DLLLA of that port, read from its config space; empty when the port
 *                         does not report it (LnkCap bit 20 clear) or the register could not be read
 * @param rootPort         the topmost bridge above it (the root port), empty on a root bus
 * @param rootPortAer      the root port's {@code aer_rootport_total_err_*}
 */
public record ResetFacts(FunctionHealth function, Optional<PciAddress> upstreamPort, LinkStatus upstreamLink,
                         Optional<Boolean> upstreamLinkActive, Optional<PciAddress> rootPort, AerCounters rootPortAer) {

    /** {@code PCI_CAP_ID_EXP}. */
    private static final int CAP_PCI_EXPRESS = 0x10;
    /** Link Status is the 16-bit register at 0x12 of the PCIe capability: the dump must reach 0x14. */
    private static final int LNKSTA_END = 0x14;

    public ResetFacts {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(upstreamPort, "upstreamPort");
        Objects.requireNonNull(upstreamLink, "upstreamLink");
        Objects.requireNonNull(upstreamLinkActive, "upstreamLinkActive");
        Objects.requireNonNull(rootPort, "rootPort");
        Objects.requireNonNull(rootPortAer, "rootPortAer");
    }

    public PciAddress address() {
        return function.address();
    }

    /** Reads the facts of {@code a} under {@code root} now. Never throws for missing or malformed files. */
    public static ResetFacts read(HostRoot root, PciAddress a) {
        FunctionHealth f = HealthReader.read(root, a);
        List<PciAddress> above = HostRoot.readLink(root.resolve(SysfsNames.function(a)))
                .map(link -> upstreamChain(link.toString(), a)).orElse(List.of());
        Optional<PciAddress> port = above.isEmpty() ? Optional.empty() : Optional.of(above.get(above.size() - 1));
        Optional<PciAddress> rootPort = above.isEmpty() ? Optional.empty() : Optional.of(above.get(0));
        LinkStatus portLink = port.map(p -> HealthReader.read(root, p).link()).orElse(LinkStatus.UNKNOWN);
        Optional<Boolean> active = port.flatMap(p -> linkActive(HostRoot.readBytes(
                root.resolve(SysfsNames.functionFile(p, SysfsNames.CONFIG)), ConfigSpace.LEGACY_SIZE)));
        AerCounters rootAer = rootPort.map(p -> HealthReader.read(root, p).rootPortTotals()).orElse(AerCounters.UNKNOWN);
        return new ResetFacts(f, port, portLink, active, rootPort, rootAer);
    }

    /**
     * The bridges above {@code a}, root port first, from its {@code sys/bus/pci/devices} link target
     * ({@code ../../../devices/pci0000:00/0000:00:1c.0/0000:01:00.0}): every path element that is a PCI address,
     * before {@code a}'s own.
     */
    static List<PciAddress> upstreamChain(String linkTarget, PciAddress a) {
        List<PciAddress> out = new ArrayList<>();
        for (String part : linkTarget.split("/", 64)) {
            PciAddress p = part.length() >= 7 && part.length() <= 16 ? PciAddress.tryParse(part) : null;
            if (p != null && !p.equals(a)) {
                out.add(p);
            } else if (a.equals(p)) {
                break;
            }
        }
        return out;
    }

    /**
     * Link Status DLLLA from a port's config space, when its Link Capabilities say it reports it (bit 20) and the
     * dump reaches the register; empty otherwise (unprivileged 64-byte reads, ports that do not report it).
     */
    static Optional<Boolean> linkActive(Optional<byte[]> config) {
        if (config.isEmpty()) {
            return Optional.empty();
        }
        ConfigSpace c = ConfigSpaceParser.parse(config.get());
        Optional<Capability> cap = c.capabilities().stream().filter(x -> x.id() == CAP_PCI_EXPRESS).findFirst();
        Optional<PciExpress> e = c.pciExpress();
        if (cap.isEmpty() || e.isEmpty() || cap.get().offset() + LNKSTA_END > c.length()
                || !e.get().dataLinkLayerActiveReporting()) {
            return Optional.empty();
        }
        return Optional.of(e.get().dataLinkLayerActive());
    }
}
