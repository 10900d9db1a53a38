package org.vfioinspector.app.cli;

import java.time.Clock;
import java.util.concurrent.Callable;

import org.vfioinspector.app.report.BindDocument;
import org.vfioinspector.app.report.BindJson;
import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.bind.BindReport;
import org.vfioinspector.core.bind.DriverBinder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "restore", mixinStandardHelpOptions = true, description = "Put every function 'bind' moved to vfio-pci back on its original driver.")
final class RestoreCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Mixin
    HostWrites writes;

    @Override
    public Integer call() {
        cli.refuseHost("restore");
        HostWrites.requireWritableHost(cli);
        if (!cli.access.root().getAsBoolean()) {
            throw new CliException(ExitCodes.REFUSED, "restoring drivers needs root: run it with sudo");
        }
        Session s = cli.session();
        var journal = writes.journal(s.root());
        CommandAudit audit = CommandAudit.of(cli, s.root());
        audit.beforeRestore();
        BindReport r = new DriverBinder(s.root(), cli.access.sysfs().apply(s.root()), journal, Clock.systemUTC()).restore();
        audit.afterRestore(r);
        if (json) {
            cli.document(BindDocument.of(r, journal.file().toString()));
        } else {
            BindJson.text(cli.out, r);
        }
        return BindJson.exitCode(r);
    }
}
