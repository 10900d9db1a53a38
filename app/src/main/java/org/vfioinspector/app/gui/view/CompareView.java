package org.vfioinspector.app.gui.view;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.vfioinspector.app.gui.CompareMarks;
import org.vfioinspector.app.gui.graph.GraphScene;
import org.vfioinspector.app.report.DiffText;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.app.session.LoadedHost;
import org.vfioinspector.core.compare.Comparer;
import org.vfioinspector.core.compare.Comparison;
import org.vfioinspector.core.compare.Side;
import org.vfioinspector.core.model.PciAddress;

/**
 * "Compare with…": the open host against a snapshot or directory (the earlier side). The differences are listed
 * as {@code diff} prints them; selecting one selects its function in the graph; the graph marks the changed
 * functions (Δ pills) until it is laid out again.
 */
public final class CompareView {

    private CompareView() {
    }

    /** Reads {@code other} off the FX thread, compares, then shows the list and marks the graph. */
    static void start(Window owner, LoadedHost host, Path other, GraphView graph, Consumer<PciAddress> select,
                      Consumer<String> failed, Runnable marked) {
        Thread t = new Thread(() -> {
            try (LoadedHost before = LoadedHost.load(HostSource.of(other))) {
                Comparison c = compare(before, host);
                Platform.runLater(() -> {
                    show(owner, c, graph, select);
                    marked.run();
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> failed.accept("Cannot compare with " + other + ": " + e.getMessage()));
            }
        }, "compare");
        t.setDaemon(true);
        t.start();
    }

    /** The earlier side against the open host. */
    public static Comparison compare(LoadedHost before, LoadedHost now) {
        Side a = Side.of(before.title(), before.session().root(), before.topology(), before.health());
        Side b = Side.of(now.title(), now.session().root(), now.topology(), now.health());
        return Comparer.compare(a, b);
    }

    /** The list window, and the marks on the graph. */
    public static Stage show(Window owner, Comparison c, GraphView graph, Consumer<PciAddress> select) {
        GraphScene s = graph.scene();
        if (s != null) {
            graph.setScene(s.withMarks(s.marks().plus(CompareMarks.of(c))), true);
        }
        ListView<DiffText.Line> list = new ListView<>();
        list.setId("compare-list");
        list.getItems().setAll(DiffText.lines(c));
        list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(DiffText.Line item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.text());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, line) -> Optional.ofNullable(line)
                .flatMap(DiffText.Line::change).flatMap(x -> x.after()).ifPresent(select));
        Label verdict = new Label(DiffText.verdict(c));
        verdict.setId("compare-verdict");
        verdict.setWrapText(true);
        BorderPane root = new BorderPane(list);
        root.setTop(verdict);
        BorderPane.setMargin(verdict, new Insets(6));
        Stage stage = new Stage();
        stage.setTitle("Compare " + c.before() + " → " + c.after());
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setScene(new Scene(root, 760, 520));
        stage.show();
        return stage;
    }
}
