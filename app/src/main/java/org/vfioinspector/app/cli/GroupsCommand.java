package org.vfioinspector.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "groups", description = "IOMMU groups with their members and drivers.")
final class GroupsCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() {
        Session s = cli.session();
        Topology t = s.topology();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("iommuEnabled", t.host().iommuEnabled());
            out.put("groups", TopologyJson.groups(t));
            Json.print(cli.out, out);
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
                        .orElse(a + "  (listed by the group, but not found under sys/bus/pci/devices)");
                cli.out.println("  " + line);
            }
        }
        return ExitCodes.OK;
    }

    static String driverOf(PciDevice d) {
        return d.driver().orElse("no driver");
    }
}
