package org.vfioinspector.app.gui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.vfioinspector.app.gui.FxBackground;
import org.vfioinspector.app.gui.MainViewModel;
import org.vfioinspector.app.gui.TestWindow;
import org.vfioinspector.app.gui.graph.ConsequenceMarks;
import org.vfioinspector.app.gui.graph.TreeLayout;
import org.vfioinspector.app.report.DiffText;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.core.compare.FixturePairs;
import org.vfioinspector.core.model.PciAddress;

/**
 * "Compare with…" in the real window, headless: the open host (the QEMU capture with ACS enabled on the switch
 * port and the NIC's link downgraded) against the earlier capture lists the differences, selecting one selects
 * its function, and the graph marks the changed functions.
 */
@ExtendWith(ApplicationExtension.class)
class CompareViewFxTest {

    private static final PciAddress NIC = PciAddress.parse("0000:01:00.0");
    private static final PciAddress SWITCH_PORT = PciAddress.parse("0000:04:00.0");

    @TempDir
    static Path dir;
    static Path before;
    static Path after;

    private MainViewModel model;
    private MainView view;

    @BeforeAll
    static void pair() throws Exception {
        Path original = FixturePairs.original(dir);
        before = FixturePairs.copy(original, dir, "before");
        FixturePairs.link(before, "8.0 GT/s PCIe", 4);
        after = FixturePairs.copy(before, dir, "after");
        FixturePairs.enableAcsAndSplit(after);
        FixturePairs.link(after, "2.5 GT/s PCIe", 1);
    }

    @Start
    void start(Stage stage) {
        model = new MainViewModel(new FxBackground(), new TreeLayout());
        view = TestWindow.show(stage, model);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> List.copyOf(Window.getWindows()).stream().filter(w -> w instanceof Stage s && s.getTitle() != null
                && s.getTitle().startsWith("Compare")).forEach(Window::hide));
        model.close();
    }

    @Test
    void theDifferencesAreListedSelectTheirFunctionAndMarkTheGraph(FxRobot robot) throws Exception {
        TestWindow.open(view, model, HostSource.of(after));
        assertThat(robot.lookup("#compare-button").tryQuery()).isPresent();
        assertThat(robot.lookup(".legend-compare").tryQuery()).isEmpty();

        robot.interact(() -> view.compareWith(before));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#compare-list").tryQuery().isPresent());
        ListView<DiffText.Line> list = robot.lookup("#compare-list").queryListView();
        List<String> texts = list.getItems().stream().map(DiffText.Line::text).toList();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".legend-compare").tryQuery()).isPresent();
        assertThat(texts.get(1)).startsWith("Verdict: WORSE");
        assertThat(texts).anyMatch(t -> t.contains("0000:01:00.0: link downgraded"));
        assertThat(texts).anyMatch(t -> t.contains("IOMMU group split"));

        // the marks: the downgraded link is worse, the switch port's group and ACS changed
        var marks = view.graph().scene().marks();
        assertThat(marks.of(NIC)).contains(ConsequenceMarks.Mark.COMPARE_WORSE);
        assertThat(marks.of(SWITCH_PORT)).contains(ConsequenceMarks.Mark.COMPARE_GROUP);

        // selecting the link's line selects the NIC in the window
        int linkLine = texts.indexOf(texts.stream().filter(t -> t.contains("link downgraded")).findFirst().orElseThrow());
        robot.interact(() -> list.getSelectionModel().select(linkLine));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.selectionProperty().get()).isEqualTo(NIC);
        int splitLine = texts.indexOf(texts.stream().filter(t -> t.contains("IOMMU group split")).findFirst().orElseThrow());
        robot.interact(() -> list.getSelectionModel().select(splitLine));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.selectionProperty().get()).isEqualTo(SWITCH_PORT);
        // a heading selects nothing new
        robot.interact(() -> list.getSelectionModel().select(0));
        assertThat(model.selectionProperty().get()).isEqualTo(SWITCH_PORT);
    }

    @Test
    void aSideThatCannotBeReadIsOneMessage(FxRobot robot) throws Exception {
        TestWindow.open(view, model, HostSource.of(after));
        robot.interact(() -> view.compareWith(dir.resolve("missing.tar.gz")));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> String.valueOf(model.messageProperty().get())
                .startsWith("Cannot compare with " + dir.resolve("missing.tar.gz")));
        Optional<Node> list = robot.lookup("#compare-list").tryQuery();
        assertThat(list).isEmpty();
    }
}
