package org.vfioinspector.app.gui.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.vfioinspector.app.gui.wizard.WizardFixtures.SIBLING;
import static org.vfioinspector.app.gui.wizard.WizardFixtures.TARGET;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.app.gui.wizard.ResetWizardModel.CheckState;
import org.vfioinspector.app.gui.wizard.ResetWizardModel.RunState;
import org.vfioinspector.app.priv.CliInvocation;
import org.vfioinspector.app.priv.Launcher;
import org.vfioinspector.app.priv.ManualRunner;
import org.vfioinspector.app.priv.RecordingRunner;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.app.priv.RunResult;
import org.vfioinspector.app.report.KindVerdict;
import org.vfioinspector.core.audit.AuditRecord;
import org.vfioinspector.core.bind.BindJournal;
import org.vfioinspector.core.bind.JournalEntry;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.vfio.ResetKind;

/** The presentation model on fixture hosts, one thread, no JavaFX toolkit, a recording runner. */
class ResetWizardModelTest {

    @TempDir
    Path dir;
    @TempDir
    Path state;

    private FakeKernel kernel;
    private RecordingRunner runner;

    private ResetWizardModel model() {
        kernel = new FakeKernel(dir);
        runner = new RecordingRunner(kernel);
        return new ResetWizardModel(WizardFixtures.view(dir, state.resolve("journal")), TARGET,
                WizardFixtures.env(runner, dir, state));
    }

    /** Ticks every warning and lets the tool bind: what a user does in steps 2 and 3. */
    private static void acceptEverything(ResetWizardModel m) {
        m.acknowledgementsProperty().forEach(a -> a.tickedProperty().set(true));
        m.letToolBindProperty().set(true);
    }

    @Test
    void recommendsFlrWhenTheFunctionHasIt() {
        WizardFixtures.withFlr(dir);
        ResetWizardModel m = model();

        assertThat(m.recommended()).contains(ResetKind.FUNCTION_RESET);
        assertThat(m.method()).isEqualTo(ResetKind.FUNCTION_RESET);
        assertThat(m.recommendationReason()).contains("Use FLR", "least invasive");
        assertThat(m.affectedAddresses()).containsExactly(TARGET);
        assertThat(m.resetMethods()).extracting(r -> r.method()).containsExactly("flr", "bus");
    }

    @Test
    void recommendsAHotResetWithoutAFunctionResetAndSaysWhyItIsNotOffered() {
        WizardFixtures.nicPair(dir);
        ResetWizardModel m = model();

        assertThat(m.recommended()).contains(ResetKind.HOT_RESET);
        assertThat(m.option(ResetKind.FUNCTION_RESET).available()).isFalse();
        assertThat(m.option(ResetKind.FUNCTION_RESET).detail()).startsWith("Not").contains("reset_method");
        assertThat(m.recommendationReason()).contains("2 affected");
        assertThat(m.affectedAddresses()).containsExactly(TARGET, SIBLING);
        assertThat(m.targetReadyProperty().get()).isTrue();
    }

    @Test
    void aFunctionResetWithPmAloneReachesOnlyTheTargetAndIsNotRecommendedWhileItsGroupBlocksIt() {
        SysfsFixture fx = WizardFixtures.nicPair(dir);
        fx.device(TARGET.toString()).resetMethods("pm");
        fx.write();
        ResetWizardModel m = model();

        // the least invasive kind, but blocked (the sibling keeps the group on e1000e): never "(recommended)"
        assertThat(m.leastInvasive()).contains(ResetKind.FUNCTION_RESET);
        assertThat(m.recommended()).isEmpty();
        assertThat(m.verdict(ResetKind.FUNCTION_RESET).state()).isEqualTo(KindVerdict.State.BLOCKED);
        assertThat(m.method()).isEqualTo(ResetKind.FUNCTION_RESET);
        assertThat(m.option(ResetKind.FUNCTION_RESET).available()).isTrue();
        assertThat(m.option(ResetKind.FUNCTION_RESET).detail()).contains("power-management reset");
        assertThat(m.scopeSentence()).contains("reaches only " + TARGET, "'pm'");
        assertThat(m.affectedAddresses()).containsExactly(TARGET);
        // the sibling on e1000e shares group 7: VFIO cannot use the group while it stays on its driver
        assertThat(m.blockersProperty()).extracting(f -> f.code()).containsExactly("GROUP_NOT_VIABLE");
    }

    @Test
    void aHeldGroupIsABlockerThatKeepsStepTwoClosedAndSaysWhatToDo() {
        WizardFixtures.heldGroup(dir);
        ResetWizardModel m = model();
        acceptEverything(m);

        assertThat(m.blockersProperty()).extracting(f -> f.code()).contains("GROUP_HELD");
        assertThat(m.blockersProperty().get(0).message()).contains("qemu", "Stop it");
        assertThat(m.targetReadyProperty().get()).isTrue();
        assertThat(m.blastReadyProperty().get()).isFalse();
    }

    @Test
    void everyWarningNeedsItsOwnTick() {
        WizardFixtures.nicPair(dir);
        ResetWizardModel m = model();
        List<Acknowledgement> acks = m.acknowledgementsProperty();
        assertThat(acks).extracting(a -> a.warning().code()).contains("NIC_UP");
        assertThat(m.blockersProperty()).isEmpty();

        for (int i = 0; i < acks.size(); i++) {
            assertThat(m.blastReadyProperty().get()).as("after %d of %d ticks", i, acks.size()).isFalse();
            acks.get(i).tickedProperty().set(true);
        }
        assertThat(m.blastReadyProperty().get()).isTrue();

        acks.get(0).tickedProperty().set(false);
        assertThat(m.blastReadyProperty().get()).isFalse();
    }

    @Test
    void functionsOnHostDriversAreListedExactlyAndMustBeBoundBeforeStepThreeOpens() {
        WizardFixtures.nicPair(dir);
        ResetWizardModel m = model();
        m.acknowledgementsProperty().forEach(a -> a.tickedProperty().set(true));

        assertThat(m.toBindProperty()).extracting(AffectedRow::address).containsExactly(TARGET, SIBLING);
        assertThat(m.toBindProperty()).extracting(AffectedRow::driver).containsExactly("e1000e", "e1000e");
        assertThat(m.prepareReadyProperty().get()).isFalse();
        assertThat(m.prepareProblemProperty().get()).contains("bind them yourself");
        assertThat(m.bindCommand()).contains("bind 0000:01:00.0 0000:01:00.1 --vfio --json --state-dir");
        assertThat(m.restoreAfterwardsProperty().get()).as("restore afterwards defaults to yes").isTrue();

        m.letToolBindProperty().set(true);
        assertThat(m.prepareReadyProperty().get()).isTrue();
        assertThat(m.prepareProblemProperty().get()).isEmpty();
    }

    @Test
    void bindingTheDefaultRouteNicNeedsItsOwnAcknowledgementAndOnlyThenTheOverride() {
        WizardFixtures.nicPairCarryingTheDefaultRoute(dir);
        ResetWizardModel m = model();
        acceptEverything(m);

        assertThat(m.hostRisksProperty()).extracting(f -> f.code() + " " + f.device().orElseThrow())
                .containsExactly("DEFAULT_ROUTE 0000:01:00.0");
        assertThat(m.prepareReadyProperty().get()).isFalse();
        assertThat(m.prepareProblemProperty().get()).contains("DEFAULT_ROUTE 0000:01:00.0", "tick the box");
        assertThat(m.bindCommand()).as("no bind is suggested that would cut the host's network").isEmpty();

        m.acceptHostImpactProperty().set(true);
        assertThat(m.prepareReadyProperty().get()).isTrue();
        assertThat(m.bindCommand()).contains("--vfio --force-host-impact");
        m.runKernelCheck();
        assertThat(runner.arguments()).singleElement().asList().contains("--bind", "--force-host-impact");
    }

    @Test
    void withoutAHostRiskTheOverrideIsNeverPassed() {
        WizardFixtures.nicPair(dir);
        ResetWizardModel m = model();
        acceptEverything(m);

        assertThat(m.hostRisksProperty()).isEmpty();
        m.runKernelCheck();
        assertThat(runner.arguments()).singleElement().asList().doesNotContain("--force-host-impact");
    }

    @Test
    void theKernelCheckIsADryRunWithBindThroughTheRunnerAndPassesWhenTheListsAgree() {
        WizardFixtures.nicPair(dir);
        ResetWizardModel m = model();
        acceptEverything(m);

        m.runKernelCheck();

        assertThat(runner.arguments()).containsExactly(List.of("--root", dir.toAbsolutePath().toString(), "reset",
                "0000:01:00.0", "--confirm", "0000:01:00.0,0000:01:00.1", "--dry-run", "--bind", "--progress", "--json",
                "--state-dir", state.resolve("journal").toString()));
        assertThat(m.checkStateProperty().get()).isEqualTo(CheckState.PASSED);
        assertThat(m.kernelSet()).containsExactly(TARGET, SIBLING);
        assertThat(m.checkReadyProperty().get()).isTrue();
        assertThat(WizardFixtures.driver(dir, TARGET)).as("the dry run's bind was undone").contains("e1000e");
    }

    @Test
    void aKernelListThatDiffersStopsTheWizardWithBothLists() {
        WizardFixtures.nicPair(dir);
        ResetWizardModel m = model();
        acceptEverything(m);
        // a third function appears on the bus after the prediction: the kernel lists it, by its rule
        kernel.hotAddsBeforeTheKernelList(PciAddress.parse("0000:01:00.2"), 7);

        m.runKernelCheck();

        assertThat(m.checkStateProperty().get()).isEqualTo(CheckState.DIFFERS);
        assertThat(m.stoppedProperty().get()).isTrue();
        assertThat(m.checkReadyProperty().get()).isFalse();
        assertThat(m.differencesProperty()).anyMatch(d -> d.contains("0000:01:00.2"));
        assertThat(m.affectedAddresses()).containsExactly(TARGET, SIBLING);
        assertThat(m.kernelSet()).hasSize(3);

        m.typedAddressProperty().set(TARGET.toString());
        m.execute();
        assertThat(m.runStateProperty().get()).isEqualTo(RunState.NOT_STARTED);
        assertThat(runner.calls()).hasSize(1);
    }

    /** What {@code reset --progress --json} prints for a hot reset of one group, as far as {@code upTo}. */
    static List<String> protocolLines(String target, int group, String upTo) {
        String[][] calls = {{"open_container", "open /dev/vfio/vfio", "/dev/vfio/vfio"},
            {"api_version", "VFIO_GET_API_VERSION", "/dev/vfio/vfio"},
            {"check_extension", "VFIO_CHECK_EXTENSION", "/dev/vfio/vfio"},
            {"open_group", "open /dev/vfio/N", "/dev/vfio/" + group},
            {"get_status", "VFIO_GROUP_GET_STATUS", "/dev/vfio/" + group},
            {"set_container", "VFIO_GROUP_SET_CONTAINER", "/dev/vfio/" + group},
            {"set_iommu", "VFIO_SET_IOMMU", "/dev/vfio/vfio"},
            {"get_device_fd", "VFIO_GROUP_GET_DEVICE_FD", target},
            {"get_info", "VFIO_DEVICE_GET_INFO", target},
            {"get_hot_reset_info", "VFIO_DEVICE_GET_PCI_HOT_RESET_INFO", target},
            {"compare", "compare kernel list", target},
            {"hot_reset", "VFIO_DEVICE_PCI_HOT_RESET", target},
            {"verify", "verify functions answer", ""},
            {"close", "close", ""}};
        List<String> out = new java.util.ArrayList<>();
        for (String[] c : calls) {
            out.add("{\"progress\":\"starting\",\"step\":\"" + c[0] + "\",\"label\":\"" + c[1] + "\",\"target\":\""
                    + c[2] + "\"}");
            if (c[0].equals(upTo)) {
                break; // still running
            }
            out.add("{\"progress\":\"step\",\"step\":\"" + c[0] + "\",\"label\":\"" + c[1] + "\",\"target\":\""
                    + c[2] + "\",\"outcome\":\"ok\",\"detail\":\"\"}");
        }
        return out;
    }

    @Test
    void theResetShowsEachCallAsTheCommandReportsItAndCountsTowardsAWholeRun() {
        WizardFixtures.nicPair(dir);
        ResetWizardModel m = model();
        acceptEverything(m);
        m.runKernelCheck();
        m.typedAddressProperty().set(TARGET.toString());
        runner.printing(inv -> inv.arguments().contains("--dry-run") ? List.of()
                : protocolLines(TARGET.toString(), 7, "hot_reset"));

        m.execute();

        // the command stopped reporting while VFIO_DEVICE_PCI_HOT_RESET ran: 11 of a whole run's 14 steps
        assertThat(m.liveStepsProperty()).hasSize(12);
        assertThat(m.liveStepsProperty().get(0)).isEqualTo("✔ open /dev/vfio/vfio");
        assertThat(m.liveStepsProperty().get(3)).isEqualTo("✔ open /dev/vfio/7");
        assertThat(m.liveStepsProperty().get(4)).isEqualTo("✔ VFIO_GROUP_GET_STATUS /dev/vfio/7");
        assertThat(m.liveStepsProperty().get(11)).isEqualTo("… VFIO_DEVICE_PCI_HOT_RESET 0000:01:00.0");
        assertThat(m.stepFractionProperty().get()).isCloseTo(11 / 14.0, within(1e-9));

        ResetWizardModel again = model();
        runner.printing(inv -> protocolLines(TARGET.toString(), 7, "none"));
        acceptEverything(again);
        again.runKernelCheck();
        assertThat(again.liveStepsProperty()).hasSize(14).noneMatch(l -> l.startsWith("…"));
        assertThat(again.stepFractionProperty().get()).as("a whole run's lines reach the end of the bar").isEqualTo(1.0);
    }

    @Test
    void typingTheTargetAddressOpensFinishOnlyAfterAPassedCheck() {
        WizardFixtures.nicPair(dir);
        ResetWizardModel m = model();
        acceptEverything(m);

        m.typedAddressProperty().set("0000:01:00.0");
        assertThat(m.confirmReadyProperty().get()).as("no check yet").isFalse();

        m.runKernelCheck();
        assertThat(m.confirmReadyProperty().get()).isTrue();

        m.typedAddressProperty().set("0000:01:00.1");
        assertThat(m.confirmReadyProperty().get()).isFalse();
        m.typedAddressProperty().set("01:00.0");
        assertThat(m.confirmReadyProperty().get()).as("the short form names the same function").isTrue();
        m.typedAddressProperty().set("");
        assertThat(m.confirmReadyProperty().get()).isFalse();
    }

    @Test
    void changingTheMethodThrowsAwayTheCheck() {
        WizardFixtures.withFlr(dir);
        ResetWizardModel m = model();
        acceptEverything(m);
        m.methodProperty().set(ResetKind.HOT_RESET);
        acceptEverything(m);
        m.runKernelCheck();
        assertThat(m.checkStateProperty().get()).isEqualTo(CheckState.PASSED);

        m.methodProperty().set(ResetKind.FUNCTION_RESET);

        assertThat(m.checkStateProperty().get()).isEqualTo(CheckState.NOT_RUN);
        assertThat(m.checkReadyProperty().get()).isFalse();
    }

    @Test
    void aSuccessfulResetIsVerifiedRestoredAndAudited() throws IOException {
        WizardFixtures.nicPair(dir);
        ResetWizardModel m = model();
        acceptEverything(m);
        m.runKernelCheck();
        assertThat(m.checkStateProperty().get()).as("kernel check: %s", m.differencesProperty()).isEqualTo(CheckState.PASSED);
        m.typedAddressProperty().set(TARGET.toString());

        m.execute();

        assertThat(m.runStateProperty().get()).isEqualTo(RunState.DONE);
        ExecutionReport r = m.resultProperty().get();
        assertThat(r.success()).as(r.headline()).isTrue();
        assertThat(r.checks()).extracting(FunctionCheck::describe)
                .containsExactly("0000:01:00.0: answers as 8086:10c9", "0000:01:00.1: answers as 8086:10c9");
        assertThat(r.drivers()).allMatch(DriverCheck::ok);
        assertThat(runner.arguments().get(1)).contains("--bind").doesNotContain("--dry-run");
        // the audit lines are the CLI's (it acts, as root, on the tree given with --root), not the window's
        List<AuditRecord> audit = org.vfioinspector.core.audit.AuditLog.forHost(
                org.vfioinspector.core.sysfs.HostRoot.of(dir)).read().records();
        assertThat(audit).extracting(AuditRecord::action).containsOnly("reset");
        assertThat(audit).extracting(AuditRecord::phase).containsExactly("intent", "result", "intent", "result");
        assertThat(audit).extracting(AuditRecord::dryRun).containsExactly(true, true, false, false);
        assertThat(audit.get(3).result()).hasValue("ok");
        assertThat(audit.get(3).invoker().uid()).isEqualTo(org.vfioinspector.core.vfio.ProcessIdentity.realUid());
        assertThat(audit.get(2).kernelSet()).as("not asked yet").isEmpty();
        assertThat(audit.get(3).kernelSet()).containsExactly(TARGET, SIBLING);
        assertThat(audit.get(3).confirmed()).containsExactly(TARGET, SIBLING);
        assertThat(Files.exists(state.resolve("audit"))).as("the window writes no audit of its own").isFalse();
    }

    @Test
    void aCheckTheCommandCannotAuditIsRefusedAndSaysWhy() throws IOException {
        WizardFixtures.nicPair(dir);
        Files.createDirectories(dir.resolve("var"));
        Files.writeString(dir.resolve("var/log"), "a file where the audit log's directory should be");
        ResetWizardModel m = model();
        acceptEverything(m);

        m.runKernelCheck();

        assertThat(m.checkStateProperty().get()).isEqualTo(CheckState.FAILED);
        ExecutionReport r = m.checkReportProperty().get();
        assertThat(r.headline() + " " + r.run().summary()).contains("audit log", "cannot be written");
        // nothing was bound: the refusal came before the first write
        assertThat(WizardFixtures.driver(dir, TARGET)).contains("e1000e");
        assertThat(WizardFixtures.driver(dir, SIBLING)).contains("e1000e");
    }

    @Test
    void aFailedResetWhoseRestoreDidNotWorkIsRestoredByTheWizard() throws IOException {
        WizardFixtures.nicPair(dir);
        ResetWizardModel m = model();
        acceptEverything(m);
        m.runKernelCheck();
        m.typedAddressProperty().set(TARGET.toString());
        kernel.failReset = true;
        kernel.losesRestore = true;

        m.execute();

        ExecutionReport r = m.resultProperty().get();
        assertThat(runner.calls()).extracting(CliInvocation::verb).containsExactly(CliInvocation.Verb.RESET,
                CliInvocation.Verb.RESET, CliInvocation.Verb.RESTORE);
        assertThat(r.restore()).isPresent();
        assertThat(r.drivers()).allMatch(DriverCheck::ok);
        assertThat(WizardFixtures.driver(dir, TARGET)).contains("e1000e");
        assertThat(WizardFixtures.driver(dir, SIBLING)).contains("e1000e");
        assertThat(r.success()).isFalse();
        assertThat(r.headline()).contains("EBUSY", "nothing was reset");
        AuditRecord last = org.vfioinspector.core.audit.AuditLog.forHost(org.vfioinspector.core.sysfs.HostRoot.of(dir))
                .read().records().stream().filter(a -> !a.intent() && a.action().equals("reset") && !a.dryRun())
                .reduce((a, b) -> b).orElseThrow();
        assertThat(last.result()).hasValue("failed");
        assertThat(last.errno()).hasValue(16);
        assertThat(last.errnoName()).contains("EBUSY");
    }

    @Test
    void aRunnerThatDiesHalfwayStillGetsTheDriversPutBack() {
        WizardFixtures.nicPair(dir);
        FakeKernel fake = new FakeKernel(dir);
        runner = new RecordingRunner(inv -> {
            if (inv.verb() == CliInvocation.Verb.RESET && !inv.arguments().contains("--dry-run")) {
                // the real command bound the set (journaled), then the process died
                fake.apply(CliInvocation.bind(List.of(TARGET, SIBLING), state.resolve("journal"), Optional.of(dir)));
                throw new IllegalStateException("pkexec died");
            }
            return fake.apply(inv);
        });
        ResetWizardModel m = new ResetWizardModel(WizardFixtures.view(dir, state.resolve("journal")), TARGET,
                WizardFixtures.env(runner, dir, state));
        acceptEverything(m);
        m.runKernelCheck();
        m.typedAddressProperty().set(TARGET.toString());

        m.execute();

        ExecutionReport r = m.resultProperty().get();
        assertThat(r.run().status()).isEqualTo(RunResult.Status.LAUNCH_FAILED);
        assertThat(r.run().message()).contains("pkexec died");
        assertThat(runner.calls()).extracting(CliInvocation::verb).endsWith(CliInvocation.Verb.RESTORE);
        assertThat(r.restore()).isPresent();
        assertThat(r.drivers()).allMatch(DriverCheck::ok);
        assertThat(WizardFixtures.driver(dir, TARGET)).contains("e1000e");
        assertThat(r.headline()).startsWith("The command gave no report, so whether anything was reset is unknown");
    }

    @Test
    void keepingTheFunctionsOnVfioPciBindsFirstThenResetsWithoutBind() {
        WizardFixtures.nicPair(dir);
        ResetWizardModel m = model();
        acceptEverything(m);
        m.restoreAfterwardsProperty().set(false);
        m.runKernelCheck();
        m.typedAddressProperty().set(TARGET.toString());

        m.execute();

        assertThat(runner.calls()).extracting(CliInvocation::verb).containsExactly(CliInvocation.Verb.RESET,
                CliInvocation.Verb.BIND, CliInvocation.Verb.RESET);
        assertThat(runner.arguments().get(2)).doesNotContain("--bind", "--dry-run");
        assertThat(m.resultProperty().get().success()).isTrue();
        assertThat(WizardFixtures.driver(dir, TARGET)).contains("vfio-pci");
        assertThat(m.finishPlan()).anyMatch(s -> s.contains("Leave them on vfio-pci"));
    }

    @Test
    void aPendingJournalIsOfferedAndRestoredThroughTheRunner() throws IOException {
        WizardFixtures.nicPair(dir);
        BindJournal journal = new BindJournal(state.resolve("journal"));
        JournalEntry bound = new JournalEntry(Instant.parse("2026-02-01T09:00:00Z"), JournalEntry.State.BOUND, SIBLING,
                Optional.of("e1000e"), Optional.empty());
        journal.append(bound);
        WizardFixtures.relink(dir, SIBLING, "vfio-pci"); // where the crashed run left it
        // the real restore command answers, on the fixture, with the driver e1000e the host booted with
        runner = new RecordingRunner(new FakeKernel(dir).bootDriver(SIBLING, "e1000e"));
        ResetWizardModel m = new ResetWizardModel(WizardFixtures.view(dir, state.resolve("journal")), TARGET,
                WizardFixtures.env(runner, dir, state));
        assertThat(m.pendingProperty()).extracting(JournalEntry::address).containsExactly(SIBLING);

        m.restorePending();

        assertThat(runner.arguments()).containsExactly(List.of("--root", dir.toAbsolutePath().toString(), "restore",
                "--json", "--state-dir", state.resolve("journal").toString()));
        assertThat(m.pendingProperty()).isEmpty();
        assertThat(m.pendingMessageProperty().get()).contains("1 function back on its original driver.");
    }

    @Test
    void withoutARunnerThatCanRunTheCheckShowsTheCommandToRunByHand() {
        WizardFixtures.nicPair(dir);
        ManualRunner manual = new ManualRunner("pkexec is not installed.", new Launcher(List.of("/opt/x/bin/vfio-inspector")));
        ResetWizardModel m = new ResetWizardModel(WizardFixtures.view(dir, state.resolve("journal")), TARGET,
                WizardFixtures.env(manual, dir, state));
        acceptEverything(m);

        m.runKernelCheck();

        assertThat(m.checkStateProperty().get()).isEqualTo(CheckState.FAILED);
        RunResult run = m.checkReportProperty().get().run();
        assertThat(run.status()).isEqualTo(RunResult.Status.NOT_RUN);
        assertThat(run.command()).startsWith("sudo /opt/x/bin/vfio-inspector --root ")
                .contains("reset 0000:01:00.0 --confirm 0000:01:00.0,0000:01:00.1 --dry-run --bind --progress --json");
    }

    @Test
    void theDowntimeEstimateCountsTheBusResetAndEachRebind() {
        WizardFixtures.nicPair(dir);
        ResetWizardModel m = model();
        acceptEverything(m);

        assertThat(m.downtime().sentence())
                .isEqualTo("about 1–2 s of bus reset plus about 1–4 s of driver rebind for 2 functions (in total 2–6 s)");
        assertThat(DowntimeEstimate.of(ResetKind.FUNCTION_RESET, 0).sentence())
                .isEqualTo("about 0.1–0.5 s of function reset plus no driver rebind (in total 0.1–0.5 s)");
    }
}
