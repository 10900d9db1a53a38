package org.vfioinspector.app.cli;

import java.util.concurrent.Callable;

import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.reset.BlastRadius;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "blast", description = {"What a PCI hot reset of BDF would also reset, and whether it may proceed.",
        "Exit 1 when a blocker forbids the reset."})
final class BlastCommand implements Callable<Integer> {

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
        BlastRadius b = s.analyzer().analyze(d.address());
        if (json) {
            Json.print(cli.out, BlastJson.of(b));
        } else {
            cli.out.print(BlastText.render(b, s.topology(), s.names()));
        }
        return b.blocked() ? ExitCodes.REFUSED : ExitCodes.OK;
    }
}
