package org.vfioinspector.app.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.vfioinspector.core.bind.BindReport;
import org.vfioinspector.core.bind.DriverBinder;
import org.vfioinspector.core.bind.HostSysfsWriter;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.vfio.ProcessIdentity;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "bind", mixinStandardHelpOptions = true, description = {"Bind functions to vfio-pci (journaled; 'restore' undoes it).",
        "All or nothing: a failure part-way puts back what was done."})
final class BindCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Parameters(paramLabel = "BDF", arity = "1..*", description = "The functions, e.g. 0000:03:00.0 or 03:00.0.")
    List<String> bdfs;

    @Option(names = "--vfio", required = true, description = "Bind to vfio-pci (the only target driver).")
    boolean vfio;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Mixin
    HostWrites writes;

    @Override
    public Integer call() {
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
        if (!ProcessIdentity.isRoot()) {
            throw new CliException(ExitCodes.REFUSED, "binding drivers needs root: run it with sudo");
        }
        var journal = writes.journal();
        BindReport r = new DriverBinder(s.root(), new HostSysfsWriter(s.root()), journal, Clock.systemUTC())
                .bindToVfio(wanted, t);
        if (json) {
            Json.print(cli.out, BindJson.report(r, journal.file().toString()));
        } else {
            BindJson.text(cli.out, r);
        }
        return BindJson.exitCode(r);
    }
}
