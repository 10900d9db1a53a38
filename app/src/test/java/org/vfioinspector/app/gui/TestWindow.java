package org.vfioinspector.app.gui;

import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.stage.Stage;

import org.testfx.util.WaitForAsyncUtils;
import org.vfioinspector.app.gui.view.MainView;
import org.vfioinspector.app.session.HostSource;

/** The inspector window for TestFX tests: built like InspectorApp builds it, and a host opened in it. */
public final class TestWindow {

    private TestWindow() {
    }

    /** Builds the window over {@code model} on {@code stage} and shows it. */
    public static MainView show(Stage stage, MainViewModel model) {
        MainView view = new MainView(model, stage);
        // within Monocle's headless screen (1280x800), or its painter overflows its buffer
        Scene scene = new Scene(view, 1200, 760);
        view.install(scene);
        stage.setScene(scene);
        stage.show();
        return view;
    }

    /**
     * Opens {@code source} and waits until it is read and its graph laid out (or it has no PCI data), and
     * the window's side panels, which come a frame after the graph, are there.
     */
    public static void open(MainView view, MainViewModel model, HostSource source) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> model.open(source)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.hostProperty().get() != null
                && !model.busyProperty().get() && model.sceneProperty().get().model().size() > 0
                || model.hostProperty().get() != null && model.hostProperty().get().topology().isEmpty());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(view::panelsBuilt).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Shows the device list, collapsed in windows as narrow as the tests' (as Ctrl+1 or Devices does). */
    public static void showDeviceList(MainView view) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> view.treeShownProperty().set(true)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
