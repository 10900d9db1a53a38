package org.vfioinspector.app.gui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vfioinspector.app.gui.FxBackground;
import org.vfioinspector.app.gui.HistoryListing;
import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.app.gui.MainViewModel;
import org.vfioinspector.app.gui.TestWindow;
import org.vfioinspector.app.gui.graph.TreeLayout;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.core.audit.AuditLog;
import org.vfioinspector.core.audit.AuditRecord;
import org.vfioinspector.core.audit.Invoker;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;

/** The toolbar's History… button opens a dialog listing the open host's audit log, newest first. */
@ExtendWith(ApplicationExtension.class)
class HistoryDialogFxTest {

    private static final PciAddress GPU = PciAddress.parse("0000:03:00.0");
    private static final Invoker ALICE = Invoker.of(0, "root", Map.of("SUDO_UID", "1000", "SUDO_USER", "alice"),
            uid -> Optional.empty());

    @TempDir
    Path dir;
    private MainViewModel model;
    private MainView view;

    @Start
    void start(Stage stage) {
        model = new MainViewModel(new FxBackground(), new TreeLayout());
        view = TestWindow.show(stage, model);
    }

    @AfterEach
    void close() {
        model.close();
    }

    private static AuditRecord record(String action, String phase, Optional<String> result, int minute, String message) {
        boolean reset = action.equals("reset");
        return new AuditRecord(Instant.parse("2026-03-01T10:00:00Z").plusSeconds(60L * minute), action, phase, ALICE,
                Optional.of("lab"), reset ? Optional.of(GPU) : Optional.empty(),
                reset ? Optional.of("hot-reset") : Optional.empty(), false, List.of(GPU), List.of(),
                result.isPresent() && !reset ? List.of(GPU) : List.of(), OptionalInt.empty(), Optional.empty(), result,
                OptionalInt.empty(), Optional.empty(), message);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHistoryButtonListsTheOpenHostsAuditLog(FxRobot robot) throws Exception {
        Hosts.demo(dir);
        AuditLog log = AuditLog.forHost(HostRoot.of(dir));
        log.append(record("bind", "intent", Optional.empty(), 0, "Binding 1 function(s) to vfio-pci."));
        log.append(record("bind", "result", Optional.of("ok"), 1, "Bound."));
        log.append(record("reset", "intent", Optional.empty(), 2, "Hot reset of " + GPU + "."));
        appendGarbage(log.file());
        TestWindow.open(view, model, HostSource.of(dir));

        robot.clickOn("#history-button");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#history-table").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();

        TableView<HistoryListing.Row> table = robot.lookup("#history-table").queryAs(TableView.class);
        assertThat(table.getItems()).extracting(HistoryListing.Row::action)
                .containsExactly("reset (hot-reset) " + GPU, "bind", "bind");
        HistoryListing.Row newest = table.getItems().get(0);
        assertThat(newest.outcome()).isEqualTo("intent (no result recorded)");
        assertThat(newest.askedBy()).isEqualTo("alice (uid 1000) via sudo as root");
        assertThat(table.getItems().get(1).outcome()).isEqualTo("ok");
        assertThat(table.getItems().get(1).functions()).isEqualTo("confirmed " + GPU + "; moved " + GPU);
        assertThat(robot.lookup("#history-header").queryAs(Label.class).getText())
                .isEqualTo("3 records in " + log.file() + ", newest first; 1 line skipped (not records).");
        assertThat(robot.lookup("#history-notes").queryAs(Label.class).getText())
                .isEqualTo("audit line 4 is not a record; skipped");

        robot.clickOn("#history-close");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#history-table").tryQuery()).isEmpty();
    }

    private static void appendGarbage(Path file) throws IOException {
        Files.write(file, "{\"time\":\u001b[2J\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    }
}
