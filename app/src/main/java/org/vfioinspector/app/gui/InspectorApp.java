package org.vfioinspector.app.gui;

import java.util.List;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

import org.vfioinspector.app.cli.Names;
import org.vfioinspector.app.cli.Session;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;

/**
 * The inspector window. For now a device tree and a status line; the topology graph and blast
 * radius views are built on the same session.
 */
public final class InspectorApp extends Application {

    private final Label status = new Label("Reading PCI topology…");
    private final TreeView<String> tree = new TreeView<>();

    @Override
    public void start(Stage stage) {
        BorderPane pane = new BorderPane(tree);
        pane.setBottom(status);
        stage.setTitle("VFIO Inspector");
        stage.setScene(new Scene(pane, 1100, 720));
        stage.show();
        Task<Loaded> load = new Task<>() {
            @Override
            protected Loaded call() {
                return Loaded.open(InspectorLauncher.demo, InspectorLauncher.root);
            }
        };
        load.setOnSucceeded(e -> show(stage, load.getValue()));
        load.setOnFailed(e -> status.setText("Could not read the host: " + load.getException().getMessage()));
        Thread t = new Thread(load, "scan");
        t.setDaemon(true);
        t.start();
    }

    private void show(Stage stage, Loaded l) {
        TreeItem<String> rootItem = new TreeItem<>(l.title);
        rootItem.setExpanded(true);
        for (PciDevice d : l.topology.roots()) {
            rootItem.getChildren().add(item(d, l.topology, l.names));
        }
        tree.setRoot(rootItem);
        stage.setTitle("VFIO Inspector — " + l.title);
        status.setText(l.topology.size() + " functions, " + l.topology.groups().size() + " IOMMU groups · "
                + l.topology.host().iommuSummary()
                + l.topology.host().kernelRelease().map(k -> " · kernel " + k).orElse("")
                + (l.fallback ? " · this host has no usable PCI/IOMMU data, showing the demo topology" : ""));
    }

    private TreeItem<String> item(PciDevice d, Topology t, PciIds names) {
        String label = d.address() + "  " + Names.describe(d, names) + "  [" + d.driver().orElse("no driver") + "]"
                + (d.iommuGroup().isPresent() ? "  group " + d.iommuGroup().getAsInt() : "");
        TreeItem<String> it = new TreeItem<>(label);
        it.setExpanded(true);
        List<PciAddress> kids = t.children(d.address());
        for (PciAddress k : kids) {
            t.device(k).ifPresent(c -> it.getChildren().add(item(c, t, names)));
        }
        return it;
    }

    @Override
    public void stop() {
        Platform.exit();
    }

    /** What the background scan produced. */
    record Loaded(Topology topology, PciIds names, String title, boolean fallback) {

        static Loaded open(boolean demo, java.nio.file.Path root) {
            Session.Source source = demo ? Session.Source.DEMO : root == null ? Session.Source.LIVE : Session.Source.PATH;
            Session s = Session.open(source, root);
            Topology t = s.topology();
            boolean fallback = false;
            if (source == Session.Source.LIVE && (t.isEmpty() || !t.host().iommuEnabled())) {
                s.close();
                s = Session.open(Session.Source.DEMO, null);
                t = s.topology();
                fallback = true;
            }
            String title = fallback || demo ? "demo topology" : s.root().description();
            return new Loaded(t, s.names(), title, fallback);
        }
    }
}
