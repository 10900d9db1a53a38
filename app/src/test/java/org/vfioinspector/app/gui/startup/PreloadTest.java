package org.vfioinspector.app.gui.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.app.gui.graph.TreeLayout;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.app.session.LoadedHost;

/** The launcher's read of the host, on its own (the window model's use of it: MainViewModelTest). */
class PreloadTest {

    @Test
    void theDetailsAreReadWithoutTheWindowsWordWhenItNeverDraws() throws Exception {
        // the fallback timer is the test's: it hears when the fallback is armed and fires it itself
        CompletableFuture<Long> delay = new CompletableFuture<>();
        CompletableFuture<Runnable> fallback = new CompletableFuture<>();
        Preload p = Preload.start(HostSource.of(Hosts.sharedDemo()), new TreeLayout(), ms -> {
            delay.complete(ms);
            return fallback::complete;
        });
        // nobody calls readDetails(): the layout arms the fallback, and the details wait for it
        Runnable fire = fallback.get(60, TimeUnit.SECONDS);
        assertThat(delay.get()).isEqualTo(Preload.DETAILS_AT_THE_LATEST_MS);
        assertThat(p.sceneIfReady()).as("laid out: there without waiting").containsSame(p.scene());
        CompletableFuture<LoadedHost> host = CompletableFuture.supplyAsync(() -> {
            try {
                return p.host();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        assertThat(host).as("no details before the fallback fires").isNotDone();
        fire.run();
        LoadedHost h = host.get(60, TimeUnit.SECONDS);
        try {
            assertThat(h.topology().size()).isEqualTo(42);
        } finally {
            h.close();
        }
    }

    @Test
    void aGraphThatCouldNotBeLaidOutIsNotReady(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Preload p = Preload.start(HostSource.of(dir.resolve("no-such-snapshot.tar.gz")), new TreeLayout());
        org.assertj.core.api.Assertions.assertThatThrownBy(p::scene).isInstanceOf(Exception.class);
        assertThat(p.sceneIfReady()).isEmpty();
    }
}
