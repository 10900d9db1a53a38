package org.vfioinspector.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.GroupsDocument;
import org.vfioinspector.app.report.GroupsText;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.host.HolderScan;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.GroupExplainer;
import org.vfioinspector.core.reset.GroupExplanation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "groups", description = "IOMMU groups with their members, drivers and the processes holding them.")
final class GroupsCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Option(names = "--explain", description = "Say why functions share a group (ACS, multifunction, PCI bridges).")
    boolean explain;

    @Override
    public Integer call() {
        Session s = cli.session();
        // the explanations need every function's config space; the plain listing only what it prints
        Topology t = explain || json ? s.topology() : s.listing(true);
        HolderScan holders = s.holders(t);
        Map<Integer, GroupExplanation> why = new LinkedHashMap<>();
        if (explain || json) {
            for (GroupExplanation e : GroupExplainer.explainAll(t)) {
                why.put(e.group(), e);
            }
        }
        if (json) {
            Json.print(cli.out, GroupsDocument.of(t, holders, why));
        } else {
            cli.out.print(GroupsText.render(t, s.names(), holders, why, explain));
        }
        return ExitCodes.OK;
    }
}
