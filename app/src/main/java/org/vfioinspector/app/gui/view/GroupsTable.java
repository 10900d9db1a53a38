package org.vfioinspector.app.gui.view;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

import org.vfioinspector.app.gui.GroupSummary;
import org.vfioinspector.core.model.PciAddress;

/** Every IOMMU group at a glance: members, drivers, and whether it can go to a VM as it is. */
final class GroupsTable extends TableView<GroupSummary> {

    GroupsTable(Consumer<PciAddress> onSelect) {
        setId("groups-table");
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY);
        setPlaceholder(new Label("No IOMMU groups."));
        getColumns().add(column("Group", 60, g -> Integer.toString(g.id())));
        getColumns().add(column("Functions", 240, g -> g.members().stream().map(PciAddress::toString)
                .collect(Collectors.joining(", "))));
        getColumns().add(column("Devices", 330, GroupSummary::devices));
        getColumns().add(column("Drivers", 140, GroupSummary::drivers));
        getColumns().add(column("For a VM", 220, GroupSummary::state));
        setRowFactory(t -> {
            TableRow<GroupSummary> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty() && !row.getItem().members().isEmpty()) {
                    onSelect.accept(row.getItem().members().get(0));
                }
            });
            return row;
        });
    }

    void show(List<GroupSummary> groups) {
        setItems(FXCollections.observableArrayList(groups));
    }

    private static TableColumn<GroupSummary, String> column(String title, double width, Function<GroupSummary, String> f) {
        TableColumn<GroupSummary, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        return c;
    }
}
