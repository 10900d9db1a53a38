package org.vfioinspector.app.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.vfioinspector.app.report.BindDocument;
import org.vfioinspector.app.report.BindJson;
import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.ResetDocument;
import org.vfioinspector.app.report.ResetJson;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.bind.BindReport;
import org.vfioinspector.core.bind.DriverBinder;
import org.vfioinspector.core.host.HolderScanner;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.host.HostStateReader;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.SysfsReader;
import org.vfioinspector.core.vfio.HotResetExecutor;
import org.vfioinspector.core.vfio.ResetKind;
import org.vfioinspector.core.vfio.ResetPlan;
import org.vfioinspector.core.vfio.ResetPlanner;
import org.vfioinspector.core.vfio.ResetProgress;
import org.vfioinspector.core.vfio.ResetReport;
import org.vfioinspector.core.vfio.ResetRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "reset", mixinStandardHelpOptions = true, description = {
        "Reset a PCI function through VFIO: a hot reset of its slot or bus (default) or, with --function, a",
        "function reset (VFIO_DEVICE_RESET) of just that function with whatever reset method the kernel has",
        "(flr, af_flr, pm, device_specific, acpi, bus when alone on its bus, ...). --confirm must list exactly",
        "the functions the reset reaches (see 'blast BDF'); the kernel's own list must match it too, or nothing",
        "is reset.",
        "Exit codes: 0 done (or dry run passed), 1 refused, 2 usage error, 3 kernel or I/O error."})
final class ResetCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Parameters(paramLabel = "BDF", description = "The function to reset, e.g. 0000:03:00.0.")
    String bdf;

    @Option(names = "--confirm", required = true, paramLabel = "BDF,BDF,...",
            description = "The exact set of functions you accept to reset, comma-separated.")
    String confirm;

    @Option(names = "--dry-run", description = "Run every step but the final reset ioctl and print the kernel's list.")
    boolean dryRun;

    @Option(names = "--bind", description = "Bind the affected functions to vfio-pci first (journaled) and put the "
            + "original drivers back afterwards, whatever the outcome.")
    boolean bind;

    @Option(names = "--force-host-impact", description = "With --bind: bind even functions the host itself uses "
            + "(root filesystem, mounts, swap, default-route interface) or whose use cannot be seen (see 'bind --help').")
    boolean forceHostImpact;

    @Option(names = {"--function", "--flr"}, description = "Function reset (VFIO_DEVICE_RESET) of BDF alone, with the "
            + "first reset method the kernel has that works (not only FLR); --confirm BDF. --flr is an older name.")
    boolean function;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Option(names = "--progress", description = "Print each step on standard error as it starts and ends "
            + "(one JSON object a line with --json).")
    boolean progress;

    @Mixin
    HostWrites writes;

    private CommandAudit audit;
    private ResetRequest request;

    @Override
    public Integer call() {
        PciAddress target = Addresses.parse(bdf);
        List<PciAddress> confirmed = HostWrites.parseConfirmed(confirm);
        HostWrites.requireWritableHost(cli);
        Session s = cli.session();
        Topology t = s.topology();
        Addresses.existing(t, target.toString());
        for (PciAddress a : confirmed) {
            Addresses.existing(t, a.toString());
        }
        ResetRequest request = new ResetRequest(target, confirmed, function ? ResetKind.FUNCTION_RESET : ResetKind.HOT_RESET,
                dryRun, bind);
        boolean root = cli.access.root().getAsBoolean();
        ResetPlan plan = ResetPlanner.plan(request, t, HostStateReader.read(s.root(), t), root);
        audit = CommandAudit.of(cli, s.root());
        this.request = request;
        audit.beforeReset(request, plan.refused()); // before the first write or ioctl; refuses when it cannot record
        CliProgress tell = new CliProgress(cli.err, json, cli.progressHandOver());
        Optional<DriverBinder> binder = Optional.empty();
        BindReport bound = null;
        BindReport restored = null;
        if (bind && !plan.refused()) {
            binder = Optional.of(new DriverBinder(s.root(), cli.access.sysfs().apply(s.root()), writes.journal(s.root()),
                    Clock.systemUTC()));
            if (progress) {
                tell.phase("Binding " + plan.affected().size() + " function(s) to vfio-pci (journaled)");
            }
            // the same check as 'bind': never detach the host's own disk or network without an explicit override
            bound = binder.get().bindToVfio(plan.affected(), t, HostStateReader.read(s.root(), t), forceHostImpact);
            if (!bound.ok()) {
                return finish(null, bound, null);
            }
            t = new SysfsReader(s.root()).scan(); // the drivers moved: plan again against what is there now
            plan = ResetPlanner.plan(request.afterBinding(), t, HostStateReader.read(s.root(), t), root);
        }
        Topology scanned = t;
        ResetReport report;
        try {
            report = new HotResetExecutor(s.root(), cli.access.vfio(), () -> HolderScanner.read(s.root(), scanned))
                    .execute(plan, progress ? tell : ResetProgress.NONE);
        } finally {
            if (binder.isPresent()) {
                if (progress) {
                    tell.phase("Putting the original drivers back");
                }
                restored = binder.get().restore(boundByThisRun(bound));
            }
        }
        return finish(report, bound, restored);
    }

    private static List<PciAddress> boundByThisRun(BindReport bound) {
        List<PciAddress> out = new ArrayList<>();
        for (BindReport.FunctionResult f : bound.functions()) {
            if (f.action() == BindReport.Action.BOUND) {
                out.add(f.address());
            }
        }
        return out;
    }

    private BindDocument document(BindReport r) {
        return BindDocument.of(r, writes.journal(cli.session().root()).file().toString());
    }

    private int finish(ResetReport report, BindReport bound, BindReport restored) {
        audit.afterReset(request, report, bound, restored, Optional.empty());
        if (json) {
            cli.document(report == null ? ResetDocument.refusedAtBind(bdf, document(bound))
                    : ResetDocument.of(report, Optional.ofNullable(bound).map(this::document),
                            Optional.ofNullable(restored).map(this::document)));
        } else {
            if (bound != null) {
                cli.out.println("Bind to vfio-pci:");
                BindJson.text(cli.out, bound);
            }
            if (report != null) {
                ResetJson.text(cli.out, report);
            }
            if (restored != null) {
                cli.out.println("Restore original drivers:");
                BindJson.text(cli.out, restored);
            }
        }
        int code = report != null ? ResetJson.exitCode(report) : BindJson.exitCode(bound);
        if (restored != null && !restored.ok()) {
            code = Math.max(code, ExitCodes.IO);
        }
        return code;
    }
}
