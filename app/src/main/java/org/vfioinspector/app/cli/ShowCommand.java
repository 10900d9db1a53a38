package org.vfioinspector.app.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import org.vfioinspector.app.report.DeviceDocument;
import org.vfioinspector.app.report.VfioAccessDocument;
import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.FunctionDescriber;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.report.ShowText;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.app.session.VerdictView;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.pciids.PciIds;

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
        // only what the report needs is read (VerdictScope); the whole host when that cannot be bounded
        VerdictView v = s.verdictView(Addresses.parse(bdf), false);
        report(v, s.names(), Addresses.existing(v.topology(), bdf), json, cli.out);
        return ExitCodes.OK;
    }

    /** Prints everything known about {@code d} as seen in {@code v}. */
    static void report(VerdictView v, PciIds names, PciDevice d, boolean json, PrintStream out) {
        VfioAccessDocument vfio = VfioAccessDocument.of(d, v.vfio(), v.hostState().holders());
        if (json) {
            Json.print(out, DeviceDocument.show(d, v.topology(), names, v.health().get(), vfio));
        } else {
            out.print(ShowText.render(FunctionDescriber.describe(d, v.topology(), names, v.hostState(), v.health().get())));
            out.print(vfio.text());
        }
    }
}
