package org.vfioinspector.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.GroupsDocument;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.host.Holder;
import org.vfioinspector.core.host.HolderScan;
import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.Names;
import org.vfioinspector.core.reset.GroupExplainer;
import org.vfioinspector.core.reset.GroupExplanation;
import org.vfioinspector.core.sysfs.SysfsNames;

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
        Topology t = s.topology();
        HolderScan holders = s.hostState().holders();
        Map<Integer, GroupExplanation> why = new LinkedHashMap<>();
        if (explain || json) {
            for (GroupExplanation e : GroupExplainer.explainAll(t)) {
                why.put(e.group(), e);
            }
        }
        if (json) {
            Json.print(cli.out, GroupsDocument.of(t, holders, why));
            return ExitCodes.OK;
        }
        if (!t.host().iommuEnabled()) {
            t.host().iommuAdvice().forEach(cli.out::println);
            return ExitCodes.OK;
        }
        for (IommuGroup g : t.groups()) {
            cli.out.println("IOMMU group " + g.id() + g.type().map(x -> " (" + x + ")").orElse(""));
            for (PciAddress a : g.devices()) {
                String line = t.device(a)
                        .map(d -> a + "  " + Names.describe(d, s.names()) + "  [" + d.driver().orElse("no driver") + "]")
                        .orElse(a + "  (listed by the group, but not found under " + SysfsNames.BUS_DEVICES + ")");
                cli.out.println("  " + line);
            }
            for (Holder h : holders.holdersOfGroup(g.id())) {
                cli.out.println("  held by " + h.describe() + ": " + h.cmdline());
            }
            if (explain && why.containsKey(g.id())) {
                GroupExplanation e = why.get(g.id());
                e.reasons().forEach(r -> cli.out.println("  why: " + r.message()));
                if (!e.fullyExplained()) {
                    cli.out.println("  why: unexplained for " + e.unexplained()
                            + " — the ACS and topology rules do not account for it (firmware or kernel quirks may).");
                }
            }
        }
        if (!holders.complete()) {
            cli.out.println();
            cli.out.println("Holders: unknown (needs root) for processes whose open files could not be read.");
        }
        return ExitCodes.OK;
    }
}
