package org.vfioinspector.app.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.vfioinspector.core.health.Verification;
import org.vfioinspector.core.host.HolderScanner;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.host.HostStateReader;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;
import org.vfioinspector.core.sysfs.SysfsReader;
import org.vfioinspector.core.sysfs.VfioInterfaces;
import org.vfioinspector.core.text.Counted;
import org.vfioinspector.core.vfio.HotResetExecutor;
import org.vfioinspector.core.vfio.ResetHooks;
import org.vfioinspector.core.vfio.PathChoice;
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
        "After the reset every function is checked: does its config space answer with the same ids, is it in D0,",
        "are its link and its port's link as fast and wide as before, did AER count new errors, are the drivers",
        "back after the restore, and (as root) what the kernel logged about it: \"Did it come back?\".",
        "Exit codes: 0 done (or dry run passed; a function may have come back degraded), 1 refused, 2 usage error,",
        "3 kernel or I/O error (or whether a function came back cannot be seen), 4 a function did not come back",
        "or its link stayed down."})
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

    @Option(names = "--cdev", description = "Go through the vfio device cdev and iommufd (Linux 6.6+): open /dev/iommu "
            + "and one /dev/vfio/devices/vfioN per IOMMU group of the set, bind them to that one iommufd, and reset with "
            + "no group fds (the kernel checks the iommufd owns every function). Without it the group path is used, or "
            + "the cdev path when /dev/vfio/vfio is missing and the cdev path is there; the report says which and why.")
    boolean cdev;

    @Option(names = "--progress", description = "Print each step on standard error as it starts and ends "
            + "(one JSON object a line with --json).")
    boolean progress;

    @Option(names = "--soak", paramLabel = "N", description = "Reset N times in a row, verifying each round; stop at "
            + "the first round that fails (not reset, or a function lost) unless --keep-going. Prints a summary table.")
    Integer soak;

    @Option(names = "--interval", paramLabel = "S", description = "With --soak: seconds to wait between rounds "
            + "(default: 0).")
    Double interval;

    @Option(names = "--keep-going", description = "With --soak: go on after a failed round.")
    boolean keepGoing;

    @Mixin
    HostWrites writes;

    /** The most rounds a soak may ask for: a typo of a few zeros should not reset a bus for a day. */
    static final int MAX_SOAK = 10_000;

    /**
     * One reset round, the unit a soak repeats: the bind and restore of {@code --bind} around the reset, what the
     * reset reported (with its verification, the drivers after the restore included) and how long it took.
     *
     * @param report   empty when a {@code --bind} was refused, so nothing was reset
     * @param bound    the {@code --bind} run's bind, when there was one
     * @param restored its restore, when there was one
     */
    record Round(int number, Optional<ResetReport> report, Optional<BindReport> bound, Optional<BindReport> restored,
                 long millis) {

        /** The run's verification verdict word ({@code came-back}, {@code lost}, …); empty when nothing was verified. */
        Optional<String> verdict() {
            return report.flatMap(ResetReport::verdict);
        }

        Optional<Verification> verification() {
            return report.flatMap(ResetReport::verification);
        }
    }

    /** The exit code of one round: 4 when a function was lost, else the reset's, worse when the restore failed. */
    static int exitCode(Round r) {
        int code = r.report().map(ResetJson::exitCode).orElseGet(() -> BindJson.exitCode(r.bound().orElseThrow()));
        if (r.restored().filter(x -> !x.ok()).isPresent() && code != ExitCodes.NOT_BACK) {
            code = Math.max(code, ExitCodes.IO);
        }
        return code;
    }

    /**
     * Where the audit hooks in, per round: {@link ResetHooks#beforeIoctl} runs just before the reset ioctl (a finding
     * refuses it), {@link ResetHooks#afterResult} once the round's result and verification are known.
     */
    ResetHooks hooks(int round) {
        return ResetHooks.NONE;
    }

    private PciAddress target;
    private List<PciAddress> confirmed;
    /** The path the last round went through, and why. */
    private PathChoice choice;
    private CliProgress tell;
    private CommandAudit audit;

    @Override
    public Integer call() {
        cli.refuseHost("reset");
        target = Addresses.parse(bdf);
        confirmed = HostWrites.parseConfirmed(confirm);
        if (soak != null && (soak < 1 || soak > MAX_SOAK)) {
            throw new CliException(ExitCodes.USAGE, "--soak takes a number of rounds from 1 to " + MAX_SOAK + ", not " + soak);
        }
        if (soak != null && dryRun) {
            throw new CliException(ExitCodes.USAGE, "--soak repeats real resets; it cannot be combined with --dry-run");
        }
        if (interval != null && (soak == null || !(interval >= 0) || interval > 86_400)) {
            throw new CliException(ExitCodes.USAGE, soak == null ? "--interval needs --soak"
                    : "--interval takes seconds from 0 to 86400, not " + interval);
        }
        if (keepGoing && soak == null) {
            throw new CliException(ExitCodes.USAGE, "--keep-going needs --soak");
        }
        HostWrites.requireWritableHost(cli);
        Topology t = cli.session().topology();
        Addresses.existing(t, target.toString());
        for (PciAddress a : confirmed) {
            Addresses.existing(t, a.toString());
        }
        tell = new CliProgress(cli.err, json, cli.progressHandOver());
        audit = CommandAudit.of(cli, cli.session().root());
        if (soak != null) {
            return new SoakRun(soak, interval == null ? 0 : interval, keepGoing, this).run();
        }
        Round r = once(1);
        print(r);
        return exitCode(r);
    }

    /** Runs one round on the host as it is now, and tells the hooks its result. */
    Round once(int number) {
        long start = System.nanoTime();
        Session s = cli.session();
        Topology t = number == 1 ? s.topology() : new SysfsReader(s.root()).scan();
        ResetRequest request = new ResetRequest(target, confirmed, function ? ResetKind.FUNCTION_RESET : ResetKind.HOT_RESET,
                dryRun, bind);
        boolean root = cli.access.root().getAsBoolean();
        ResetPlan plan = ResetPlanner.plan(request, t, HostStateReader.read(s.root(), t), root);
        choice = PathChoice.choose(cdev, VfioInterfaces.read(s.root(), t), target);
        audit.via(choice.path().json());
        if (!plan.refused()) { // before the first write or ioctl; refuses (throws) when it cannot record
            if (soak != null) {
                audit.beforeSoakRound(request, number);
            } else {
                audit.beforeReset(request, false);
            }
        }
        Optional<DriverBinder> binder = Optional.empty();
        BindReport bound = null;
        BindReport restored = null;
        Map<PciAddress, Optional<String>> original = new LinkedHashMap<>();
        if (bind && !plan.refused()) {
            binder = Optional.of(new DriverBinder(s.root(), cli.access.sysfs().apply(s.root()), writes.journal(s.root()),
                    Clock.systemUTC()));
            if (progress) {
                tell.phase("Binding " + Counted.of(plan.affected().size(), "function") + " to vfio-pci (journaled)");
            }
            for (PciAddress a : plan.affected()) {
                original.put(a, t.device(a).flatMap(PciDevice::driver));
            }
            // the same check as 'bind': never detach the host's own disk or network without an explicit override
            bound = binder.get().bindToVfio(plan.affected(), t, HostStateReader.read(s.root(), t), forceHostImpact);
            if (!bound.ok()) {
                audit.afterReset(request, null, bound, null, Optional.empty());
                return new Round(number, Optional.empty(), Optional.of(bound), Optional.empty(), millisSince(start));
            }
            t = new SysfsReader(s.root()).scan(); // the drivers moved: plan again against what is there now
            plan = ResetPlanner.plan(request.afterBinding(), t, HostStateReader.read(s.root(), t), root);
        }
        Topology scanned = t;
        ResetHooks hooks = hooks(number);
        ResetReport report;
        if (progress) {
            tell.phase("Through the " + choice.path().json() + " path: " + choice.reason());
        }
        try {
            report = new HotResetExecutor(s.root(), cli.access.vfio(), () -> HolderScanner.read(s.root(), scanned))
                    .withKernelLog(cli.access.kernelLog().apply(s.root())).withHooks(hooks).withPath(choice.path())
                    .execute(plan, progress ? tell : ResetProgress.NONE);
        } finally {
            if (binder.isPresent()) {
                if (progress) {
                    tell.phase("Putting the original drivers back");
                }
                restored = binder.get().restore(boundByThisRun(bound));
            }
        }
        if (restored != null && report.verification().isPresent()) {
            Map<PciAddress, Optional<String>> now = new LinkedHashMap<>();
            for (PciAddress a : original.keySet()) {
                now.put(a, HostRoot.linkName(s.root().resolve(SysfsNames.functionFile(a, SysfsNames.DRIVER))));
            }
            report = report.withVerification(report.verification().map(v -> v.withRestore(original, now)));
        }
        hooks.afterResult(report);
        if (soak != null) {
            audit.afterSoakRound(request, number, report, report.verdict());
        } else {
            audit.afterReset(request, report, bound, restored, report.verdict());
        }
        return new Round(number, Optional.of(report), Optional.ofNullable(bound), Optional.ofNullable(restored),
                millisSince(start));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
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

    /** The round's document for {@code --json}. */
    ResetDocument document(Round r) {
        return r.report().isEmpty() ? ResetDocument.refusedAtBind(bdf, document(r.bound().orElseThrow()))
                : ResetDocument.of(r.report().get(), r.bound().map(this::document), r.restored().map(this::document))
                        .withPath(choice.path().json(), choice.reason());
    }

    /** Prints one round as {@code reset} always has: the document, or the text. */
    void print(Round r) {
        if (json) {
            cli.document(document(r));
        } else {
            text(r);
        }
    }

    /** The round's text: bind, the reset report with its "Did it come back?" block, restore. */
    void text(Round r) {
        r.bound().ifPresent(b -> {
            cli.out.println("Bind to vfio-pci:");
            BindJson.text(cli.out, b);
        });
        r.report().ifPresent(x -> {
            cli.out.println("Path: " + choice.path().json() + " (" + choice.reason() + ")");
            ResetJson.text(cli.out, x);
        });
        r.restored().ifPresent(x -> {
            cli.out.println("Restore original drivers:");
            BindJson.text(cli.out, x);
        });
    }

    /** For a soak's progress: "Round 2 of 10" on standard error with {@code --progress}. */
    void phase(String text) {
        if (progress) {
            tell.phase(text);
        }
    }
}
