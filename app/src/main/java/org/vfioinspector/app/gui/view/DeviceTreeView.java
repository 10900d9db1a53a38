package org.vfioinspector.app.gui.view;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.paint.Color;

import org.vfioinspector.app.gui.DeviceSearch;
import org.vfioinspector.app.gui.graph.GroupPalette;
import org.vfioinspector.app.report.Labels;
import org.vfioinspector.app.session.LoadedHost;
import org.vfioinspector.core.model.BusAddress;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

/**
 * The device list on the left: domain → bus → function like {@code lspci}, filtered by the box
 * above it, kept in step with the selection of the graph.
 */
public final class DeviceTreeView extends VBox {

    /** One row: a heading (domain, bus) or a function. */
    record Entry(String heading, PciDevice device, String name) {
    }

    private final TextField filter = new TextField();
    private final TreeView<Entry> tree = new TreeView<>();
    private final Map<PciAddress, TreeItem<Entry>> items = new HashMap<>();
    private LoadedHost host;
    private boolean syncing;
    private Consumer<PciAddress> onSelect = a -> { };
    /** Each group's swatch colour: the graph's, which recolours neighbouring groups apart (GroupColours). */
    private java.util.function.IntFunction<String> groupColour = GroupPalette::color;

    public DeviceTreeView() {
        getStyleClass().add("device-tree");
        filter.setPromptText("Filter: address, name, driver, group");
        filter.getStyleClass().add("tree-filter");
        filter.textProperty().addListener((o, a, b) -> rebuild());
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new Cell());
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!syncing && b != null && b.getValue().device() != null) {
                onSelect.accept(b.getValue().device().address());
            }
        });
        VBox.setVgrow(tree, Priority.ALWAYS);
        VBox.setMargin(filter, new Insets(6));
        getChildren().addAll(filter, tree);
    }

    public void setOnSelect(Consumer<PciAddress> c) {
        onSelect = c;
    }

    public TreeView<Entry> tree() {
        return tree;
    }

    public TextField filter() {
        return filter;
    }

    /** Takes the graph's group colours, so a group's swatch here matches its region there. */
    public void setGroupColours(java.util.function.IntFunction<String> colour) {
        groupColour = colour;
        tree.refresh();
    }

    /** The colour of group {@code g}'s swatch. */
    public String groupColour(int g) {
        return groupColour.apply(g);
    }

    public void setHost(LoadedHost h) {
        host = h;
        rebuild();
    }

    /** Selects and reveals the function's row without reporting it back as a new selection. */
    public void showSelection(PciAddress a) {
        syncing = true;
        try {
            TreeItem<Entry> it = a == null ? null : items.get(a);
            if (it == null) {
                tree.getSelectionModel().clearSelection();
                return;
            }
            for (TreeItem<Entry> p = it.getParent(); p != null; p = p.getParent()) {
                p.setExpanded(true);
            }
            tree.getSelectionModel().select(it);
            int row = tree.getRow(it);
            if (row >= 0) {
                tree.scrollTo(Math.max(0, row - 3));
            }
        } finally {
            syncing = false;
        }
    }

    private void rebuild() {
        items.clear();
        TreeItem<Entry> root = new TreeItem<>(new Entry("", null, ""));
        if (host == null) {
            tree.setRoot(root);
            return;
        }
        Topology t = host.topology();
        String q = filter.getText() == null ? "" : filter.getText().strip();
        Set<PciAddress> shown = q.isEmpty() ? null : new HashSet<>(DeviceSearch.find(q, t, host.names()));
        Map<Integer, TreeItem<Entry>> domains = new HashMap<>();
        Map<BusAddress, TreeItem<Entry>> buses = new HashMap<>();
        for (PciDevice d : t.devices()) {
            if (shown != null && !shown.contains(d.address())) {
                continue;
            }
            int dom = d.address().domain();
            TreeItem<Entry> di = domains.computeIfAbsent(dom, k -> {
                TreeItem<Entry> x = new TreeItem<>(new Entry("Domain " + String.format("%04x", k), null, ""));
                x.setExpanded(true);
                root.getChildren().add(x);
                return x;
            });
            BusAddress bus = d.address().busAddress();
            TreeItem<Entry> bi = buses.computeIfAbsent(bus, k -> {
                TreeItem<Entry> x = new TreeItem<>(new Entry("Bus " + String.format("%02x", k.bus()), null, ""));
                x.setExpanded(true);
                di.getChildren().add(x);
                return x;
            });
            TreeItem<Entry> fi = new TreeItem<>(new Entry(null, d, Labels.deviceName(d, host.names())));
            bi.getChildren().add(fi);
            items.put(d.address(), fi);
        }
        tree.setRoot(root);
    }

    /** The function of the selected row, if a function row is selected. */
    public java.util.Optional<PciAddress> selectedAddress() {
        TreeItem<Entry> it = tree.getSelectionModel().getSelectedItem();
        return it == null || it.getValue().device() == null ? java.util.Optional.empty()
                : java.util.Optional.of(it.getValue().device().address());
    }

    /** Visible rows; for tests. */
    public List<PciAddress> shownFunctions() {
        return items.keySet().stream().sorted().toList();
    }

    private final class Cell extends TreeCell<Entry> {
        private final Label address = new Label();
        private final Label name = new Label();
        private final Label driver = new Label();
        private final Rectangle chip = new Rectangle(8, 8);
        private final HBox box = new HBox(6, chip, address, name, driver);

        Cell() {
            box.setAlignment(Pos.CENTER_LEFT);
            address.getStyleClass().add("tree-address");
            name.getStyleClass().add("tree-name");
            driver.getStyleClass().add("tree-driver");
            chip.setArcWidth(3);
            chip.setArcHeight(3);
            name.setMinWidth(0);
            address.setMinWidth(Region.USE_PREF_SIZE);
            driver.setMinWidth(Region.USE_PREF_SIZE);
            HBox.setHgrow(name, Priority.SOMETIMES);
        }

        @Override
        protected void updateItem(Entry e, boolean empty) {
            super.updateItem(e, empty);
            getStyleClass().remove("tree-heading");
            if (empty || e == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            if (e.device() == null) {
                setGraphic(null);
                setText(e.heading());
                getStyleClass().add("tree-heading");
                return;
            }
            PciDevice d = e.device();
            setText(null);
            String a = d.address().toString();
            address.setText(a.startsWith("0000:") ? a.substring(5) : a);
            name.setText(e.name());
            driver.setText(d.driver().orElse("—"));
            driver.getStyleClass().removeAll("driver-vfio", "driver-host", "driver-none");
            driver.getStyleClass().add(d.driver().isEmpty() ? "driver-none"
                    : d.boundTo("vfio-pci") ? "driver-vfio" : "driver-host");
            if (d.iommuGroup().isPresent()) {
                chip.setFill(Color.web(groupColour.apply(d.iommuGroup().getAsInt())));
                chip.setVisible(true);
            } else {
                chip.setVisible(false);
            }
            setGraphic(box);
        }
    }
}
