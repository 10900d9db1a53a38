package org.vfioinspector.app.gui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vfioinspector.app.gui.FxBackground;
import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.app.gui.MainViewModel;
import org.vfioinspector.app.gui.TestWindow;
import org.vfioinspector.app.gui.graph.TreeLayout;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.core.model.PciAddress;

/**
 * The dark theme's text is readable (WCAG contrast at least 4.5:1), measured on the colours the controls end up
 * with after CSS: the selected row of the device list, focused and not, and the reset wizard's headings and
 * notes on its page (the wizard's dialog takes the window's style sheets).
 */
@ExtendWith(ApplicationExtension.class)
class DarkThemeContrastFxTest {

    private static final String WIZARD_CSS = "/org/vfioinspector/app/gui/wizard/wizard.css";

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

    /** WCAG 2 contrast ratio of two opaque colours. */
    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    private static double channel(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    @Test
    void contrastIsComputedAsWcagDefinesIt() {
        assertThat(contrast(Color.BLACK, Color.WHITE)).isCloseTo(21, org.assertj.core.data.Offset.offset(0.01));
        // Modena's focused selection (-fx-accent) under white text: below 4.5
        assertThat(contrast(Color.WHITE, Color.web("#3D7BD9"))).isLessThan(4.5);
    }

    /** The colour a region's background shows in its middle: its last (innermost) fill. */
    private static Color backgroundOf(Region r) {
        Background b = r.getBackground();
        assertThat(b).as("background of " + r).isNotNull();
        List<BackgroundFill> fills = b.getFills();
        Paint p = fills.get(fills.size() - 1).getFill();
        assertThat(p).isInstanceOf(Color.class);
        return (Color) p;
    }

    private static Color textOf(Labeled l) {
        assertThat(l.getTextFill()).isInstanceOf(Color.class);
        return (Color) l.getTextFill();
    }

    @Test
    void theSelectedRowOfTheDeviceListIsReadableInTheDarkThemeFocusedOrNot(FxRobot robot) throws Exception {
        TestWindow.open(view, model, HostSource.of(Hosts.sharedDemo()));
        TestWindow.showDeviceList(view);
        robot.interact(() -> {
            model.toggleTheme();
            model.select(PciAddress.parse("0000:08:00.0"), false);
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS,
                () -> selectedCell(robot) != null);

        // not focused: the graph has the focus
        robot.interact(() -> view.graph().requestFocus());
        WaitForAsyncUtils.waitForFxEvents();
        double unfocused = selectedRowContrast(robot);

        robot.interact(() -> view.tree().tree().requestFocus());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.tree().tree().isFocused()).isTrue();
        double focused = selectedRowContrast(robot);

        assertThat(unfocused).as("selected row, list not focused").isGreaterThanOrEqualTo(4.5);
        assertThat(focused).as("selected row, list focused").isGreaterThanOrEqualTo(4.5);
    }

    /** The device list's selected row (a lookup's ":selected" is not checked by JavaFX, so filtered here). */
    private static Region selectedCell(FxRobot robot) {
        return robot.lookup(".tree-cell").queryAllAs(javafx.scene.control.TreeCell.class).stream()
                .filter(c -> c.isSelected() && !c.isEmpty()).findFirst().orElse(null);
    }

    /** The lowest contrast of the selected row's address and name (the labels in its cell) on the row's colour. */
    private static double selectedRowContrast(FxRobot robot) {
        Region cell = selectedCell(robot);
        Color row = backgroundOf(cell);
        double least = Double.MAX_VALUE;
        int labels = 0;
        for (String part : List.of(".tree-address", ".tree-name")) {
            for (Node n : cell.lookupAll(part)) {
                least = Math.min(least, contrast(textOf((Labeled) n), row));
                labels++;
            }
        }
        assertThat(labels).as("address and name in the row").isGreaterThanOrEqualTo(2);
        return least;
    }

    @Test
    void theWizardsHeadingsAndNotesAreReadableOnItsDarkPage(FxRobot robot) {
        Label heading = label("section-title");
        Label target = label("target-title");
        Label muted = label("muted");
        Label detail = label("option-detail");
        Label head = label("table-header");
        Label cell = label("table-cell");
        VBox table = new VBox(head, cell);
        table.getStyleClass().add("table");
        DialogPane page = new DialogPane();
        page.setHeaderText("Step 2 of 6 · Blast radius");
        page.getStylesheets().add(DarkThemeContrastFxTest.class.getResource(WIZARD_CSS).toExternalForm());
        page.getStyleClass().add("reset-wizard-page");
        page.setContent(new VBox(target, heading, muted, detail, table));
        Scene[] scene = new Scene[1];
        robot.interact(() -> {
            scene[0] = new Scene(page, 600, 400);
            scene[0].getStylesheets().addAll(res(MainView.CSS), res(MainView.DARK_CSS));
            page.applyCss();
            page.layout();
        });
        Color pageBackground = backgroundOf(page);
        assertThat(pageBackground.getBrightness()).as("a dark page").isLessThan(0.35);
        for (Label l : List.of(heading, target, muted, detail)) {
            assertThat(contrast(textOf(l), pageBackground)).as(l.getStyleClass() + " on the page").isGreaterThanOrEqualTo(4.5);
        }
        for (Label l : List.of(head, cell)) {
            assertThat(contrast(textOf(l), backgroundOf(table))).as(l.getStyleClass() + " in a table")
                    .isGreaterThanOrEqualTo(4.5);
        }
        Node header = page.lookup(".header-panel .label");
        assertThat(header).isInstanceOf(Labeled.class);
        // the header's band is a gradient from the page's colour to a little lighter; measured on the page colour
        // and on white-mixed 30 % (lighter than the band gets), both must hold
        Color heading0 = textOf((Labeled) header);
        assertThat(contrast(heading0, pageBackground)).as("the page's heading").isGreaterThanOrEqualTo(4.5);
        assertThat(contrast(heading0, pageBackground.interpolate(Color.WHITE, 0.3))).as("the page's heading, light end")
                .isGreaterThanOrEqualTo(4.5);
    }

    private static Label label(String styleClass) {
        Label l = new Label("0000:08:00.0 text");
        l.getStyleClass().add(styleClass);
        return l;
    }

    private static String res(String path) {
        return MainView.class.getResource(path).toExternalForm();
    }
}
