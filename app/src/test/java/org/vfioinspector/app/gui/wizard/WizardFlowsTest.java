package org.vfioinspector.app.gui.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfioinspector.app.gui.wizard.WizardFixtures.SIBLING;
import static org.vfioinspector.app.gui.wizard.WizardFixtures.TARGET;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.app.gui.Background;
import org.vfioinspector.app.gui.RecordingDialogs;
import org.vfioinspector.app.gui.RecordingDialogs.Shown;
import org.vfioinspector.app.priv.CliInvocation;
import org.vfioinspector.app.priv.RecordingRunner;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.app.session.LoadedHost;
import org.vfioinspector.core.bind.BindJournal;
import org.vfioinspector.core.bind.JournalEntry;
import org.vfioinspector.core.model.PciAddress;

/**
 * The main window's way into the wizard and the pending restore, on one thread: what the user is shown and
 * asked goes to recording dialogs, the privileged commands to a recording runner over the fixture.
 */
class WizardFlowsTest {

    @TempDir
    Path dir;
    @TempDir
    Path state;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final List<ResetWizardModel> wizards = new ArrayList<>();
    private LoadedHost host;

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
        }
    }

    private WizardFlows flows(RecordingRunner runner, boolean journalApplies) {
        WizardEnvironment env = WizardFixtures.env(runner, dir, state);
        return new WizardFlows(Background.sameThread(), dialogs, h -> env, h -> journalApplies, wizards::add);
    }

    private LoadedHost load() {
        host = LoadedHost.load(HostSource.of(dir));
        return host;
    }

    private static RecordingRunner nothingMayRun() {
        return new RecordingRunner(inv -> {
            throw new AssertionError("nothing may run: " + inv.verb());
        });
    }

    private void crashedRunLeftTheSiblingOnVfio() throws java.io.IOException {
        WizardFixtures.nicPair(dir);
        WizardFixtures.relink(dir, SIBLING, "vfio-pci");
        new BindJournal(state.resolve("journal")).append(new JournalEntry(Instant.parse("2026-02-01T09:00:00Z"),
                JournalEntry.State.BOUND, SIBLING, Optional.of("e1000e"), Optional.empty()));
    }

    @Test
    void resetOpensTheWizardOverAFreshReadOfTheHostForTheTarget() {
        WizardFixtures.nicPair(dir);

        flows(nothingMayRun(), false).openReset(load(), TARGET);

        assertThat(wizards).singleElement().satisfies(m -> assertThat(m.target()).isEqualTo(TARGET));
        assertThat(dialogs.shown()).isEmpty();
    }

    @Test
    void aSnapshotsWizardDoesNotShowThisMachinesPendingBindsAsItsOwn() throws Exception {
        crashedRunLeftTheSiblingOnVfio();
        WizardEnvironment here = WizardFixtures.env(nothingMayRun(), dir, state);
        WizardEnvironment elsewhere = new WizardEnvironment(here.runner(), here.executor(), here.journalDir(),
                Optional.empty(), here.audit(), here.clock(), here.user(), WizardEnvironment.Mode.ELSEWHERE);
        new WizardFlows(Background.sameThread(), dialogs, h -> here, h -> true, wizards::add).openReset(load(), TARGET);
        new WizardFlows(Background.sameThread(), dialogs, h -> elsewhere, h -> false, wizards::add).openReset(load(), TARGET);

        assertThat(wizards).hasSize(2);
        assertThat(wizards.get(0).pendingProperty()).as("the host the journal is about").extracting(JournalEntry::address)
                .containsExactly(SIBLING);
        assertThat(wizards.get(1).pendingProperty()).as("a capture of another machine").isEmpty();
    }

    @Test
    void anEnvironmentThatCannotBeMadeIsAnErrorShownToTheUserNotAStackTrace() {
        WizardFlows flows = new WizardFlows(Background.sameThread(), dialogs, h -> {
            throw new java.io.UncheckedIOException("cannot prepare the simulation in /tmp/x",
                    new java.io.IOException("Read-only file system"));
        }, h -> false, wizards::add);
        WizardFixtures.nicPair(dir);

        flows.openReset(load(), TARGET);

        assertThat(wizards).isEmpty();
        assertThat(dialogs.shown()).containsExactly(new Shown("ERROR", null, "Cannot open the reset wizard for "
                + TARGET + ": cannot prepare the simulation in /tmp/x"));
    }

    @Test
    void aWizardThatCannotOpenIsAnErrorShownToTheUser() {
        WizardFixtures.nicPair(dir);
        PciAddress gone = PciAddress.parse("0000:09:00.0");

        flows(nothingMayRun(), false).openReset(load(), gone);

        assertThat(wizards).isEmpty();
        assertThat(dialogs.shown()).containsExactly(new Shown("ERROR", null,
                "Cannot open the reset wizard for 0000:09:00.0: no PCI function 0000:09:00.0 on this host"));
    }

    @Test
    void yesToThePendingRestorePutsTheDriverBackAndSaysSo() throws Exception {
        crashedRunLeftTheSiblingOnVfio();
        RecordingRunner runner = new RecordingRunner(new FakeKernel(dir).bootDriver(SIBLING, "e1000e"));
        dialogs.answering(true);

        Optional<Runnable> offer = flows(runner, true).pendingRestore(load());
        assertThat(runner.calls()).as("reading the journal runs nothing").isEmpty();
        offer.orElseThrow().run();

        List<Shown> shown = dialogs.shown();
        assertThat(shown).hasSize(2);
        assertThat(shown.get(0).kind()).isEqualTo("CONFIRMATION");
        assertThat(shown.get(0).header()).isEqualTo("Restore drivers from the bind journal?");
        assertThat(shown.get(0).text()).contains("0000:01:00.1 (was on e1000e", "never put them back",
                "This runs " + runner.description());
        assertThat(runner.calls()).extracting(CliInvocation::verb).containsExactly(CliInvocation.Verb.RESTORE);
        assertThat(shown.get(1).kind()).isEqualTo("INFORMATION");
        assertThat(shown.get(1).header()).isEqualTo("Restore");
        assertThat(shown.get(1).text()).contains("1 function back on its original driver.");
        assertThat(WizardFixtures.driver(dir, SIBLING)).contains("e1000e");
    }

    @Test
    void noToThePendingRestoreRunsNothing() throws Exception {
        crashedRunLeftTheSiblingOnVfio();
        RecordingRunner runner = nothingMayRun();
        dialogs.answering(false);

        flows(runner, true).pendingRestore(load()).orElseThrow().run();

        assertThat(dialogs.shown()).extracting(Shown::kind).containsExactly("CONFIRMATION");
        assertThat(runner.calls()).isEmpty();
        assertThat(WizardFixtures.driver(dir, SIBLING)).contains("vfio-pci");
    }

    @Test
    void aRestoreThatThrowsIsAnErrorShownToTheUser() throws Exception {
        crashedRunLeftTheSiblingOnVfio();
        RecordingRunner runner = new RecordingRunner(inv -> {
            throw new IllegalStateException("pkexec vanished");
        });
        dialogs.answering(true);

        flows(runner, true).pendingRestore(load()).orElseThrow().run();

        assertThat(dialogs.shown()).last().isEqualTo(new Shown("ERROR", null,
                "Restore failed: java.lang.IllegalStateException: pkexec vanished"));
    }

    @Test
    void aJournalThatIsNotThisHostsIsNotOffered() throws Exception {
        crashedRunLeftTheSiblingOnVfio();

        assertThat(flows(nothingMayRun(), false).pendingRestore(load())).isEmpty();
        assertThat(dialogs.shown()).isEmpty();
    }

    @Test
    void anEmptyJournalOffersNothing() {
        WizardFixtures.nicPair(dir);

        assertThat(flows(nothingMayRun(), true).pendingRestore(load())).isEmpty();
    }
}
