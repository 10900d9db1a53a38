package org.vfioinspector.app.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.Callable;

import org.vfioinspector.app.report.BlastDocument;
import org.vfioinspector.app.report.BlastText;
import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.app.session.VerdictView;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.reset.BlastRadius;
import org.vfioinspector.core.reset.CdevPrediction;
import org.vfioinspector.core.reset.CdevPredictor;
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

    @Option(names = "--cdev", description = {"The headline verdict and the exit code are about the hot reset through the",
            "vfio device cdev and iommufd (Linux 6.6+), whose prediction is always shown (JSON: cdevPath)."})
    boolean cdev;

    @Override
    public Integer call() {
        Optional<ResetKind> chosen = parseKind(reset);
        Session s = cli.session();
        // only what the verdict needs is read (VerdictScope); the whole host when that cannot be bounded
        VerdictView v = s.verdictView(Addresses.parse(bdf), true);
        PciDevice d = Addresses.existing(v.topology(), bdf);
        if (cdev && chosen.filter(k -> k == ResetKind.FUNCTION_RESET).isPresent()) {
            throw new CliException(ExitCodes.USAGE, "--cdev is about the hot reset: it does not go with --reset function");
        }
        return report(v, s::names, d, chosen, cdev, json, cli.out);
    }

    /** Prints the blast radius of {@code d} as seen in {@code v} (JSON names nothing: no pci.ids read); the exit code. */
    static int report(VerdictView v, Supplier<PciIds> names, PciDevice d, Optional<ResetKind> chosen, boolean cdev,
                      boolean json, PrintStream out) {
        BlastRadius b = v.analyzer().analyze(d.address());
        CdevPrediction c = CdevPredictor.predict(b, v.topology(), v.hostState().holders(), v.vfio());
        Optional<ResetKind> kind = cdev ? Optional.of(ResetKind.HOT_RESET) : chosen.isPresent() ? chosen : b.recommended();
        Verdict verdict = cdev ? c.verdict() : chosen.map(b::verdict).orElse(b.verdict());
        if (json) {
            Json.print(out, BlastDocument.of(b, verdict, Optional.of(c)));
        } else {
            out.print(BlastText.render(b, v.topology(), v.hostState(), names.get(), kind, Optional.of(c)));
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
