package org.vfioinspector.app.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.vfioinspector.app.Timing;
import org.vfioinspector.app.priv.HostAccess;
import org.vfioinspector.app.report.CliDocument;
import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.report.ProgressLine;
import org.vfioinspector.app.report.ToolVersion;
import org.vfioinspector.app.session.HostOpenException;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.core.remote.RemoteHost;
import org.vfioinspector.app.session.Session;

/**
 * {@code vfio-inspector [--root DIR|SNAPSHOT | --demo | --host [USER@]HOST[:PORT] [--sudo]] COMMAND [--json]}; no
 * command opens the GUI.
 */
@Command(name = "vfio-inspector",
        mixinStandardHelpOptions = true,
        versionProvider = Cli.Version.class,
        description = {"Shows PCI functions, IOMMU groups and the blast radius of a PCI hot reset.",
                "Without a command it opens the graphical inspector."})
public final class Cli implements Callable<Integer> {

    /**
     * The subcommands by name, in the order {@code --help} lists them. Added by {@link #commandLine(Cli, String[])}
     * rather than named in the annotation, so that a run of one command builds picocli's model of that one only
     * (reflection over every command's options costs a cold start more than the command's own work on a small
     * host). {@code DirectArgumentsTest} checks each name against its class's {@code @Command}.
     */
    static final class Commands {
        /**
         * In a class of its own, loaded only when picocli parses: naming {@code HelpCommand} loads picocli's
         * classes, which are Java 5 class files that no CDS archive can hold (each start would read them from
         * picocli's jar), and {@code tree}/{@code groups} run without picocli.
         */
        static final Map<String, Class<?>> ALL = commands();

        private Commands() {
        }
    }

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("tree", TreeCommand.class);
        m.put("groups", GroupsCommand.class);
        m.put("show", ShowCommand.class);
        m.put("blast", BlastCommand.class);
        m.put("snapshot", SnapshotCommand.class);
        m.put("diff", DiffCommand.class);
        m.put("check", CheckCommand.class);
        m.put("fleet", FleetCommand.class);
        m.put("reset", ResetCommand.class);
        m.put("bind", BindCommand.class);
        m.put("restore", RestoreCommand.class);
        m.put("history", HistoryCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(m);
    }

    @Option(names = "--root", paramLabel = "DIR|SNAPSHOT",
            description = "Read this directory (laid out like /) or snapshot archive instead of this host.")
    Path root;

    @Option(names = "--demo", description = "Use the bundled demo server topology.")
    boolean demo;

    @Option(names = "--host", paramLabel = "[USER@]HOST[:PORT]",
            description = {"Inspect this host over ssh instead of this one: the system's ssh with your own config, "
                    + "keys and known_hosts (BatchMode, no prompts), nothing installed there. "
                    + "VFIO_INSPECTOR_SSH names another ssh command (e.g. \"ssh -F ~/lab/ssh_config\")."})
    String host;

    @Option(names = "--sudo", description = "With --host, or for the remote sides of diff and fleet: capture through "
            + "'sudo -n' there (full config space and VFIO holders); without it what the remote user cannot read is unknown.")
    boolean sudo;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "With --host, or for the remote sides of diff and fleet: give up on a capture after this many "
                    + "seconds (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--progress", description = "With --host: print the bytes received on standard error.")
    boolean progress;

    @Spec
    CommandSpec spec;

    private Session session;
    HostAccess access = HostAccess.LIVE;
    PrintStream out;
    PrintStream err;
    /** Takes a command's {@code --json} document and progress lines instead of printing them; null prints. */
    private HandOver handOver;

    /** Where the in-process runner takes what a command would print as JSON: as records, never text. */
    record HandOver(Consumer<CliDocument> documents, Consumer<ProgressLine> progress) {
    }

    /** Runs the CLI; returns the exit code. Never lets an exception reach the user as a stack trace. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Optional<GuiArguments> gui = GuiArguments.of(args);
        if (gui.isPresent()) {
            // opening the window: skip building picocli's model of every command (≈ 0.15 s of a cold start)
            return GuiLauncher.launch(gui.get().demo(), gui.get().root(), err);
        }
        Optional<DirectArguments> direct = DirectArguments.of(args);
        if (direct.isPresent()) {
            return runDirect(direct.get(), out, err);
        }
        return run(args, out, err, HostAccess.LIVE);
    }

    /** A read-only command without picocli (see {@link DirectArguments}): the same command, run alike. */
    private static int runDirect(DirectArguments a, PrintStream out, PrintStream err) {
        Cli cli = new Cli();
        cli.out = out;
        cli.err = err;
        cli.demo = a.demo();
        cli.root = a.root();
        cli.timeout = 60; // picocli's default value
        Callable<Integer> command = switch (a.command()) {
            case "tree" -> {
                TreeCommand tree = new TreeCommand();
                tree.cli = cli;
                tree.json = a.json();
                yield tree;
            }
            case "groups" -> {
                GroupsCommand groups = new GroupsCommand();
                groups.cli = cli;
                groups.json = a.json();
                groups.explain = a.explain();
                yield groups;
            }
            case "show" -> {
                ShowCommand show = new ShowCommand();
                show.cli = cli;
                show.bdf = a.bdf();
                show.json = a.json();
                yield show;
            }
            default -> {
                BlastCommand blast = new BlastCommand();
                blast.cli = cli;
                blast.bdf = a.bdf();
                blast.json = a.json();
                blast.cdev = a.cdev();
                blast.reset = a.reset();
                yield blast;
            }
        };
        try {
            Timing.mark("cli: arguments parsed");
            return command.call();
        } catch (Exception ex) {
            return failed(ex, err);
        } finally {
            cli.close();
        }
    }

    /** A command's exception as one line on standard error, and its exit code. */
    private static int failed(Exception ex, PrintStream err) {
        if (ex instanceof CliException ce) {
            err.println("vfio-inspector: " + ce.getMessage());
            return ce.exitCode();
        }
        err.println("vfio-inspector: internal error: " + ex);
        if (System.getenv("VFIO_INSPECTOR_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        return ExitCodes.IO;
    }

    /** Runs a command that acts through {@code access} (tests: simulated VFIO and sysfs on a fixture tree). */
    public static int run(String[] args, PrintStream out, PrintStream err, HostAccess access) {
        return run(args, out, err, access, null);
    }

    /** As above, handing a privileged command's {@code --json} document and progress lines over instead of printing. */
    static int run(String[] args, PrintStream out, PrintStream err, HostAccess access, HandOver handOver) {
        Cli cli = new Cli();
        cli.access = access;
        cli.handOver = handOver;
        cli.out = out;
        cli.err = err;
        CommandLine cmd = commandLine(cli, args);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setParameterExceptionHandler((ex, a) -> {
            err.println("vfio-inspector: " + ex.getMessage());
            err.println("Try 'vfio-inspector --help'.");
            return ExitCodes.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, c, parseResult) -> failed(ex, err));
        try {
            return cmd.execute(args);
        } finally {
            cli.close();
        }
    }

    /**
     * The command line as the program parses it, every command included: for the manual page, the shell completion
     * and the lab, which asks it which commands exist ({@code new CommandLine(new Cli())} has none: they are added
     * here, see {@link Commands#ALL}).
     */
    public static CommandLine commandLine() {
        return commandLine(new Cli(), null);
    }

    /** With every subcommand, or, when {@code args} name exactly one (see {@link #onlyCommand}), with that one. */
    private static CommandLine commandLine(Cli cli, String[] args) {
        CommandLine cmd = new CommandLine(cli);
        String only = args == null ? null : onlyCommand(args);
        Commands.ALL.forEach((name, type) -> {
            if (only == null || only.equals(name)) {
                cmd.addSubcommand(name, type);
            }
        });
        everyCommandTakesHelpAndVersion(cmd);
        return cmd;
    }

    /**
     * The command a command line runs when no other part of it could name another or ask for the whole list:
     * exactly one word is a command's name, and none asks for help or the version (their text lists every
     * command). Null otherwise: then every command is built, and picocli parses and words errors as always.
     */
    static String onlyCommand(String[] args) {
        String found = null;
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return null;
            }
            if (Commands.ALL.containsKey(a)) {
                if (found != null) {
                    return null;
                }
                found = a;
            }
        }
        return found;
    }

    /**
     * {@code --help} and {@code --version} on every subcommand, as on the top level ({@code tree --help}
     * is what users type first). Done here, not per annotation, so a new command cannot miss them.
     */
    static void everyCommandTakesHelpAndVersion(CommandLine cmd) {
        for (CommandLine sub : cmd.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.userObject() instanceof CommandLine.HelpCommand) {
                continue;
            }
            if (!spec.mixinStandardHelpOptions()) {
                spec.mixinStandardHelpOptions(true);
            }
            spec.versionProvider(Version.provider());
        }
    }

    /** A command's {@code --json} document: printed, or handed over as it is. */
    void document(CliDocument d) {
        if (handOver != null) {
            handOver.documents().accept(d);
        } else {
            Json.print(out, d.json());
        }
    }

    /** Where {@code --progress --json} lines go instead of standard error, if anywhere. */
    Optional<Consumer<ProgressLine>> progressHandOver() {
        return Optional.ofNullable(handOver).map(HandOver::progress);
    }

    /** The host being inspected, opened on first use. */
    Session session() {
        if (session == null && host != null) {
            session = remoteSession();
        }
        if (session == null) {
            checkSource();
            Session.Source source = demo ? Session.Source.DEMO : root == null ? Session.Source.LIVE : Session.Source.PATH;
            try {
                session = Session.open(source, root);
            } catch (HostOpenException e) {
                // a path that is not a host root is a usage error, a host that cannot be read an I/O error
                int code = e.problem() == HostOpenException.Problem.NOT_A_HOST_ROOT ? ExitCodes.USAGE : ExitCodes.IO;
                throw new CliException(code, e.getMessage());
            }
        }
        return session;
    }

    /** --host with --root or --demo, or --sudo, --timeout, --progress without --host: a usage error. */
    private void checkSource() {
        if (demo && root != null) {
            throw new CliException(ExitCodes.USAGE, "--demo and --root cannot be used together");
        }
        if (host != null && (demo || root != null)) {
            throw new CliException(ExitCodes.USAGE, "--host cannot be used with --root or --demo");
        }
        if (host == null && (sudo || progress || timeout != 60)) {
            throw new CliException(ExitCodes.USAGE, "--sudo, --timeout and --progress go with --host (or with diff's and "
                    + "fleet's remote sides)");
        }
        if (timeout <= 0) {
            throw new CliException(ExitCodes.USAGE, "--timeout must be a positive number of seconds");
        }
    }

    /** The host named by --host, parsed strictly. */
    RemoteHost remoteHost() {
        try {
            return RemoteHost.parse(host);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--host: " + e.getMessage());
        }
    }

    private Session remoteSession() {
        checkSource();
        RemoteHost h = remoteHost();
        HostSource source;
        try {
            source = HostSource.remote(h, sudo, java.time.Duration.ofSeconds(timeout));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        java.util.function.LongConsumer shown = progress
                ? bytes -> err.println("vfio-inspector: received " + (bytes + 1023) / 1024 + " KiB from " + h)
                : bytes -> { };
        try {
            return Session.open(source, shown);
        } catch (HostOpenException e) {
            throw new CliException(ExitCodes.IO, e.getMessage());
        }
    }

    /**
     * Refuses {@code --host} for a command that acts on a host ({@code reset}, {@code bind}, {@code restore}) or
     * reads this machine's own records ({@code history}): those run on that host itself.
     */
    void refuseHost(String command) {
        if (host != null) {
            throw new CliException(ExitCodes.USAGE, "'" + command + "' does not work with --host: run "
                    + "'vfio-inspector " + command + " ...' on " + host + " itself (e.g. ssh " + host
                    + ", then sudo vfio-inspector " + command + " ...)");
        }
    }

    private void close() {
        if (session != null) {
            session.close();
        }
    }

    @Override
    public Integer call() {
        checkSource();
        if (host != null) {
            // the window captures the host while it starts; a failure shows there as one line
            HostSource source;
            try {
                source = HostSource.remote(remoteHost(), sudo, java.time.Duration.ofSeconds(timeout));
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, e.getMessage()); // e.g. an unterminated quote in VFIO_INSPECTOR_SSH
            }
            return GuiLauncher.launch(source, err);
        }
        return GuiLauncher.launch(demo, root, err);
    }

    static final class Version implements CommandLine.IVersionProvider {
        /**
         * Typed as the interface here, not where it is used: otherwise verifying {@code Cli} loads picocli's
         * interface (from its jar, see {@link Commands}) on every start, the picocli-free ones included.
         */
        static CommandLine.IVersionProvider provider() {
            return new Version();
        }

        @Override
        public String[] getVersion() {
            return new String[] {"vfio-inspector " + ToolVersion.VERSION};
        }
    }
}
