package org.vfioinspector.app.cli;

import java.util.Optional;
import java.util.concurrent.Callable;

import org.vfioinspector.app.report.BlastDocument;
import org.vfioinspector.app.report.BlastText;
import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.reset.BlastRadius;
import org.vfioinspector.core.reset.Verdict;
import org.vfioinspector.core.vfio.ResetKind;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "blast", mixinStandardHelpOptions = true, description = {
        "What a reset of BDF through VFIO would touch, and whether it may run: the function reset",
        "(VFIO_DEVICE_RESET, any reset method the kernel has) and the hot reset (its slot or bus), each with",
        "its verdict, and the IOMMU groups VFIO must use. The headline verdict is the recommended (least",
        "invasive possible) reset's, or the one --reset names.",
        "Exit codes: 0 the reset is ready, 1 blocked or unknown (something it depends on cannot be read from",
        "this host root: never taken as safe), 2 usage error, 3 I/O error."})
final class BlastCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Parameters(paramLabel = "BDF", description = "The function, e.g. 0000:03:00.0 or 03:00.0.")
    String bdf;

    @Option(names = "--reset", paramLabel = "function|hot",
            description = "The reset the headline verdict and the exit code are about (default: the recommended one).")
    String reset;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() {
        Optional<ResetKind> chosen = parseKind(reset);
        Session s = cli.session();
        PciDevice d = Addresses.existing(s.topology(), bdf);
        BlastRadius b = s.analyzer().analyze(d.address());
        Optional<ResetKind> kind = chosen.isPresent() ? chosen : b.recommended();
        Verdict verdict = chosen.map(b::verdict).orElse(b.verdict());
        if (json) {
            Json.print(cli.out, BlastDocument.of(b, verdict));
        } else {
            cli.out.print(BlastText.render(b, s.topology(), s.hostState(), s.names(), kind));
        }
        return verdict == Verdict.READY ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    static Optional<ResetKind> parseKind(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value) {
            case "function" -> Optional.of(ResetKind.FUNCTION_RESET);
            case "hot" -> Optional.of(ResetKind.HOT_RESET);
            default -> throw new CliException(ExitCodes.USAGE, "--reset takes 'function' or 'hot', not '" + value + "'");
        };
    }
}
