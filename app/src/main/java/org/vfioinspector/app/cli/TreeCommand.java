package org.vfioinspector.app.cli;

import java.util.concurrent.Callable;

import org.vfioinspector.app.Timing;
import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.report.TreeDocument;
import org.vfioinspector.app.report.TreeText;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "tree", description = "PCI functions as a tree (like lspci -tv), with IOMMU groups and drivers.")
final class TreeCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() {
        Session s = cli.session();
        if (json) {
            Topology t = s.topology();
            Json.print(cli.out, TreeDocument.of(t, s.names(), s.health()));
        } else {
            Topology t = s.listing(false); // the text prints only IDs, drivers, groups and the nesting
            Timing.mark("tree: host read");
            PciIds names = s.names();
            Timing.mark("tree: pci.ids read");
            String text = TreeText.render(t, names);
            Timing.mark("tree: rendered");
            cli.out.print(text);
            if (!t.host().iommuEnabled() && !t.isEmpty()) {
                t.host().iommuAdvice().forEach(cli.out::println);
            }
        }
        Timing.mark("tree: printed");
        return ExitCodes.OK;
    }
}
