package org.vfioinspector.app.gui.startup;

import java.util.Set;
import java.util.concurrent.Callable;

import org.vfioinspector.app.Timing;
import org.vfioinspector.app.gui.graph.GraphScene;
import org.vfioinspector.app.session.LoadedHost;
import org.vfioinspector.core.model.PciAddress;

/**
 * The window model's start-up state, its one seam onto the fast path: the launcher's {@link Preload} and
 * its host until the first layout of that host has been taken from it, the graph of the outline shown
 * before the host's details are read, and a function picked in that graph meanwhile, selected once they
 * are. FX thread only (the model's).
 */
public final class OutlineFirst {

    /** The launcher's preload and its host, until the first layout of that host has been taken from it. */
    private Preload preloaded;
    private LoadedHost preloadedHost;
    /** The graph of the launcher's outline, shown before the host's details are read; null once the host is. */
    private GraphScene earlyScene;
    /** A function picked in that graph before the host was read, selected once it is. */
    private PciAddress pendingSelection;
    private boolean pendingCentre;

    /** What the host read completely takes over from the outline. */
    public record Handover(boolean keepScene, PciAddress selection, boolean centre) {
    }

    /** The outline's graph is being shown, before the host is read. */
    public void showing(GraphScene scene) {
        Timing.mark("graph laid out (outline): " + scene.model().size() + " nodes");
        earlyScene = scene;
    }

    /** A host was read, by {@code preload} or (null) by any other open. */
    public void hostRead(Preload preload, LoadedHost loaded) {
        preloaded = preload;
        preloadedHost = preload == null ? null : loaded;
    }

    /**
     * Remembers {@code address} when it is a function of the outline's graph shown while the host is still
     * being read; false (nothing remembered) otherwise.
     */
    public boolean hold(PciAddress address, boolean centre) {
        if (earlyScene == null || address == null || earlyScene.model().nodeOf(address).isEmpty()) {
            return false;
        }
        pendingSelection = address;
        pendingCentre = centre;
        return true;
    }

    /** Forgets a function picked before the host was read. */
    public void dropSelection() {
        pendingSelection = null;
    }

    /**
     * The host read completely is about to be shown while {@code showing} is on the screen: whether that
     * graph stays (it is the outline's and the graph of {@code loaded}: always, unless a config space
     * contradicts the class and attributes it was drawn from), and the selection to make, {@code keep} or else
     * the one picked in the outline's graph.
     */
    public Handover handOver(LoadedHost loaded, GraphScene showing, PciAddress keep) {
        boolean keepScene = earlyScene != null && showing == earlyScene && preloadedHost == loaded
                && preloaded.sceneFitsHost();
        earlyScene = null;
        Handover h = new Handover(keepScene, keep != null ? keep : pendingSelection, keep == null && pendingCentre);
        pendingSelection = null;
        if (keepScene) {
            forgetPreload(); // its layout is the one showing
        }
        return h;
    }

    /**
     * The work that lays {@code host} out with {@code expanded} VFs: the preload's layout when it is the
     * one (the host it read, no VF expanded, the outline's graph fits), else {@code compute}. The preload
     * is asked once only.
     */
    public Callable<GraphScene> layout(LoadedHost host, Set<PciAddress> expanded, Callable<GraphScene> compute) {
        return layout(host, expanded, Set.of(), compute);
    }

    /** As {@link #layout(LoadedHost, Set, Callable)}; the preload is only the one when no bridge is collapsed either. */
    public Callable<GraphScene> layout(LoadedHost host, Set<PciAddress> expanded, Set<PciAddress> collapsed,
                                       Callable<GraphScene> compute) {
        Preload pre = preloaded != null && preloadedHost == host && expanded.isEmpty() && collapsed.isEmpty()
                && preloaded.sceneFitsHost() ? preloaded : null;
        forgetPreload();
        if (pre == null) {
            return compute;
        }
        return () -> {
            try {
                return pre.scene();
            } catch (Exception | LinkageError e) {
                return compute.call(); // lay it out again here
            }
        };
    }

    private void forgetPreload() {
        preloaded = null;
        preloadedHost = null;
    }
}
