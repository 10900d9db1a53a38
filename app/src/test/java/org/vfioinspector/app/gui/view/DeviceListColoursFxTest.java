package org.vfioinspector.app.gui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
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
import org.vfioinspector.app.gui.graph.GroupColours;
import org.vfioinspector.app.gui.graph.GroupPalette;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.core.model.PciDevice;

/** A group's swatch in the device list has the colour of its region in the graph, also where the graph recoloured it. */
@ExtendWith(ApplicationExtension.class)
class DeviceListColoursFxTest {

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

    @Test
    void theListsSwatchesAreTheGraphsGroupColours(FxRobot robot) throws Exception {
        // the demo: six of its groups sit next to a group of the same number colour, and the graph recolours them
        TestWindow.open(view, model, HostSource.of(Hosts.sharedDemo()));
        TestWindow.showDeviceList(view); // collapsed in a window this narrow
        GroupColours graph = view.graph().scene().colours();
        List<Integer> recoloured = new ArrayList<>();
        for (PciDevice d : model.hostProperty().get().topology().devices()) {
            d.iommuGroup().ifPresent(g -> {
                assertThat(view.tree().groupColour(g)).as("group %d", g).isEqualTo(graph.color(g));
                if (!graph.color(g).equals(GroupPalette.color(g))) {
                    recoloured.add(g);
                }
            });
        }
        // the graph moved some neighbours off their number's colour: the list follows it, not the number
        assertThat(recoloured).isNotEmpty();
        // and the rows on screen paint it
        WaitForAsyncUtils.waitForFxEvents();
        List<Rectangle> chips = robot.lookup(".device-tree .tree-cell Rectangle").queryAllAs(Rectangle.class)
                .stream().filter(Rectangle::isVisible).toList();
        assertThat(chips).isNotEmpty();
        List<Color> allowed = model.hostProperty().get().topology().devices().stream()
                .filter(d -> d.iommuGroup().isPresent())
                .map(d -> Color.web(graph.color(d.iommuGroup().getAsInt()))).distinct().toList();
        assertThat(chips).allSatisfy(c -> assertThat(allowed).contains((Color) c.getFill()));
    }
}
