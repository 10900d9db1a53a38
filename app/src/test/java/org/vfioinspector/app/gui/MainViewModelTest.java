package org.vfioinspector.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.app.gui.graph.TreeLayout;
import org.vfioinspector.app.gui.graph.GraphScene;
import org.vfioinspector.app.gui.graph.GraphBuilder;
import org.vfioinspector.app.gui.graph.GraphNode;
import org.vfioinspector.app.gui.graph.NodeKind;
import org.vfioinspector.app.gui.startup.Preload;
import org.vfioinspector.app.gui.startup.ReadGauge;
import org.vfioinspector.app.report.DetailSection;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.app.session.LoadedHost;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.SysfsNames;

/** The window's presentation model, driven without an FX thread. */
class MainViewModelTest {

    private final MainViewModel vm = new MainViewModel(Background.sameThread(), new TreeLayout());

    @AfterEach
    void close() {
        vm.close();
    }

    private static PciAddress a(String s) {
        return PciAddress.parse(s);
    }

    private void openDemo() {
        vm.open(HostSource.of(Hosts.sharedDemo()));
    }

    @Test
    void openingAHostShowsItsSummaryAndItsGraph() {
        openDemo();

        assertThat(vm.hostProperty().get()).isNotNull();
        assertThat(vm.statusProperty().get()).startsWith("42 functions · 33 IOMMU groups · IOMMU on (passthrough)")
                .contains("kernel 6.8.0-49-generic");
        assertThat(vm.bannerProperty().get()).isNull();
        assertThat(vm.sceneProperty().get().model().nodeOf(a("0000:04:00.0"))).isPresent();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.selectionProperty().get()).isNull();
        assertThat(vm.groupsProperty().get()).hasSize(33);
    }

    @Test
    void aPreloadedHostIsShownWithItsPreloadedGraphAndLaidOutAgainOnlyWhenVfsChange() throws Exception {
        int[] layouts = {0};
        TreeLayout tree = new TreeLayout();
        org.vfioinspector.app.gui.graph.GraphLayout counting = m -> {
            layouts[0]++;
            return tree.layout(m);
        };
        MainViewModel pre = new MainViewModel(Background.sameThread(), counting);
        try {
            HostSource source = HostSource.of(Hosts.sharedDemo());
            Preload p = Preload.start(source, tree); // the launcher's own layout, not the window's
            p.scene();
            p.readDetails(); // as the window does once the graph is on the screen

            pre.open(p);

            assertThat(pre.hostProperty().get()).isSameAs(p.host());
            // the preloaded layout itself, carrying the consequence marks of the host state read since
            assertThat(pre.sceneProperty().get().layout()).isSameAs(p.scene().layout());
            assertThat(pre.sceneProperty().get().model()).isSameAs(p.scene().model());
            assertThat(pre.sceneProperty().get().marks().isEmpty()).as("the demo's disks are marked").isFalse();
            assertThat(layouts[0]).as("the window did not lay the host out again").isZero();
            pre.toggleVfs(a("0001:01:00.0"));
            assertThat(layouts[0]).as("expanding VFs lays out anew").isEqualTo(1);
            pre.refresh();
            assertThat(layouts[0]).as("a refresh reads and lays out anew").isEqualTo(2);
            assertThat(pre.hostProperty().get()).isNotSameAs(p.host());
        } finally {
            pre.close();
        }
    }

    @Test
    void aPreloadedLayoutIsNotReusedWhileASubtreeIsFolded() throws Exception {
        HostSource source = HostSource.of(Hosts.sharedDemo());
        vm.open(source);
        PciAddress sw = a("0000:02:00.0");
        vm.toggleSubtree(sw);
        Preload p = Preload.start(source, new TreeLayout());
        p.scene();
        p.readDetails();

        vm.open(p); // the same source again: the fold stays, so the preload's unfolded layout is not the one

        assertThat(vm.collapsedBridgesProperty().get()).containsExactly(sw);
        assertThat(vm.sceneProperty().get().model().node(GraphBuilder.subtreeId(sw))).isPresent();
        assertThat(vm.sceneProperty().get().model()).isNotSameAs(p.scene().model());
    }

    @Test
    void aPreloadThatFailedSaysWhyLikeAnyOpen(@TempDir Path dir) {
        MainViewModel pre = new MainViewModel(Background.sameThread(), new TreeLayout());
        try {
            pre.open(Preload.start(HostSource.of(dir.resolve("no-such-snapshot.tar.gz")), new TreeLayout()));

            assertThat(pre.hostProperty().get()).isNull();
            assertThat(pre.statusProperty().get()).startsWith("Nothing open: ");
        } finally {
            pre.close();
        }
    }

    @Test
    void aHostWithoutIommuGroupsRaisesTheBannerWithTheDemoOnOffer(@TempDir Path dir) {
        vm.open(HostSource.of(Hosts.withoutGroups(dir)));

        Banner b = vm.bannerProperty().get();
        assertThat(b).isNotNull();
        assertThat(b.title()).isEqualTo("No IOMMU groups");
        assertThat(b.text()).contains("intel_iommu=on");
        assertThat(b.offerDemo()).isTrue();
        assertThat(vm.statusProperty().get()).contains("IOMMU off").doesNotContain("virtual machine");
    }

    @Test
    void aVirtualMachineWithoutIommuGroupsIsToldToAddAVirtualIommuNotToVisitTheFirmware(@TempDir Path dir)
            throws Exception {
        Path root = Hosts.withoutGroups(dir);
        Files.createDirectories(root.resolve(SysfsNames.DMI_SYS_VENDOR).getParent());
        Files.writeString(root.resolve(SysfsNames.DMI_SYS_VENDOR), "QEMU\n");
        Files.writeString(root.resolve(SysfsNames.DMI_PRODUCT_NAME), "Standard PC (Q35 + ICH9, 2009)\n");
        vm.open(HostSource.of(root));

        Banner b = vm.bannerProperty().get();
        assertThat(b.title()).isEqualTo("No IOMMU in this virtual machine");
        assertThat(b.text()).contains("QEMU/KVM", "virtual IOMMU", "on the host").doesNotContain("firmware setup");
        assertThat(vm.statusProperty().get()).contains("virtual machine (QEMU/KVM)");
    }

    @Test
    void aHostWithoutPciDataSaysSo(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sys/bus/pci/devices"));

        vm.open(HostSource.of(dir));

        assertThat(vm.bannerProperty().get().title()).isEqualTo("No PCI data");
        assertThat(vm.sceneProperty().get().model().size()).isZero();
    }

    @Test
    void searchingIntoACollapsedSubtreeOpensItAndFoldingAwayTheSelectionSelectsTheBridge() {
        openDemo();
        PciAddress sw = a("0000:02:00.0");
        vm.toggleSubtree(sw);
        assertThat(vm.collapsedBridgesProperty().get()).containsExactly(sw);
        GraphNode folded = vm.sceneProperty().get().model().nodeOf(a("0000:04:00.1")).orElseThrow();
        assertThat(folded.kind()).isEqualTo(NodeKind.SUBTREE);

        vm.search("0000:04:00.1");

        assertThat(vm.selectionProperty().get()).isEqualTo(a("0000:04:00.1"));
        assertThat(vm.collapsedBridgesProperty().get()).isEmpty();
        assertThat(vm.sceneProperty().get().model().nodeOf(a("0000:04:00.1")).orElseThrow().kind())
                .isEqualTo(NodeKind.FUNCTION);
        assertThat(vm.centreRequestProperty().get().address()).isEqualTo(a("0000:04:00.1"));

        // folding the selection away moves it to the bridge that hides it
        vm.toggleSubtree(sw);
        assertThat(vm.selectionProperty().get()).isEqualTo(sw);

        vm.collapseSwitches();
        assertThat(vm.collapsedBridgesProperty().get()).contains(sw, a("0000:06:00.0"));
        vm.select(a("0000:07:01.0"), false);
        assertThat(vm.collapsedBridgesProperty().get()).doesNotContain(a("0000:06:00.0")).contains(sw);
        vm.expandAllSubtrees();
        assertThat(vm.collapsedBridgesProperty().get()).isEmpty();

        // what a selected bridge's reset reaches inside a folded subtree marks the folded node
        vm.toggleSubtree(a("0000:03:08.0"));
        vm.select(a("0000:03:08.0"), false);
        GraphNode gpus = vm.sceneProperty().get().model().nodeOf(a("0000:04:00.0")).orElseThrow();
        assertThat(gpus.kind()).isEqualTo(NodeKind.SUBTREE);
        assertThat(vm.highlightProperty().get().isAffected(gpus)).isTrue();
    }

    @Test
    void selectingAFunctionShowsItsBlastRadiusHighlightAndDetails() {
        openDemo();

        vm.select(a("0000:04:00.0"), false);

        assertThat(vm.blastProperty().get().hotReset().affected()).containsExactly(a("0000:04:00.0"), a("0000:04:00.1"));
        assertThat(vm.blastProperty().get().blockers()).extracting(f -> f.code()).contains("GROUP_HELD");
        assertThat(vm.highlightProperty().get().resetBridge()).contains(a("0000:03:08.0"));
        assertThat(vm.detailsProperty().get()).extracting(DetailSection::title).contains("IOMMU group", "Reset methods");
        assertThat(vm.centreRequestProperty().get()).as("a click in the graph does not move it").isNull();

        vm.clearSelection();
        assertThat(vm.blastProperty().get()).isNull();
        assertThat(vm.highlightProperty().get().active()).isFalse();
    }

    @Test
    void searchSelectsTheNextMatchAndAsksTheGraphToCentreIt() {
        openDemo();

        vm.search("group 12");
        assertThat(vm.selectionProperty().get()).isEqualTo(a("0000:04:00.0"));
        assertThat(vm.searchResultProperty().get()).isEqualTo("1 of 2");
        assertThat(vm.centreRequestProperty().get().address()).isEqualTo(a("0000:04:00.0"));
        long first = vm.centreRequestProperty().get().seq();

        vm.search("group 12");
        assertThat(vm.selectionProperty().get()).isEqualTo(a("0000:04:00.1"));
        vm.search("group 12");
        assertThat(vm.selectionProperty().get()).as("wraps around").isEqualTo(a("0000:04:00.0"));
        assertThat(vm.centreRequestProperty().get().seq()).isGreaterThan(first);
    }

    @Test
    void aSearchWithoutMatchSaysSoAndKeepsTheSelection() {
        openDemo();
        vm.select(a("0000:05:00.0"), false);

        vm.search("no-such-driver");

        assertThat(vm.searchResultProperty().get()).contains("No function matches");
        assertThat(vm.selectionProperty().get()).isEqualTo(a("0000:05:00.0"));
    }

    @Test
    void findingAVfExpandsItsPfThenCentresOnIt() {
        openDemo();
        PciAddress pf = a("0001:01:00.0");
        assertThat(vm.sceneProperty().get().model().nodeOf(a("0001:01:02.2")).orElseThrow().kind()).isEqualTo(NodeKind.VF_GROUP);

        vm.search("0001:01:02.2");

        assertThat(vm.expandedPfsProperty().get()).containsExactly(pf);
        assertThat(vm.sceneProperty().get().model().nodeOf(a("0001:01:02.2")).orElseThrow().kind()).isEqualTo(NodeKind.FUNCTION);
        assertThat(vm.centreRequestProperty().get().address()).isEqualTo(a("0001:01:02.2"));
    }

    @Test
    void collapsingTheVfsOfTheSelectedVfSelectsThePf() {
        openDemo();
        PciAddress pf = a("0001:01:00.0");
        vm.toggleVfs(pf);
        assertThat(vm.sceneProperty().get().model().node(GraphBuilder.functionId(a("0001:01:02.0")))).isPresent();
        vm.select(a("0001:01:02.0"), false);

        vm.toggleVfs(pf);

        assertThat(vm.expandedPfsProperty().get()).isEmpty();
        assertThat(vm.selectionProperty().get()).isEqualTo(pf);
        assertThat(vm.sceneProperty().get().model().node(GraphBuilder.vfGroupId(pf))).isPresent();
    }

    @Test
    void refreshReadsAgainAndKeepsTheSelection() {
        openDemo();
        var before = vm.hostProperty().get();
        vm.select(a("0000:08:00.0"), false);

        vm.refresh();

        assertThat(vm.hostProperty().get()).isNotSameAs(before);
        assertThat(vm.selectionProperty().get()).isEqualTo(a("0000:08:00.0"));
        assertThat(vm.blastProperty().get().device()).isEqualTo(a("0000:08:00.0"));
    }

    @Test
    void aHostThatCannotBeOpenedIsReportedNotThrown(@TempDir Path dir) {
        vm.open(HostSource.of(dir.resolve("missing.tar.gz")));

        assertThat(vm.hostProperty().get()).isNull();
        assertThat(vm.messageProperty().get()).startsWith("Could not open");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    /** A model whose background work waits in {@code queued} until the test runs it, in any order. */
    private static MainViewModel queuedModel(Deque<Runnable> queued) {
        return queuedModel(queued, new TreeLayout());
    }

    private static MainViewModel queuedModel(Deque<Runnable> queued, org.vfioinspector.app.gui.graph.GraphLayout layout) {
        return new MainViewModel(new Background() {
            @Override
            public <T> void run(String what, Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
                queued.add(() -> Background.sameThread().run(what, work, done, failed));
            }

            @Override
            public void publish(Runnable update) {
                update.run();
            }
        }, layout);
    }

    /** The launcher's layout, held until {@code go} counts down: the window opens while it is being laid out. */
    private static org.vfioinspector.app.gui.graph.GraphLayout gated(java.util.concurrent.CountDownLatch go) {
        TreeLayout tree = new TreeLayout();
        return m -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return tree.layout(m);
        };
    }

    @Test
    void anOutlineLaidOutBeforeTheWindowOpensItIsShownAtOnceNotAfterABackgroundTurn() throws Exception {
        Deque<Runnable> queued = new ArrayDeque<>();
        MainViewModel staged = queuedModel(queued);
        try {
            Preload p = Preload.start(HostSource.of(Hosts.sharedDemo()), new TreeLayout());
            GraphScene early = p.scene(); // laid out while the window was being shown
            assertThat(p.sceneIfReady()).containsSame(early);
            staged.open(p);
            assertThat(staged.sceneProperty().get()).as("in the scene before any background work ran").isSameAs(early);
            assertThat(queued).as("only the read, waiting for the details").hasSize(1);
            p.readDetails();
            queued.poll().run();
            while (!queued.isEmpty()) {
                queued.poll().run();
            }
            assertThat(staged.hostProperty().get()).isSameAs(p.host());
            assertThat(staged.sceneProperty().get()).as("the same graph, not laid out again").isSameAs(early);
        } finally {
            staged.close();
        }
    }

    /** A layout that counts its calls: the window's own, as opposed to the launcher's. */
    private static org.vfioinspector.app.gui.graph.GraphLayout counting(int[] calls) {
        TreeLayout tree = new TreeLayout();
        return m -> {
            calls[0]++;
            return tree.layout(m);
        };
    }

    @Test
    void theOutlinesGraphIsShownBeforeTheDetailsAndStaysWhenTheyArrive() throws Exception {
        Deque<Runnable> queued = new ArrayDeque<>();
        int[] layouts = {0};
        MainViewModel staged = queuedModel(queued, counting(layouts));
        try {
            java.util.concurrent.CountDownLatch laidOut = new java.util.concurrent.CountDownLatch(1);
            Preload p = Preload.start(HostSource.of(Hosts.sharedDemo()), gated(laidOut));
            staged.open(p);
            assertThat(queued).hasSize(2); // the read, waiting for the details; the outline's graph, being laid out
            laidOut.countDown();
            Runnable read = queued.poll();
            queued.poll().run();

            GraphScene early = staged.sceneProperty().get();
            assertThat(early).isSameAs(p.scene());
            assertThat(early.model().nodeOf(a("0000:04:00.0"))).isPresent();
            assertThat(staged.hostProperty().get()).as("details not read yet").isNull();
            assertThat(staged.busyProperty().get()).isTrue();
            // a click on the graph before the details: remembered, not lost
            staged.select(a("0000:04:00.0"), false);
            assertThat(staged.selectionProperty().get()).isNull();

            p.readDetails();
            read.run();
            while (!queued.isEmpty()) {
                queued.poll().run();
            }

            assertThat(staged.hostProperty().get()).isSameAs(p.host());
            assertThat(staged.sceneProperty().get()).as("the same graph, not laid out again").isSameAs(early);
            assertThat(layouts[0]).isZero();
            assertThat(staged.selectionProperty().get()).isEqualTo(a("0000:04:00.0"));
            assertThat(staged.blastProperty().get().affected()).isNotEmpty();
            assertThat(staged.busyProperty().get()).isFalse();
        } finally {
            staged.close();
        }
    }

    @Test
    void aGraphTheDetailsContradictIsLaidOutAgainFromTheCompleteHost(@TempDir Path dir) throws Exception {
        // a function whose class says NIC and whose config header says PCI-to-PCI bridge, without the bus number
        // attributes the kernel gives a bridge: the outline, which reads no endpoint's config space, draws a NIC
        org.vfioinspector.core.fixture.SysfsFixture fx = new org.vfioinspector.core.fixture.SysfsFixture(dir);
        var port = fx.add("0000:00:1c.0").rootPort(1, 2).driver("pcieport").group(3);
        fx.add("0000:01:00.0").under(port).pciBridge(2, 2).classCode(0x020000).group(4);
        fx.write();
        Path odd = dir.resolve("sys/bus/pci/devices/0000:01:00.0").toRealPath();
        Files.delete(odd.resolve("secondary_bus_number"));
        Files.delete(odd.resolve("subordinate_bus_number"));
        Deque<Runnable> queued = new ArrayDeque<>();
        int[] layouts = {0};
        MainViewModel staged = queuedModel(queued, counting(layouts));
        try {
            java.util.concurrent.CountDownLatch laidOut = new java.util.concurrent.CountDownLatch(1);
            Preload p = Preload.start(HostSource.of(dir), gated(laidOut));
            p.readDetails();
            staged.open(p);
            laidOut.countDown();
            Runnable read = queued.poll();
            queued.poll().run();
            GraphScene early = staged.sceneProperty().get();
            assertThat(early.model().nodeOf(a("0000:01:00.0")).orElseThrow().subtitle()).doesNotContain("bridge");

            read.run();
            while (!queued.isEmpty()) {
                queued.poll().run();
            }

            assertThat(staged.sceneProperty().get()).isNotSameAs(early);
            assertThat(layouts[0]).as("laid out from the complete host").isEqualTo(1);
            assertThat(staged.sceneProperty().get().model().nodeOf(a("0000:01:00.0")).orElseThrow().subtitle())
                    .endsWith("bridge · bus 02");
        } finally {
            staged.close();
        }
    }

    @Test
    void theReadInProgressIsExposedUntilTheNewestReadEnds(@TempDir Path other) {
        Deque<Runnable> queued = new ArrayDeque<>();
        MainViewModel late = queuedModel(queued);
        assertThat(late.readingProperty().get()).isNull();
        late.open(HostSource.of(Hosts.withoutGroups(other)));
        ReadGauge first = late.readingProperty().get();
        late.open(HostSource.of(Hosts.sharedDemo()));
        ReadGauge second = late.readingProperty().get();
        assertThat(first).isNotNull();
        assertThat(second).isNotNull().isNotSameAs(first);

        queued.poll().run(); // the older read ends: the newer one is still being read
        assertThat(late.readingProperty().get()).isSameAs(second);
        queued.poll().run();
        assertThat(late.readingProperty().get()).isNull();
        assertThat(second.fraction()).isEqualTo(1.0); // the scan reported every function of the demo
        assertThat(second.describe()).isEqualTo(late.hostProperty().get().topology().size() + " of "
                + late.hostProperty().get().topology().size() + " functions read");
        while (!queued.isEmpty()) {
            queued.poll().run();
        }
        late.close();
    }

    @Test
    void anOlderLoadFinishingLateIsDropped(@TempDir Path other) {
        Deque<Runnable> queued = new ArrayDeque<>();
        MainViewModel late = queuedModel(queued);
        late.open(HostSource.of(Hosts.withoutGroups(other)));
        late.open(HostSource.of(Hosts.sharedDemo()));
        Runnable firstLoad = queued.poll();
        Runnable secondLoad = queued.poll();

        secondLoad.run();
        firstLoad.run();
        while (!queued.isEmpty()) {
            queued.poll().run();
        }

        assertThat(late.hostProperty().get().source()).isEqualTo(HostSource.of(Hosts.sharedDemo()));
        assertThat(late.bannerProperty().get()).isNull();
        assertThat(late.busyProperty().get()).isFalse();
        late.close();
    }

    @Test
    void exportsWriteTheReportTheJsonAndTheGraph(@TempDir Path dir) throws Exception {
        openDemo();
        vm.exportBlastText(dir.resolve("none.txt"));
        assertThat(vm.messageProperty().get()).startsWith("Select a function first");
        vm.select(a("0000:04:00.0"), false);

        vm.exportBlastText(dir.resolve("blast.txt"));
        vm.exportBlastJson(dir.resolve("blast.json"));
        vm.exportGraphSvg(dir.resolve("graph.svg"));

        assertThat(Files.readString(dir.resolve("blast.txt"))).startsWith("Reset blast radius of 0000:04:00.0")
                .contains("GROUP_HELD");
        var json = Json.mapper().readTree(dir.resolve("blast.json").toFile());
        assertThat(json.get("device").asText()).isEqualTo("0000:04:00.0");
        assertThat(json.get("hotReset").get("scope").asText()).isEqualTo("bus");
        assertThat(Files.readString(dir.resolve("graph.svg"))).contains("<svg").contains("resets bus 04");
        assertThat(vm.messageProperty().get()).startsWith("Wrote graph SVG");
    }

    @Test
    void savingASnapshotWritesAnArchiveThatOpensAgain(@TempDir Path dir) {
        openDemo();
        Path out = dir.resolve("snap.tar.gz");

        vm.saveSnapshot(out);

        assertThat(vm.messageProperty().get()).startsWith("Saved snapshot");
        assertThat(out).isRegularFile();
        vm.open(HostSource.of(out));
        assertThat(vm.hostProperty().get().topology().size()).isEqualTo(42);
    }

    @Test
    void theThemeToggles() {
        assertThat(vm.theme().dark()).isFalse();
        vm.toggleTheme();
        assertThat(vm.darkProperty().get()).isTrue();
        assertThat(vm.theme().dark()).isTrue();
    }

    /** The window's privileged flows, recorded: what was opened, and a pending-restore answer per host. */
    private static final class RecordingFlows implements PrivilegedFlows {
        final java.util.List<String> opened = new java.util.ArrayList<>();
        final java.util.List<HostSource> journalsRead = new java.util.ArrayList<>();
        java.util.function.Function<LoadedHost, java.util.Optional<Runnable>> pending = h -> java.util.Optional.empty();

        @Override
        public void openReset(LoadedHost host, PciAddress target) {
            opened.add(host.source().describe() + " " + target);
        }

        @Override
        public java.util.Optional<Runnable> pendingRestore(LoadedHost host) {
            journalsRead.add(host.source());
            return pending.apply(host);
        }
    }

    @Test
    void resetIsACommandOfTheSelectionAndSaysWhyItCannotRun() {
        RecordingFlows flows = new RecordingFlows();
        MainViewModel m = new MainViewModel(Background.sameThread(), new TreeLayout(), flows);
        try {
            assertThat(m.resetUnavailableProperty().get()).isEqualTo("Open a host first.");
            m.resetSelected();
            assertThat(flows.opened).isEmpty();

            HostSource demo = HostSource.of(Hosts.sharedDemo());
            m.open(demo);
            assertThat(m.resetUnavailableProperty().get()).isEqualTo("Select a function first: the reset is of the selection.");
            m.resetSelected();
            assertThat(flows.opened).as("nothing selected: nothing opens").isEmpty();

            m.select(a("0000:06:00.0"), false);
            assertThat(m.resetUnavailableProperty().get()).isEmpty();
            m.resetSelected();
            assertThat(flows.opened).containsExactly(demo.describe() + " 0000:06:00.0");

            m.clearSelection();
            assertThat(m.resetUnavailableProperty().get()).isEqualTo("Select a function first: the reset is of the selection.");
            m.select(a("0000:04:00.0"), false);
            m.refresh(); // the selection survives a refresh, and so does the command
            assertThat(m.resetUnavailableProperty().get()).isEmpty();
            m.resetSelected();
            assertThat(flows.opened).containsExactly(demo.describe() + " 0000:06:00.0", demo.describe() + " 0000:04:00.0");
        } finally {
            m.close();
        }
    }

    @Test
    void eachLoadedHostIsCheckedForAPendingRestoreAndItsOfferIsMade() {
        RecordingFlows flows = new RecordingFlows();
        int[] offers = {0};
        flows.pending = h -> java.util.Optional.of(() -> offers[0]++);
        MainViewModel m = new MainViewModel(Background.sameThread(), new TreeLayout(), flows);
        try {
            HostSource demo = HostSource.of(Hosts.sharedDemo());
            m.open(demo);
            assertThat(flows.journalsRead).containsExactly(demo);
            assertThat(offers[0]).isEqualTo(1);
            m.refresh();
            assertThat(flows.journalsRead).containsExactly(demo, demo);
            assertThat(offers[0]).isEqualTo(2);
        } finally {
            m.close();
        }
    }

    @Test
    void aJournalThatCannotBeReadIsSaidInTheWindowAndTheHostStaysOpen() {
        RecordingFlows flows = new RecordingFlows();
        flows.pending = h -> {
            throw new IllegalStateException("journal: Permission denied");
        };
        MainViewModel m = new MainViewModel(Background.sameThread(), new TreeLayout(), flows);
        try {
            m.open(HostSource.of(Hosts.sharedDemo()));
            assertThat(m.hostProperty().get()).isNotNull();
            assertThat(m.messageProperty().get()).isEqualTo("Cannot read the bind journal: journal: Permission denied");
        } finally {
            m.close();
        }
    }
}
