package org.vfioinspector.app.gui.view;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import org.vfioinspector.app.gui.MainViewModel;
import org.vfioinspector.app.session.HostSource;

/** Refresh, open, save, export, zoom, search and theme. */
final class InspectorToolbar extends ToolBar {

    private final TextField search = new TextField();

    InspectorToolbar(MainViewModel model, MainView view) {
        getStyleClass().add("inspector-toolbar");
        Button refresh = button("⟳ Refresh", "Read the host again (F5)", model::refresh);
        refresh.disableProperty().bind(model.hostProperty().isNull());

        MenuButton open = new MenuButton("Open");
        open.setTooltip(new Tooltip("Inspect this machine, a snapshot, a directory laid out like /, or the demo"));
        open.getItems().addAll(
                item("This host", () -> model.open(HostSource.LIVE)),
                item("Snapshot (.tar.gz)…", () -> view.openChosen(false)),
                item("Host directory…", () -> view.openChosen(true)),
                item("Demo topology", () -> model.open(HostSource.DEMO)));

        Button save = button("Save snapshot…", "Capture what this tool reads into a .tar.gz to inspect elsewhere",
                view::saveSnapshot);
        save.disableProperty().bind(model.hostProperty().isNull());

        MenuButton export = new MenuButton("Export");
        MenuItem txt = item("Blast radius report (text)…", () -> view.export("txt"));
        MenuItem json = item("Blast radius report (JSON)…", () -> view.export("json"));
        txt.disableProperty().bind(model.blastProperty().isNull());
        json.disableProperty().bind(model.blastProperty().isNull());
        export.getItems().addAll(item("Graph as PNG…", () -> view.export("png")),
                item("Graph as SVG…", () -> view.export("svg")), txt, json);

        Button zoomOut = button("−", "Zoom out (−)", () -> view.graph().zoom(0.8));
        Button zoomIn = button("+", "Zoom in (+)", () -> view.graph().zoom(1.25));
        Button fit = button("Fit", "Whole graph in view (F)", () -> view.graph().fit());

        search.setId("search");
        search.setPromptText("Search address, name, driver, group");
        search.setPrefColumnCount(24);
        search.setOnAction(e -> model.search(search.getText()));
        search.setTooltip(new Tooltip("Enter selects the next match: 03:00.0, nvme, vfio-pci, group 12 (Ctrl+F)"));
        Label found = new Label();
        found.setId("search-result");
        found.getStyleClass().add("search-result");
        found.textProperty().bind(model.searchResultProperty());

        ToggleButton dark = new ToggleButton("Dark");
        dark.setTooltip(new Tooltip("Light or dark theme"));
        dark.setSelected(model.darkProperty().get());
        dark.setOnAction(e -> {
            if (dark.isSelected() != model.darkProperty().get()) {
                model.toggleTheme();
            }
        });

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getItems().addAll(refresh, open, save, export, new Separator(), zoomOut, zoomIn, fit, spacer, search, found,
                new Separator(), dark);
    }

    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    private static Button button(String text, String tip, Runnable r) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> r.run());
        return b;
    }

    private static MenuItem item(String text, Runnable r) {
        MenuItem m = new MenuItem(text);
        m.setOnAction(e -> r.run());
        return m;
    }
}
