package org.vfioinspector.app.gui.wizard;

import java.util.List;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Small builders the wizard pages share; looks come from wizard.css, never inline styles. */
final class Views {

    private Views() {
    }

    static Label text(String s, String... styleClasses) {
        Label l = new Label(s);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMinHeight(Label.USE_PREF_SIZE);
        l.getStyleClass().addAll(styleClasses);
        return l;
    }

    static Label section(String title) {
        return text(title, "section-title");
    }

    /** A coloured box with a message: kind is ok, error, warning or info. */
    static Label banner(String message, String kind) {
        Label l = text(message, "banner", "banner-" + kind);
        return l;
    }

    /** A read-only, selectable command line for copying; wraps instead of hiding its end. */
    static TextArea command(String cmd) {
        TextArea f = new TextArea(cmd);
        f.setEditable(false);
        f.setWrapText(true);
        f.setPrefRowCount(Math.max(1, Math.min(4, (cmd.length() + 99) / 100)));
        f.setMinHeight(TextArea.USE_PREF_SIZE);
        f.getStyleClass().add("command");
        f.setFocusTraversable(false);
        return f;
    }

    static VBox column(Node... children) {
        VBox box = new VBox(10, children);
        box.setFillWidth(true);
        return box;
    }

    static VBox lines(List<String> items, String... styleClasses) {
        VBox box = new VBox(4);
        for (String s : items) {
            box.getChildren().add(text(s, styleClasses));
        }
        return box;
    }

    /** Lines that follow an observable list as it grows (the protocol steps of a running command). */
    static VBox liveLines(javafx.collections.ObservableList<String> items, String id, String... styleClasses) {
        VBox box = new VBox(2);
        box.setId(id);
        Runnable fill = () -> box.getChildren().setAll(items.stream().map(s -> (Node) text(s, styleClasses)).toList());
        items.addListener((javafx.collections.ListChangeListener<String>) c -> fill.run());
        fill.run();
        return box;
    }

    /** The page body: a padded column that scrolls vertically when it is long. */
    static ScrollPane body(VBox content) {
        content.setPadding(new Insets(14, 18, 14, 18));
        content.getStyleClass().add("wizard-body");
        ScrollPane sp = new ScrollPane(content);
        sp.setFitToWidth(true);
        sp.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        sp.getStyleClass().add("wizard-scroll");
        return sp;
    }

    /** A table of short texts; the first row is the header. */
    static GridPane table(List<List<String>> rows, double... widths) {
        GridPane g = new GridPane();
        g.getStyleClass().add("table");
        g.setHgap(14);
        g.setVgap(4);
        for (double w : widths) {
            ColumnConstraints c = new ColumnConstraints();
            if (w > 0) {
                c.setPrefWidth(w);
                c.setMinWidth(w);
            } else {
                c.setHgrow(Priority.ALWAYS);
            }
            g.getColumnConstraints().add(c);
        }
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                Label l = text(row.get(c), r == 0 ? "table-header" : "table-cell");
                g.add(l, c, r);
            }
        }
        return g;
    }

    /** Gives the dialog's buttons ids tests and CSS can find: next, previous, finish, cancel. */
    static void tagButtons(DialogPane pane) {
        for (ButtonType t : pane.getButtonTypes()) {
            if (pane.lookupButton(t) instanceof Button b) {
                ButtonBar.ButtonData d = t.getButtonData();
                String id = switch (d) {
                    case NEXT_FORWARD -> "next-button";
                    case BACK_PREVIOUS -> "previous-button";
                    case FINISH -> "finish-button";
                    case CANCEL_CLOSE -> "cancel-button";
                    default -> null;
                };
                if (id != null) {
                    b.setId(id);
                }
            }
        }
    }
}
