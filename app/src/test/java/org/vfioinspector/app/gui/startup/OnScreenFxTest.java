package org.vfioinspector.app.gui.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * {@link OnScreen} where JavaFX's frame tracker cannot be reached, headless (Monocle); with the tracker, in
 * the real window: InspectorWindowTest.
 */
@ExtendWith(ApplicationExtension.class)
class OnScreenFxTest {

    @Test
    void withoutTheFrameTrackerTheActionWaitsSomePulsesAfterTheReadyOne() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean ready = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CompletableFuture<Boolean> ran = new java.util.concurrent.CompletableFuture<>();
        Stage other = WaitForAsyncUtils.asyncFx(() -> {
            Stage st = new Stage();
            javafx.scene.Scene sc = new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 200, 100);
            sc.getProperties().put(RenderedFrames.class.getName(), Boolean.FALSE); // as when it cannot be reached
            st.setScene(sc);
            st.show();
            assertThat(RenderedFrames.of(sc)).isEmpty();
            OnScreen.when(sc, ready::get, () -> ran.complete(ready.get()));
            return st;
        }).get(5, TimeUnit.SECONDS);
        try {
            WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
            assertThat(ran).as("not before a ready pulse").isNotDone();
            WaitForAsyncUtils.asyncFx(() -> {
                ready.set(true);
                other.getScene().getRoot().requestLayout(); // a pulse
            }).get(5, TimeUnit.SECONDS);
            assertThat(ran.get(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            WaitForAsyncUtils.asyncFx(other::close).get(5, TimeUnit.SECONDS);
        }
    }
}
