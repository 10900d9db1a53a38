package org.vfioinspector.app.gui.view;

import java.util.List;

import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import org.vfioinspector.app.report.DetailRow;
import org.vfioinspector.app.report.DetailSection;

/** The right-hand panel: the selected function's facts, section by section, explained in tooltips. */
public final class DetailsView extends ScrollPane {

    private final VBox content = new VBox(10);

    public DetailsView() {
        getStyleClass().add("details-view");
        content.getStyleClass().add("details-content");
        setContent(content);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        show(List.of());
    }

    public void show(List<DetailSection> sections) {
        content.getChildren().clear();
        if (sections.isEmpty()) {
            Label empty = new Label("Select a function in the graph, in the list or with search to see its "
                    + "driver, IOMMU group, link, capabilities and reset methods.");
            empty.setWrapText(true);
            empty.getStyleClass().add("placeholder");
            content.getChildren().add(empty);
            return;
        }
        boolean first = true;
        for (DetailSection s : sections) {
            Label title = new Label(s.title());
            title.setWrapText(true);
            title.getStyleClass().add(first ? "details-heading" : "section-title");
            first = false;
            GridPane grid = new GridPane();
            grid.getStyleClass().add("details-grid");
            ColumnConstraints keys = new ColumnConstraints();
            keys.setMinWidth(92); // "Vendor:device" on one line
            keys.setPrefWidth(96); // a 240-pixel panel: the values get the rest
            ColumnConstraints values = new ColumnConstraints();
            values.setHgrow(Priority.ALWAYS);
            values.setMinWidth(60);
            grid.getColumnConstraints().addAll(keys, values);
            int row = 0;
            for (DetailRow r : s.rows()) {
                Label k = new Label(r.key());
                k.getStyleClass().add("detail-key");
                k.setWrapText(true);
                Label v = new Label(r.value());
                v.getStyleClass().add("detail-value");
                v.setWrapText(true);
                if (!r.hint().isEmpty()) {
                    Tooltip t = new Tooltip(r.hint());
                    t.setWrapText(true);
                    t.setMaxWidth(420);
                    t.setShowDelay(Duration.millis(300));
                    v.setTooltip(t);
                    k.setTooltip(t);
                    v.getStyleClass().add("has-hint");
                }
                grid.addRow(row++, k, v);
            }
            content.getChildren().addAll(title, grid);
        }
    }

    /** The text shown, for tests. */
    public String text() {
        StringBuilder b = new StringBuilder();
        content.lookupAll(".label").forEach(n -> b.append(((Label) n).getText()).append('\n'));
        return b.toString();
    }
}
