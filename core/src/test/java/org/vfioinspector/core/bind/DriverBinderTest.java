package org.vfioinspector.core.bind;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.bind.BindReport.Action;
import org.vfioinspector.core.bind.BindReport.Outcome;
import org.vfioinspector.core.bind.JournalEntry.State;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * Bind, restore and rollback end to end on a fixture tree, with {@link SimulatedSysfsKernel} moving
 * the driver links the way the PCI core does. Never run against this machine's sysfs.
 */
class DriverBinderTest {

    private static final PciAddress NIC = PciAddress.parse("0000:01:00.0");
    private static final PciAddress AUDIO = PciAddress.parse("0000:01:00.1");
    private static final PciAddress EDU = PciAddress.parse("0000:02:00.0");
    private static final PciAddress PORT = PciAddress.parse("0000:00:1c.0");

    @TempDir
    Path dir;
    @TempDir
    Path state;

    private HostRoot root;
    private SimulatedSysfsKernel kernel;
    private BindJournal journal;
    private DriverBinder binder;

    @BeforeEach
    void slotWithTwoFunctionsAndADriverlessDevice() throws IOException {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp1 = fx.add("0000:00:1c.0").rootPort(1, 1).group(3);
        FixtureDevice rp2 = fx.add("0000:00:1c.1").rootPort(2, 2).group(4);
        fx.add("0000:01:00.0").under(rp1).nic(0x8086, 0x10d3).driver("e1000e").group(7);
        fx.add("0000:01:00.1").under(rp1).audio(0x8086, 0x10d4).driver("snd_hda_intel").group(7);
        fx.add("0000:02:00.0").under(rp2).endpoint(0x1234, 0x11e8, 0x00ff00).group(8);
        // what the host uses is visible and none of it is below these functions (/ is on a non-PCI disk)
        fx.file("proc/self/mountinfo", "22 1 254:1 / / rw,relatime - ext4 /dev/vda1 rw\n");
        fx.file("proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
        fx.file("proc/net/route", "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n");
        fx.write();
        Files.createDirectories(dir.resolve("sys/bus/pci/drivers/vfio-pci"));
        Files.createDirectories(dir.resolve("sys/block"));
        Files.createDirectories(dir.resolve("sys/class/net"));
        root = HostRoot.of(dir);
        kernel = new SimulatedSysfsKernel(root);
        journal = new BindJournal(state.resolve("vfio-inspector"));
        binder = new DriverBinder(root, kernel, journal, Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
    }

    private Topology scan() {
        return new SysfsReader(root).scan();
    }

    private Optional<String> driver(PciAddress a) {
        return HostRoot.linkName(root.resolve("sys/bus/pci/devices/" + a + "/driver"));
    }

    private String override(PciAddress a) throws IOException {
        return Files.readString(root.resolve("sys/bus/pci/devices/" + a + "/driver_override")).strip();
    }

    @Test
    void bindMovesBothFunctionsToVfioPciAndTheGroupNodeAppears() throws IOException {
        BindReport report = binder.bindToVfio(List.of(AUDIO, NIC), scan());

        assertThat(report.outcome()).as(report.summary()).isEqualTo(Outcome.DONE);
        assertThat(driver(NIC)).contains("vfio-pci");
        assertThat(driver(AUDIO)).contains("vfio-pci");
        assertThat(dir.resolve("dev/vfio/7")).exists();
        assertThat(report.functions()).extracting(BindReport.FunctionResult::action).containsOnly(Action.BOUND);
        assertThat(journal.read().open()).extracting(JournalEntry::address, JournalEntry::driver, JournalEntry::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(NIC, Optional.of("e1000e"), State.BOUND),
                        org.assertj.core.groups.Tuple.tuple(AUDIO, Optional.of("snd_hda_intel"), State.BOUND));
        assertThat(kernel.writes).startsWith(
                "sys/bus/pci/devices/0000:01:00.0/driver_override <- vfio-pci",
                "sys/bus/pci/devices/0000:01:00.0/driver/unbind <- 0000:01:00.0",
                "sys/bus/pci/drivers_probe <- 0000:01:00.0");
    }

    @Test
    void everyFunctionIsJournaledBeforeItsFirstWrite() throws IOException {
        List<String> journaledAtWrite = new ArrayList<>();
        SysfsWriter watching = (path, value) -> {
            try {
                journaledAtWrite.add(path + " " + journal.read().open().stream()
                        .anyMatch(e -> path.contains(e.address().toString()) || value.equals(e.address().toString())));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            kernel.write(path, value);
        };
        new DriverBinder(root, watching, journal, Clock.systemUTC()).bindToVfio(List.of(NIC, EDU), scan());

        assertThat(journaledAtWrite).isNotEmpty().allMatch(s -> s.endsWith(" true"));
    }

    @Test
    void restorePutsTheOriginalDriversBackClearsTheOverrideAndClosesTheJournal() throws IOException {
        binder.bindToVfio(List.of(NIC, AUDIO), scan());
        kernel.writes.clear();

        BindReport report = binder.restore();

        assertThat(report.outcome()).as(report.summary()).isEqualTo(Outcome.DONE);
        assertThat(driver(NIC)).contains("e1000e");
        assertThat(driver(AUDIO)).contains("snd_hda_intel");
        assertThat(override(NIC)).isEqualTo("(null)");
        assertThat(dir.resolve("dev/vfio/7")).doesNotExist();
        assertThat(kernel.writes).contains("sys/bus/pci/devices/0000:01:00.0/driver_override <- \\n");
        assertThat(journal.read().open()).isEmpty();
        assertThat(binder.restore().summary()).startsWith("Nothing to restore");
    }

    @Test
    void failurePartWayRollsBackEveryFunctionBoundBefore() throws IOException {
        int[] probes = {0};
        kernel.failWhen = w -> w.equals("sys/bus/pci/drivers_probe <- 0000:01:00.1") && probes[0]++ == 0;

        BindReport report = binder.bindToVfio(List.of(NIC, AUDIO), scan());

        assertThat(report.outcome()).as(report.summary()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(driver(NIC)).contains("e1000e");
        assertThat(driver(AUDIO)).contains("snd_hda_intel");
        assertThat(override(NIC)).isEqualTo("(null)");
        assertThat(override(AUDIO)).isEqualTo("(null)");
        assertThat(dir.resolve("dev/vfio/7")).doesNotExist();
        assertThat(journal.read().open()).isEmpty();
        assertThat(report.summary()).contains("binding 0000:01:00.1 failed").contains("put back");
    }

    @Test
    void functionThatDoesNotLandOnVfioPciIsRolledBack() throws IOException {
        // vfio-pci goes away between the checks and the probe: the override is set but nothing binds
        SysfsWriter unloading = (path, value) -> {
            if (path.endsWith("driver_override") && value.equals("vfio-pci")) {
                Files.deleteIfExists(dir.resolve("sys/bus/pci/drivers/vfio-pci"));
            }
            kernel.write(path, value);
        };

        BindReport report = new DriverBinder(root, unloading, journal, Clock.systemUTC()).bindToVfio(List.of(NIC), scan());

        assertThat(report.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(report.summary()).contains("did not bind to vfio-pci (driver now: none)");
        assertThat(driver(NIC)).contains("e1000e");
        assertThat(override(NIC)).isEqualTo("(null)");
    }

    @Test
    void driverlessFunctionIsBoundAndRestoredToNoDriverWithoutAProbe() throws IOException {
        assertThat(binder.bindToVfio(List.of(EDU), scan()).ok()).isTrue();
        assertThat(driver(EDU)).contains("vfio-pci");
        assertThat(kernel.writes).doesNotContain("sys/bus/pci/devices/0000:02:00.0/driver/unbind <- 0000:02:00.0");
        kernel.writes.clear();

        assertThat(binder.restore().ok()).isTrue();

        assertThat(driver(EDU)).isEmpty();
        assertThat(kernel.writes).containsExactly("sys/bus/pci/devices/0000:02:00.0/driver_override <- \\n",
                "sys/bus/pci/devices/0000:02:00.0/driver/unbind <- 0000:02:00.0");
    }

    @Test
    void bridgesAreRefusedBeforeAnyWriteOrJournalLine() {
        BindReport report = binder.bindToVfio(List.of(NIC, PORT), scan());

        assertThat(report.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(report.summary()).contains("0000:00:1c.0 is a bridge");
        assertThat(kernel.writes).isEmpty();
        assertThat(journal.file()).doesNotExist();
    }

    @Test
    void unknownFunctionAndMissingVfioDriverAreRefused() throws IOException {
        assertThat(binder.bindToVfio(List.of(PciAddress.parse("0000:05:00.0")), scan()).summary())
                .isEqualTo("No function 0000:05:00.0 on this host.");
        Files.delete(dir.resolve("sys/bus/pci/drivers/vfio-pci"));
        assertThat(binder.bindToVfio(List.of(NIC), scan()).summary()).contains("modprobe vfio-pci");
        assertThat(kernel.writes).isEmpty();
    }

    @Test
    void functionAlreadyOnVfioPciIsLeftAndNotJournaled() throws IOException {
        binder.bindToVfio(List.of(NIC), scan());
        int lines = Files.readAllLines(journal.file()).size();

        BindReport again = binder.bindToVfio(List.of(NIC), scan());

        assertThat(again.functions()).extracting(BindReport.FunctionResult::action).containsExactly(Action.ALREADY_ON_VFIO);
        assertThat(Files.readAllLines(journal.file())).hasSize(lines);
    }

    @Test
    void restoreAfterACrashMidBindUsesThePendingLine() throws IOException {
        // the process died after unbinding: override set, no driver, journal says pending
        journal.append(new JournalEntry(Instant.parse("2026-11-25T09:00:00Z"), State.PENDING, NIC,
                Optional.of("e1000e"), Optional.empty()));
        kernel.write("sys/bus/pci/devices/0000:01:00.0/driver_override", "vfio-pci");
        kernel.write("sys/bus/pci/devices/0000:01:00.0/driver/unbind", NIC.toString());
        assertThat(driver(NIC)).isEmpty();

        BindReport report = binder.restore();

        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(driver(NIC)).contains("e1000e");
        assertThat(override(NIC)).isEqualTo("(null)");
    }

    @Test
    void restoreLeavesAloneAFunctionSomeoneReboundSince() throws IOException {
        binder.bindToVfio(List.of(EDU), scan());
        Files.createDirectories(dir.resolve("sys/bus/pci/drivers/uio_pci_generic"));
        kernel.write("sys/bus/pci/devices/0000:02:00.0/driver/unbind", EDU.toString());
        kernel.write("sys/bus/pci/devices/0000:02:00.0/driver_override", "uio_pci_generic");
        kernel.write("sys/bus/pci/drivers_probe", EDU.toString());

        BindReport report = binder.restore();

        assertThat(report.outcome()).isEqualTo(Outcome.INCOMPLETE);
        assertThat(report.functions()).extracting(BindReport.FunctionResult::action).containsExactly(Action.LEFT_ALONE);
        assertThat(driver(EDU)).contains("uio_pci_generic");
        assertThat(journal.read().open()).extracting(JournalEntry::address).containsExactly(EDU);
    }

    @Test
    void restoreOnlyTouchesTheListedFunctions() throws IOException {
        binder.bindToVfio(List.of(NIC, EDU), scan());

        assertThat(binder.restore(List.of(EDU)).ok()).isTrue();

        assertThat(driver(EDU)).isEmpty();
        assertThat(driver(NIC)).contains("vfio-pci");
        assertThat(journal.read().open()).extracting(JournalEntry::address).containsExactly(NIC);
    }
}
