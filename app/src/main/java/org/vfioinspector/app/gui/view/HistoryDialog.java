package org.vfioinspector.app.gui.view;

import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.vfioinspector.app.gui.HistoryListing;

/**
 * The History dialog: the audit log's records, newest first, as {@code vfio-inspector history} shows them. The
 * window only reads the log; the commands that act write it.
 */
final class HistoryDialog {

    private HistoryDialog() {
    }

    /** Shows {@code listing} in a window owned by {@code owner}. */
    static Stage show(Window owner, HistoryListing listing) {
        Label header = new Label(listing.header());
        header.setId("history-header");
        header.setWrapText(true);

        TableView<HistoryListing.Row> table = new TableView<>(FXCollections.observableArrayList(listing.rows()));
        table.setId("history-table");
        table.setPlaceholder(new Label("No records."));
        table.getColumns().add(column("Time", 190, HistoryListing.Row::time));
        table.getColumns().add(column("Action", 260, HistoryListing.Row::action));
        table.getColumns().add(column("Result", 150, HistoryListing.Row::outcome));
        table.getColumns().add(column("Asked by", 220, HistoryListing.Row::askedBy));
        table.getColumns().add(column("Functions", 260, HistoryListing.Row::functions));
        table.getColumns().add(column("Message", 400, HistoryListing.Row::message));
        VBox.setVgrow(table, Priority.ALWAYS);

        Label notes = new Label(String.join("\n", listing.notes()));
        notes.setId("history-notes");
        notes.getStyleClass().add("muted");
        notes.setVisible(!listing.notes().isEmpty());
        notes.setManaged(!listing.notes().isEmpty());

        Stage stage = new Stage();
        Button close = new Button("Close");
        close.setId("history-close");
        close.setCancelButton(true);
        close.setDefaultButton(true);
        close.setOnAction(e -> stage.close());
        HBox buttons = new HBox(close);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);

        VBox root = new VBox(8, header, table, notes, buttons);
        root.setPadding(new Insets(12));
        root.getStyleClass().add("history-dialog");
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle("History — audit log");
        Scene scene = new Scene(root, 1100, 480);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    private static TableColumn<HistoryListing.Row, String> column(String title, double width,
                                                                  Function<HistoryListing.Row, String> value) {
        TableColumn<HistoryListing.Row, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }
}
