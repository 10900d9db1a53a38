package org.vfioinspector.app.cli;

import java.util.concurrent.Callable;

import org.vfioinspector.app.report.DeviceDocument;
import org.vfioinspector.app.report.VfioAccessDocument;
import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.FunctionDescriber;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.report.ShowText;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.sysfs.VfioInterfaces;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "show", description = "Everything known about one PCI function.")
final class ShowCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Parameters(paramLabel = "BDF", description = "The function, e.g. 0000:03:00.0 or 03:00.0.")
    String bdf;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() {
        Session s = cli.session();
        PciDevice d = Addresses.existing(s.topology(), bdf);
        VfioAccessDocument vfio = VfioAccessDocument.of(d, VfioInterfaces.read(s.root(), s.topology()), s.hostState().holders());
        if (json) {
            Json.print(cli.out, DeviceDocument.show(d, s.topology(), s.names(), s.health(), vfio));
        } else {
            cli.out.print(ShowText.render(FunctionDescriber.describe(d, s.topology(), s.names(), s.hostState(), s.health())));
            cli.out.print(vfio.text());
        }
        return ExitCodes.OK;
    }
}
