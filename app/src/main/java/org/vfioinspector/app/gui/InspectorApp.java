package org.vfioinspector.app.gui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

import org.vfioinspector.app.Timing;
import org.vfioinspector.app.gui.graph.TreeLayout;
import org.vfioinspector.app.gui.startup.FirstFrame;
import org.vfioinspector.app.gui.startup.OnScreen;
import org.vfioinspector.app.gui.startup.Preload;
import org.vfioinspector.app.gui.view.MainView;
import org.vfioinspector.app.gui.wizard.WizardFlows;

/** The inspector window's JavaFX application. */
public final class InspectorApp extends Application {

    private MainViewModel model;

    @Override
    public void start(Stage stage) {
        Timing.mark("JavaFX started");
        FxBackground background = new FxBackground();
        model = new MainViewModel(background, new TreeLayout(),
                WizardFlows.forWindow(stage, background, new FxDialogs(stage)));
        MainView view = new MainView(model, stage);
        Timing.mark("view built");
        // 1440×900, or less on a smaller screen: the window must not open wider than the display
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view, Math.min(1440, screen.getWidth() * 0.95), Math.min(900, screen.getHeight() * 0.92));
        view.install(scene);
        stage.setTitle("VFIO Inspector");
        for (int size : new int[] {16, 32, 48, 64, 128}) {
            var in = InspectorApp.class.getResourceAsStream("vfio-inspector-" + size + ".png");
            if (in != null) {
                stage.getIcons().add(new Image(in));
            }
        }
        stage.setScene(scene);
        Timing.mark("scene set");
        FirstFrame.watch(scene, () -> model.sceneProperty().get().model().size() > 0);
        stage.show();
        Timing.mark("window shown");
        Preload preload = InspectorLauncher.takePreload();
        if (preload != null) {
            model.open(preload);
            // the graph comes from the host's outline; the rest is read once that graph is on the screen
            OnScreen.when(scene, () -> model.sceneProperty().get().model().size() > 0, () -> {
                Timing.mark("graph on the screen: reading the details");
                preload.readDetails();
            });
        } else {
            model.open(InspectorLauncher.source());
        }
    }

    @Override
    public void stop() {
        if (model != null) {
            model.close();
        }
    }
}
