package org.vfioinspector.core.health;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;

/**
 * The health of every function of a host, computed once per scan for the views ({@code show}, {@code tree},
 * the details panel, the graph): each function's links from its root port ({@link PathHealth}), which links
 * are a bottleneck, and what sysfs says of its power state and AER counters. Reading it needs no root; what
 * could not be read stays unknown.
 */
public final class HostHealth {

    /**
     * What sysfs says of one function beyond the scan: {@code power_state}, the {@code aer_dev_*} totals and,
     * for a root port, {@code aer_rootport_total_err_*}. Empty or unknown when the file is missing.
     */
    public record Sample(Optional<String> powerState, AerCounters aer, AerCounters rootPortTotals) {

        public static final Sample UNKNOWN = new Sample(Optional.empty(), AerCounters.UNKNOWN, AerCounters.UNKNOWN);

        public Sample {
            Objects.requireNonNull(powerState, "powerState");
            Objects.requireNonNull(aer, "aer");
            Objects.requireNonNull(rootPortTotals, "rootPortTotals");
        }
    }

    private final Topology topology;
    private final Map<PciAddress, PathHealth> paths = new HashMap<>();
    private final Map<PciAddress, Sample> samples;
    private final Set<PciAddress> bottlenecks = new HashSet<>();

    private HostHealth(Topology topology, Map<PciAddress, Sample> samples) {
        this.topology = topology;
        this.samples = Map.copyOf(samples);
        for (PciDevice d : topology.devices()) {
            PathHealth p = PathHealth.of(topology, d.address());
            paths.put(d.address(), p);
            p.bottleneckHop().ifPresent(h -> bottlenecks.add(h.downstream()));
        }
    }

    /** The links only, from the scan: no file is read, so every power state and AER counter is unknown. */
    public static HostHealth of(Topology t) {
        return new HostHealth(t, Map.of());
    }

    /** The links from the scan, and each function's power state and AER counters read under {@code root} now. */
    public static HostHealth read(HostRoot root, Topology t) {
        Map<PciAddress, Sample> samples = new HashMap<>();
        for (PciDevice d : t.devices()) {
            Path dir = root.resolve(SysfsNames.function(d.address()));
            samples.put(d.address(), new Sample(HealthReader.powerState(dir), HealthReader.aer(dir),
                    HealthReader.rootPortTotals(dir)));
        }
        return new HostHealth(t, samples);
    }

    /** The links from the function's root port down to it (none for a function not in the scan). */
    public PathHealth path(PciAddress function) {
        PathHealth p = paths.get(function);
        return p != null ? p : new PathHealth(function, List.of(), java.util.OptionalInt.empty(), true);
    }

    /** The link into the function from the port above it; empty when it has none (or it is a switch's internal step). */
    public Optional<LinkHop> linkInto(PciAddress function) {
        return path(function).linkIntoFunction();
    }

    /** The state of the link into the function; empty when it has none. */
    public Optional<LinkHop.State> linkState(PciAddress function) {
        return linkInto(function).map(LinkHop::state);
    }

    /**
     * True when the link into this function is the bottleneck of the path to it or to a function below it:
     * the narrowest link on the way from the root port (see {@link PathHealth#bottleneck}).
     */
    public boolean bottleneck(PciAddress function) {
        return bottlenecks.contains(function);
    }

    /** What sysfs says of the function's power and errors; {@link Sample#UNKNOWN} when not read. */
    public Sample sample(PciAddress function) {
        return samples.getOrDefault(function, Sample.UNKNOWN);
    }

    /** The bridge on the root bus above the function (the function itself when it is that bridge). */
    public Optional<PciAddress> rootPort(PciAddress function) {
        List<PciDevice> up = topology.upstreamPath(function);
        if (!up.isEmpty()) {
            return Optional.of(up.get(up.size() - 1).address());
        }
        return topology.device(function).filter(PciDevice::isBridge).map(PciDevice::address);
    }

    /** The errors reported to the function's root port ({@code aer_rootport_total_err_*}). */
    public AerCounters rootPortTotals(PciAddress function) {
        return rootPort(function).map(r -> sample(r).rootPortTotals()).orElse(AerCounters.UNKNOWN);
    }
}
