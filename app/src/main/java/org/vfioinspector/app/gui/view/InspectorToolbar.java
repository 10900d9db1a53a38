package org.vfioinspector.app.gui.view;

import java.util.List;

import javafx.animation.PauseTransition;
import javafx.geometry.Bounds;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import javafx.util.Duration;

import org.vfioinspector.app.gui.DeviceSearch;
import org.vfioinspector.app.gui.MainViewModel;
import org.vfioinspector.app.session.HostSource;

/**
 * Refresh, open, save, export, zoom, the panels' switches, search and theme. Typing in the search box lists
 * every match under it (address, name, group); Up/Down move in the list, Enter selects and centres the
 * chosen match (or, with none chosen, the next one), Escape closes the list.
 */
final class InspectorToolbar extends ToolBar {

    /** The most results the list shows at once; it scrolls for the rest. */
    private static final int VISIBLE_ROWS = 12;

    private final TextField search = new TextField();
    private final MainViewModel model;
    /** The result list under the search box, made when there is first something to list. */
    private ResultList resultList;
    private final PauseTransition typing = new PauseTransition(Duration.millis(120));

    InspectorToolbar(MainViewModel model, MainView view) {
        this.model = model;
        getStyleClass().add("inspector-toolbar");
        Button refresh = button("⟳ Refresh", "Read the host again (F5)", model::refresh);
        refresh.disableProperty().bind(model.hostProperty().isNull());

        MenuButton open = new MenuButton("Open");
        Tips.on(open, "Inspect this machine, a snapshot, a directory laid out like /, another machine over ssh, or the demo");
        open.getItems().addAll(
                item("This host", () -> model.open(HostSource.LIVE)),
                item("Snapshot (.tar.gz)…", () -> view.openChosen(false)),
                item("Host directory…", () -> view.openChosen(true)),
                item("Remote host (ssh)…", view::openHost),
                item("Demo topology", () -> model.open(HostSource.DEMO)));

        MenuButton export = new MenuButton("Export");
        Tips.on(export, "Save a snapshot of this host to inspect elsewhere, the graph, or the blast radius report");
        MenuItem save = item("Snapshot of this host (.tar.gz)…", view::saveSnapshot);
        save.disableProperty().bind(model.hostProperty().isNull());
        MenuItem txt = item("Blast radius report (text)…", () -> view.export("txt"));
        MenuItem json = item("Blast radius report (JSON)…", () -> view.export("json"));
        txt.disableProperty().bind(model.blastProperty().isNull());
        json.disableProperty().bind(model.blastProperty().isNull());
        export.getItems().addAll(save, new javafx.scene.control.SeparatorMenuItem(), item("Graph as PNG…", () -> view.export("png")),
                item("Graph as SVG…", () -> view.export("svg")), txt, json);

        MenuButton compare = new MenuButton("Compare…");
        compare.setId("compare-button");
        Tips.on(compare, "Compare this host with an earlier snapshot or directory: what got worse for passthrough");
        compare.getItems().addAll(item("Snapshot (.tar.gz)…", () -> view.compareChosen(false)),
                item("Host directory…", () -> view.compareChosen(true)));
        compare.disableProperty().bind(model.hostProperty().isNull());

        Button history = button("History…", "The audit log: every reset, bind and restore, who asked and how it ended",
                view::showHistory);
        history.setId("history-button");

        Button zoomOut = button("−", "Zoom out (−)", () -> view.graph().zoom(0.8));
        Button zoomIn = button("+", "Zoom in (+)", () -> view.graph().zoom(1.25));
        Button fit = button("Fit", "Whole graph in view (F)", () -> view.graph().fit());

        search.setId("search");
        search.setPromptText("Search address, name, driver, group");
        search.setPrefColumnCount(22);
        Tips.on(search, "Lists every match; Up/Down choose, Enter selects the chosen or the next match: "
                + "03:00.0, nvme, vfio-pci, group 12 (Ctrl+F)");
        setUpSearch();
        Label found = new Label();
        found.setId("search-result");
        found.getStyleClass().add("search-result");
        found.textProperty().bind(model.searchResultProperty());

        ToggleButton dark = new ToggleButton("Dark");
        Tips.on(dark, "Light or dark theme");
        dark.setSelected(model.darkProperty().get());
        dark.setOnAction(e -> {
            if (dark.isSelected() != model.darkProperty().get()) {
                model.toggleTheme();
            }
        });

        ToggleButton devices = panelSwitch("Devices", "Show or hide the device list (Ctrl+1)", "toggle-tree",
                view.treeShownProperty());
        ToggleButton details = panelSwitch("Details", "Show or hide the details panel (Ctrl+2)", "toggle-details",
                view.detailsShownProperty());
        ToggleButton blast = panelSwitch("Blast radius", "Show or hide the blast radius panel (Ctrl+3)", "toggle-blast",
                view.blastShownProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getItems().addAll(refresh, open, export, compare, history, new Separator(), zoomOut, zoomIn, fit, new Separator(),
                devices, details, blast, spacer, search, found, new Separator(), dark);
    }

    private static ToggleButton panelSwitch(String text, String tip, String id, javafx.beans.property.BooleanProperty shown) {
        ToggleButton b = new ToggleButton(text);
        b.setId(id);
        b.getStyleClass().add("panel-switch");
        Tips.on(b, tip);
        b.setFocusTraversable(false);
        b.selectedProperty().bindBidirectional(shown);
        return b;
    }

    // ---- the search box's result list -------------------------------------------------------------

    /** The search box's list of matches, with its heading, in a popup under the box. */
    private record ResultList(ListView<DeviceSearch.Hit> list, Label head, Popup popup) {
    }

    private void setUpSearch() {
        typing.setOnFinished(e -> listMatches());
        search.textProperty().addListener((o, a, t) -> typing.playFromStart());
        search.focusedProperty().addListener((o, a, f) -> {
            if (resultList != null && !f && !resultList.list().isFocused()) {
                resultList.popup().hide();
            }
        });
        search.addEventFilter(KeyEvent.KEY_PRESSED, this::searchKey);
    }

    /** The result list, made at its first use: nothing of it shows before someone searches. */
    private ResultList resultList() {
        if (resultList != null) {
            return resultList;
        }
        ListView<DeviceSearch.Hit> results = new ListView<>();
        results.setId("search-results");
        results.getStyleClass().add("search-results");
        results.setFocusTraversable(false);
        results.setPrefWidth(520);
        results.setFixedCellSize(24);
        results.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            {
                setPrefWidth(0); // as wide as the list, a long name cut with "…", never a sideways scroll bar
                setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
            }

            @Override
            protected void updateItem(DeviceSearch.Hit hit, boolean empty) {
                super.updateItem(hit, empty);
                setText(empty || hit == null ? null : hit.text());
            }
        });
        Label resultsHead = new Label();
        resultsHead.setId("search-results-head");
        resultsHead.getStyleClass().add("search-results-head");
        VBox box = new VBox(resultsHead, results);
        box.getStyleClass().add("search-results-box");
        Popup resultsPopup = new Popup();
        resultsPopup.getContent().add(box);
        resultsPopup.setAutoHide(true);
        resultsPopup.setHideOnEscape(true);
        // a click picks the row under it (pressed, so it lands before the search box loses the focus)
        results.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            int i = results.getSelectionModel().getSelectedIndex();
            if (i >= 0) {
                pick(i);
            }
        });
        resultList = new ResultList(results, resultsHead, resultsPopup);
        return resultList;
    }

    private void searchKey(KeyEvent e) {
        switch (e.getCode()) {
            case DOWN, UP -> {
                if (!resultsShowing()) {
                    listMatches();
                }
                ListView<DeviceSearch.Hit> results = resultList().list();
                int n = results.getItems().size();
                if (n > 0) {
                    int i = results.getSelectionModel().getSelectedIndex();
                    i = e.getCode() == KeyCode.DOWN ? Math.min(n - 1, i + 1) : Math.max(0, i - 1);
                    results.getSelectionModel().select(i);
                    results.scrollTo(Math.max(0, i - VISIBLE_ROWS / 2));
                }
                e.consume();
            }
            case ENTER -> {
                typing.stop();
                int i = resultsShowing() ? resultList.list().getSelectionModel().getSelectedIndex() : -1;
                if (i >= 0) {
                    pick(i);
                } else {
                    model.search(search.getText());
                    hideResults();
                }
                e.consume();
            }
            case ESCAPE -> {
                if (resultsShowing()) {
                    hideResults();
                    e.consume();
                }
            }
            default -> {
            }
        }
    }

    /** Selects and centres result {@code i}; the list closes, "i of N" shows beside the box. */
    private void pick(int i) {
        model.showMatch(search.getText(), i);
        hideResults();
        search.requestFocus();
    }

    /** Fills the list with the current query's matches and shows it under the box (hidden when there are none). */
    private void listMatches() {
        List<DeviceSearch.Hit> hits = model.searchHits(search.getText());
        ResultList r = resultList();
        r.list().getItems().setAll(hits);
        r.list().getSelectionModel().clearSelection();
        if (hits.isEmpty() || !search.isFocused() || getScene() == null || getScene().getWindow() == null) {
            r.popup().hide();
            return;
        }
        r.head().setText(hits.size() == 1 ? "1 match · Enter selects it"
                : hits.size() + " matches · ↑↓ choose · Enter selects");
        r.list().setPrefHeight(Math.min(VISIBLE_ROWS, hits.size()) * r.list().getFixedCellSize() + 4);
        if (!r.popup().isShowing()) {
            Bounds b = search.localToScreen(search.getBoundsInLocal());
            r.popup().show(search, Math.max(0, b.getMaxX() - r.list().getPrefWidth()), b.getMaxY() + 2);
        }
    }

    private void hideResults() {
        if (resultList != null) {
            resultList.popup().hide();
        }
    }

    /** The result list (tests look at it). */
    ListView<DeviceSearch.Hit> results() {
        return resultList().list();
    }

    boolean resultsShowing() {
        return resultList != null && resultList.popup().isShowing();
    }

    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    private static Button button(String text, String tip, Runnable r) {
        Button b = new Button(text);
        Tips.on(b, tip);
        b.setOnAction(e -> r.run());
        return b;
    }

    private static MenuItem item(String text, Runnable r) {
        MenuItem m = new MenuItem(text);
        m.setOnAction(e -> r.run());
        return m;
    }
}
