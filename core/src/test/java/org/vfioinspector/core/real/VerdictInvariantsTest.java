package org.vfioinspector.core.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.host.HostStateReader;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.BlastRadius;
import org.vfioinspector.core.reset.BlastRadiusAnalyzer;
import org.vfioinspector.core.reset.GroupViability;
import org.vfioinspector.core.reset.Verdict;
import org.vfioinspector.core.snapshot.SnapshotReader;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;
import org.vfioinspector.core.vfio.ResetKind;

/**
 * Every function of every real captured tree through the whole analyzer: whatever the tree, a verdict
 * is never ready while a blocker or an unknown exists, the headline is the recommended kind's, and the
 * group viability covers every group either kind opens.
 */
class VerdictInvariantsTest {

    @TempDir
    Path dir;

    @Test
    void verdictsKeepTheirInvariantsOnEveryRealTree() throws Exception {
        // the raw capture has no process table: its holders are unknown, so nothing there may be READY
        Path raw = RealFixtures.qemuQ35(dir.resolve("raw"), false);
        Topology rawTopology = new SysfsReader(HostRoot.of(raw)).scan();
        BlastRadiusAnalyzer rawAnalyzer = new BlastRadiusAnalyzer(rawTopology,
                HostStateReader.read(HostRoot.of(raw), rawTopology));
        assertThat(rawTopology.devices()).as("a capture without processes has no READY verdict")
                .noneMatch(d -> rawAnalyzer.analyze(d.address()).verdict() == Verdict.READY);
        // the same guest with its process table as root saw it: busybox init, holding nothing of VFIO (the lab
        // guest runs nothing else while idle)
        Path q35 = RealFixtures.qemuQ35(dir, false);
        Files.createDirectories(q35.resolve("proc/1/fd"));
        Files.writeString(q35.resolve("proc/1/comm"), "init\n");
        List<HostRoot> roots = new ArrayList<>(List.of(HostRoot.of(q35),
                HostRoot.of(RealFixtures.qemuQ35(dir, true)), HostRoot.of(RealFixtures.hwlocServer(dir)),
                HostRoot.of(RealFixtures.thinkpad(dir))));
        HostRoot lab = SnapshotReader.open(Path.of(getClass().getResource("/fixtures/lab/lab-guest-snapshot.tar.gz")
                .toURI()));
        roots.add(lab);
        SoftAssertions soft = new SoftAssertions();
        int functions = 0;
        int ready = 0;
        try {
            for (HostRoot root : roots) {
                Topology t = new SysfsReader(root).scan();
                BlastRadiusAnalyzer an = new BlastRadiusAnalyzer(t, HostStateReader.read(root, t));
                for (PciDevice d : t.devices()) {
                    BlastRadius b = an.analyze(d.address());
                    check(soft, b, d);
                    functions++;
                    ready += b.verdict() == Verdict.READY ? 1 : 0;
                }
            }
        } finally {
            lab.close();
        }
        soft.assertAll();
        assertThat(functions).isGreaterThan(100);
        assertThat(ready).as("the lab's vfio-bound functions are ready for some reset").isPositive();
    }

    private static void check(SoftAssertions soft, BlastRadius b, PciDevice d) {
        String at = d.address().toString();
        for (ResetKind kind : ResetKind.values()) {
            boolean clean = kind == ResetKind.HOT_RESET ? b.blockers().isEmpty() && b.unknowns().isEmpty()
                    : b.functionReset().blockers().isEmpty() && b.functionReset().unknowns().isEmpty();
            soft.assertThat(b.verdict(kind) == Verdict.READY).as(at + " " + kind + " ready iff clean").isEqualTo(clean);
        }
        Optional<ResetKind> rec = b.recommended();
        if (rec.isPresent()) {
            soft.assertThat(b.verdict()).as(at + " headline = recommended kind's").isEqualTo(b.verdict(rec.get()));
        } else {
            soft.assertThat(b.verdict()).as(at + " nothing possible").isNotEqualTo(Verdict.READY);
        }
        if (rec.equals(Optional.of(ResetKind.FUNCTION_RESET))) {
            soft.assertThat(b.functionReset().possible()).as(at).contains(true);
        }
        if (b.functionReset().possible().isEmpty()) {
            soft.assertThat(b.functionReset().verdict()).as(at + " unknown methods").isNotEqualTo(Verdict.READY);
        }
        TreeSet<Integer> touched = new TreeSet<>(b.hotReset().groups());
        d.iommuGroup().ifPresent(touched::add);
        soft.assertThat(b.groupViability()).extracting(GroupViability::group).as(at + " groups")
                .containsExactlyElementsOf(touched);
        for (GroupViability g : b.groupViability()) {
            if (!g.viable().orElse(true)) {
                soft.assertThat(b.verdict(ResetKind.HOT_RESET)).as(at + " hot reset opens non-viable group " + g.group())
                        .isEqualTo(b.hotReset().groups().contains(g.group()) ? Verdict.BLOCKED : b.hotResetVerdict());
            }
        }
        soft.assertThat(b.recommendation()).as(at).isNotBlank();
    }
}
