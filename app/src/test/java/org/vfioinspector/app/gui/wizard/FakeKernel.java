package org.vfioinspector.app.gui.wizard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.vfioinspector.app.priv.CannedReports;
import org.vfioinspector.app.priv.CliInvocation;
import org.vfioinspector.app.priv.RecordingRunner;
import org.vfioinspector.app.priv.RunResult;
import org.vfioinspector.core.model.PciAddress;

/**
 * Answers the recording runner like the CLI on a fixture host would: {@code --bind} and {@code bind}
 * move the fixture's driver links to vfio-pci, {@code restore} moves them back, and the kernel's list is
 * the confirmed set unless a test says otherwise.
 */
final class FakeKernel implements Function<CliInvocation, RunResult> {

    private final Path root;
    private final Map<PciAddress, String> originals = new TreeMap<>();
    /** What the kernel lists; null = exactly the confirmed set. */
    List<String> kernelList;
    /** The real reset fails with EBUSY. */
    boolean failReset;
    /** The CLI's own restore after a failed {@code --bind} run does not put the drivers back. */
    boolean losesRestore;

    FakeKernel(Path root) {
        this.root = root;
    }

    @Override
    public RunResult apply(CliInvocation inv) {
        List<String> a = inv.arguments();
        return switch (inv.verb()) {
            case RESET -> reset(inv, a);
            case BIND -> {
                List<String[]> fns = new ArrayList<>();
                for (String s : a.subList(a.indexOf("bind") + 1, a.indexOf("--vfio"))) {
                    fns.add(move(PciAddress.parse(s)));
                }
                yield RecordingRunner.report(inv, 0, CannedReports.json(CannedReports.bind("bind", "done",
                        fns.size() + " function(s) on vfio-pci.", fns)));
            }
            case RESTORE -> {
                List<String[]> fns = restoreAll();
                yield RecordingRunner.report(inv, 0, CannedReports.json(CannedReports.bind("restore", "done",
                        fns.size() + " function(s) back on their original drivers.", fns)));
            }
        };
    }

    private RunResult reset(CliInvocation inv, List<String> a) {
        String target = a.get(a.indexOf("reset") + 1);
        List<String> confirmed = Arrays.asList(a.get(a.indexOf("--confirm") + 1).split(","));
        boolean dry = a.contains("--dry-run");
        boolean bind = a.contains("--bind");
        List<String[]> bound = new ArrayList<>();
        if (bind) {
            for (String c : confirmed) {
                if (!WizardFixtures.driver(root, PciAddress.parse(c)).orElse("").equals("vfio-pci")) {
                    bound.add(move(PciAddress.parse(c)));
                }
            }
        }
        // a function reset asks the kernel for no list
        List<String> kernel = a.contains("--function") ? List.of() : kernelList != null ? kernelList : confirmed;
        boolean differs = !a.contains("--function") && !kernel.stream().sorted().toList().equals(confirmed.stream().sorted().toList());
        String outcome = differs ? "refused" : dry ? "dry-run" : failReset ? "failed" : "reset";
        Map<String, Object> m = CannedReports.reset(target, outcome, dry, confirmed, kernel, 7,
                differs ? "The kernel would reset " + kernel + ". Nothing was reset."
                        : dry ? "Dry run passed. Nothing was reset."
                        : failReset ? "VFIO_DEVICE_PCI_HOT_RESET failed: the device is busy."
                        : "Hot reset of " + target + " done.");
        if (failReset && !dry && !differs) {
            CannedReports.withError(m, "VFIO_DEVICE_PCI_HOT_RESET", 16, "EBUSY",
                    "Another reset of this bus is in progress; try again in a moment.");
        }
        if (bind) {
            m.put("bind", CannedReports.bind("bind", "done", "bound", bound));
            boolean lose = losesRestore && !dry && failReset;
            List<String[]> back = lose ? List.of() : restoreAll();
            m.put("restore", CannedReports.bind("restore", lose ? "incomplete" : "done", lose
                    ? "Some functions could not be restored." : "back", back));
        }
        int exit = outcome.equals("refused") ? 1 : outcome.equals("failed") ? 3 : 0;
        return RecordingRunner.report(inv, exit, CannedReports.json(m));
    }

    /** What a bind does to one function, journaled in this fake so a later restore puts it back. */
    String[] move(PciAddress p) {
        String before = WizardFixtures.driver(root, p).orElse(null);
        originals.putIfAbsent(p, before);
        WizardFixtures.relink(root, p, "vfio-pci");
        return new String[] {p.toString(), before, "vfio-pci", "bound"};
    }

    private List<String[]> restoreAll() {
        List<String[]> out = new ArrayList<>();
        originals.forEach((p, d) -> {
            WizardFixtures.relink(root, p, d);
            out.add(new String[] {p.toString(), d, d, "restored"});
        });
        originals.clear();
        return out;
    }
}
