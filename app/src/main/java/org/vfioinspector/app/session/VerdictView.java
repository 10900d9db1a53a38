package org.vfioinspector.app.session;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.vfioinspector.core.health.HostHealth;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.host.HostStateReader;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.BlastRadiusAnalyzer;
import org.vfioinspector.core.reset.VerdictScope;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.ScopedScan;
import org.vfioinspector.core.sysfs.VfioInterfaces;

/**
 * What {@code blast} and {@code show} of one function read: the functions its verdict needs (see
 * {@link org.vfioinspector.core.reset.VerdictScope}) or, when the host does not allow that, the whole host.
 * Every answer about the function is the same either way; {@link #scoped} says which it is.
 *
 * @param topology  the functions read (all of them, or those the verdict needs)
 * @param hostState holders, disks, interfaces of those functions
 * @param vfio      the VFIO interfaces, whose host-wide facts are read from every function either way
 * @param analyzer  the blast radius analyzer on that topology, suggesting commands for the session's source
 * @param health    links, power and AER of those functions, read when first asked
 * @param scoped    true when only part of the host was read
 */
public record VerdictView(Topology topology, HostState hostState, VfioInterfaces vfio, BlastRadiusAnalyzer analyzer,
                          Supplier<HostHealth> health, boolean scoped) {

    /**
     * The view of what a verdict about {@code address} needs, read through {@code scan}; empty when that cannot
     * be bounded (see {@link VerdictScope}).
     *
     * @param hotReset {@code blast} (the hot reset's affected set too) rather than {@code show}
     * @param source   the session's source arguments, for the commands the analyzer suggests
     */
    public static Optional<VerdictView> scoped(HostRoot root, ScopedScan scan, PciAddress address, boolean hotReset,
                                               List<String> source) {
        Optional<Topology> t = hotReset ? VerdictScope.forBlast(scan, address) : VerdictScope.forShow(scan, address);
        return t.map(x -> {
            HostState state = HostStateReader.read(root, x);
            return new VerdictView(x, state, scan.vfioInterfaces(x), new BlastRadiusAnalyzer(x, state, source),
                    () -> HostHealth.read(root, x), true);
        });
    }
}
