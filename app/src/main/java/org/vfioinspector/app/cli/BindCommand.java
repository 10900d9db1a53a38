package org.vfioinspector.app.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.vfioinspector.app.report.BindDocument;
import org.vfioinspector.app.report.BindJson;
import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.bind.BindReport;
import org.vfioinspector.core.bind.DriverBinder;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.GroupViability;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "bind", mixinStandardHelpOptions = true, description = {"Bind functions to vfio-pci (journaled; 'restore' undoes it).",
        "All or nothing: a failure part-way puts back what was done. Lists the other functions of their IOMMU",
        "groups still on host drivers: VFIO cannot use a group until those leave them (bridges unbound,",
        "endpoints bound to vfio-pci).",
        "Refused before any write when a function holds the root filesystem, a mounted filesystem or active swap,",
        "or its interface carries the default route (codes ROOT_FILESYSTEM, MOUNTED, SWAP, DEFAULT_ROUTE), or when",
        "this host root cannot show mounts or routes (MOUNTS_UNKNOWN, ROUTES_UNKNOWN): --force-host-impact accepts that.",
        "Exit codes: 0 done, 1 refused, 2 usage error, 3 a write failed (rolled back)."})
final class BindCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Parameters(paramLabel = "BDF", arity = "1..*", description = "The functions, e.g. 0000:03:00.0 or 03:00.0.")
    List<String> bdfs;

    @Option(names = "--vfio", required = true, description = "Bind to vfio-pci (the only target driver).")
    boolean vfio;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Option(names = "--force-host-impact", description = "Bind even functions the host itself uses (its root "
            + "filesystem, mounts, swap, default-route interface) or whose use cannot be seen: they are detached.")
    boolean forceHostImpact;

    @Mixin
    HostWrites writes;

    @Override
    public Integer call() {
        cli.refuseHost("bind");
        List<PciAddress> wanted = new ArrayList<>();
        for (String b : bdfs) {
            wanted.add(Addresses.parse(b));
        }
        HostWrites.requireWritableHost(cli);
        Session s = cli.session();
        Topology t = s.topology();
        for (PciAddress a : wanted) {
            Addresses.existing(t, a.toString());
        }
        if (!cli.access.root().getAsBoolean()) {
            throw new CliException(ExitCodes.REFUSED, "binding drivers needs root: run it with sudo");
        }
        var journal = writes.journal(s.root());
        CommandAudit audit = CommandAudit.of(cli, s.root());
        audit.beforeBind(wanted);
        BindReport r = new DriverBinder(s.root(), cli.access.sysfs().apply(s.root()), journal, Clock.systemUTC())
                .bindToVfio(wanted, t, s.hostState(), forceHostImpact);
        audit.afterBind(wanted, r);
        List<GroupViability.Member> others = othersOnHostDrivers(wanted, t);
        if (json) {
            cli.document(BindDocument.of(r, journal.file().toString())
                    .withOthers(others.stream().map(BindDocument.Other::of).toList()));
        } else {
            BindJson.text(cli.out, r);
            if (!others.isEmpty()) {
                cli.out.println("Note: VFIO cannot use the IOMMU group(s) of these functions while other functions "
                        + "in them stay on host drivers (EPERM at VFIO_GROUP_SET_CONTAINER); using VFIO takes them "
                        + "from the host too:");
                others.forEach(o -> cli.out.println("  " + o.describe() + (o.breaksViability().isEmpty()
                        ? ": unknown whether it spoils the group (the kernel version is unknown)"
                        : ": " + o.remedy())));
            }
        }
        return BindJson.exitCode(r);
    }

    /** Members of the functions' groups, outside them, whose drivers keep VFIO from using a group (or may). */
    static List<GroupViability.Member> othersOnHostDrivers(List<PciAddress> functions, Topology t) {
        TreeSet<Integer> groups = new TreeSet<>();
        for (PciAddress a : functions) {
            t.device(a).ifPresent(d -> d.iommuGroup().ifPresent(groups::add));
        }
        return GroupViability.of(groups, t).stream().flatMap(g -> g.members().stream())
                .filter(m -> !functions.contains(m.address()) && m.breaksViability().orElse(true))
                .toList();
    }
}
