package org.vfioinspector.app.gui.view;

import java.util.Optional;

import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.app.session.RecentHosts;
import org.vfioinspector.core.remote.RemoteHost;

/**
 * "Open host…": asks for {@code [user@]HOST[:PORT]} (the recent ones to pick from) and whether to capture through
 * {@code sudo -n}; the host is checked as strictly as {@code --host}. Only the host names are remembered.
 */
final class OpenHostDialog {

    private OpenHostDialog() {
    }

    /** The host source chosen, or empty when cancelled; {@code error} is told why a host was not accepted. */
    static Optional<HostSource> ask(Window owner, RecentHosts recent, java.util.function.Consumer<String> error) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Open host");
        d.setHeaderText("Inspect another machine over ssh (your own ssh config, keys and known_hosts; "
                + "no password prompts, nothing installed there)");
        ComboBox<String> host = new ComboBox<>();
        host.setId("open-host-name");
        host.setEditable(true);
        host.setPromptText("user@lab1:22");
        recent.list().forEach(h -> host.getItems().add(h.toString()));
        if (!host.getItems().isEmpty()) {
            host.setValue(host.getItems().get(0));
        }
        CheckBox sudo = new CheckBox("Capture with sudo -n (full config space and VM holders)");
        sudo.setId("open-host-sudo");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Host"), host);
        grid.add(sudo, 1, 1);
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Optional<ButtonType> answer = d.showAndWait();
        if (answer.isEmpty() || answer.get() != ButtonType.OK) {
            return Optional.empty();
        }
        String text = host.getEditor().getText() == null ? "" : host.getEditor().getText().strip();
        try {
            RemoteHost h = RemoteHost.parse(text);
            recent.remember(h);
            return Optional.of(HostSource.remote(h, sudo.isSelected()));
        } catch (IllegalArgumentException e) {
            error.accept(e.getMessage());
            return Optional.empty();
        }
    }
}
