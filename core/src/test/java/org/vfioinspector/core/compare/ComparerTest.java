package org.vfioinspector.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.vfioinspector.core.health.HostHealth;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/** Comparisons of the real QEMU capture with copies changed the way hosts change. */
class ComparerTest {

    @TempDir
    static Path dir;
    static Path original;

    @BeforeAll
    static void unpack() throws IOException {
        original = FixturePairs.original(dir);
    }

    static Side side(String label, Path root) {
        HostRoot r = HostRoot.of(root);
        Topology t = new SysfsReader(r).scan();
        return Side.of(label, r, t, HostHealth.read(r, t));
    }

    static Comparison compare(Path a, Path b) {
        return Comparer.compare(side("before", a), side("after", b));
    }

    static List<Change> of(Comparison c, Change.Aspect aspect) {
        return c.changes().stream().filter(x -> x.aspect() == aspect).toList();
    }

    static PciAddress at(String a) {
        return PciAddress.parse(a);
    }

    @Test
    void theSameTreeTwiceIsTheSame() {
        Comparison c = compare(original, original);
        assertEquals(Comparison.Verdict.SAME, c.verdict(), c.changes().toString());
        assertTrue(c.added().isEmpty() && c.removed().isEmpty());
        assertEquals(c.pairs().size(), side("x", original).topology().size());
        assertTrue(c.pairs().stream().noneMatch(Pairing::moved));
        // the capture's 82574 NIC reports a Device Serial Number; the emulated bridges do not
        assertEquals(Pairing.How.SERIAL, c.pairOfBefore(at("0000:01:00.0")).orElseThrow().how());
        assertEquals(Pairing.How.POSITION, c.pairOfBefore(at("0000:02:00.0")).orElseThrow().how());
    }

    @Test
    void enablingAcsSplitsTheGroupAndSaysWhy() throws IOException {
        Path after = FixturePairs.copy(original, dir, "acs");
        FixturePairs.enableAcsAndSplit(after);
        Comparison c = compare(original, after);
        assertEquals(Comparison.Verdict.BETTER, c.verdict(), c.changes().toString());
        Change split = of(c, Change.Aspect.IOMMU_GROUP).get(0);
        assertEquals(Change.Impact.BETTER, split.impact());
        assertTrue(split.summary().contains("group 13"), split.summary());
        assertTrue(split.reasons().stream().anyMatch(r -> r.startsWith("before:") && r.contains("04:00.0")
                && r.contains("no ACS capability")), split.reasons().toString());
        assertTrue(split.reasons().stream().anyMatch(r -> r.startsWith("now:") && r.contains("04:00.0")), split.reasons().toString());
        Change acs = of(c, Change.Aspect.ACS).get(0);
        assertEquals(Change.Impact.BETTER, acs.impact());
        assertEquals(Optional.of(at("0000:04:00.0")), acs.after());

        // the other way round: the group merged because ACS was lost
        Comparison back = compare(after, original);
        assertEquals(Comparison.Verdict.WORSE, back.verdict());
        Change merged = of(back, Change.Aspect.IOMMU_GROUP).get(0);
        assertEquals(Change.Impact.WORSE, merged.impact());
        assertTrue(merged.summary().contains("merged"), merged.summary());
        assertTrue(merged.reasons().stream().anyMatch(r -> r.contains("04:00.0") && r.contains("no ACS")), merged.reasons().toString());
        assertEquals(Change.Impact.WORSE, of(back, Change.Aspect.ACS).get(0).impact());
        assertFalse(back.nothingWorse());
    }

    @Test
    void aDowngradedLinkIsWorse() throws IOException {
        Path full = FixturePairs.copy(original, dir, "full");
        FixturePairs.link(full, "8.0 GT/s PCIe", 4);
        Path slow = FixturePairs.copy(original, dir, "slow");
        FixturePairs.link(slow, "2.5 GT/s PCIe", 1);
        Comparison c = compare(full, slow);
        assertEquals(Comparison.Verdict.WORSE, c.verdict());
        List<Change> links = of(c, Change.Aspect.LINK);
        assertEquals(1, links.size(), links.toString());
        Change l = links.get(0);
        assertEquals(Change.Impact.WORSE, l.impact());
        assertEquals(Optional.of(at("0000:01:00.0")), l.after());
        assertTrue(l.summary().contains("downgraded"), l.summary());
        assertTrue(l.now().orElseThrow().startsWith("2.5 GT/s PCIe x1"), l.now().toString());
        assertEquals(Change.Impact.BETTER, of(compare(slow, full), Change.Aspect.LINK).get(0).impact());
    }

    @Test
    void aCardMovedToAnotherSlotIsMovedNotRemovedAndAdded() throws IOException {
        Path before = FixturePairs.copy(original, dir, "serials");
        FixturePairs.serials(before);
        Path moved = FixturePairs.copy(before, dir, "moved");
        FixturePairs.swapCards(moved);
        Comparison c = compare(before, moved);
        assertTrue(c.added().isEmpty() && c.removed().isEmpty(), c.changes().toString());
        Pairing nic = c.pairOfBefore(at("0000:01:00.0")).orElseThrow();
        assertEquals(at("0000:02:00.0"), nic.after());
        assertEquals(Pairing.How.SERIAL, nic.how());
        assertTrue(nic.moved());
        assertEquals("0000:00:02.0/00.0", nic.positionBefore());
        assertEquals("0000:00:02.1/00.0", nic.positionAfter());
        assertEquals(2, of(c, Change.Aspect.POSITION).size());
        assertTrue(c.nothingWorse(), c.changes().toString());

        // without a serial (the QEMU card at 02:00.0 has none) ids unique on each side still recognise a card
        Path movedNoSerial = FixturePairs.copy(original, dir, "moved-plain");
        FixturePairs.swapCards(movedNoSerial);
        Pairing plain = compare(original, movedNoSerial).pairOfBefore(at("0000:02:00.0")).orElseThrow();
        assertEquals(at("0000:01:00.0"), plain.after());
        assertEquals(Pairing.How.UNIQUE_IDS, plain.how());
        assertTrue(plain.moved());
    }

    @Test
    void aKernelWithoutResetMethodMakesResetMethodsUnknownNotUnchanged() throws IOException {
        Path old = FixturePairs.copy(original, dir, "oldkernel");
        FixturePairs.kernelWithoutResetMethod(old, "5.10.0-28-amd64");
        Comparison c = compare(original, old);
        assertEquals(Comparison.Verdict.UNKNOWN, c.verdict(), c.changes().toString());
        assertFalse(c.nothingWorse());
        Change kernel = of(c, Change.Aspect.KERNEL).get(0);
        assertEquals(Optional.of("6.1.0-56-amd64"), kernel.was());
        assertEquals(Optional.of("5.10.0-28-amd64"), kernel.now());
        List<Change> resets = of(c, Change.Aspect.RESET);
        assertFalse(resets.isEmpty());
        assertTrue(resets.stream().allMatch(r -> r.impact() == Change.Impact.UNKNOWN), resets.toString());
        Change nic = resets.stream().filter(r -> r.after().equals(Optional.of(at("0000:01:00.0")))).findFirst().orElseThrow();
        assertTrue(nic.summary().contains("inferred"), nic.summary());
        assertTrue(nic.now().isEmpty());
    }

    @Test
    void aLostResetMethodIsWorse() throws IOException {
        Path lost = FixturePairs.copy(original, dir, "lostflr");
        java.nio.file.Files.writeString(lost.resolve(FixturePairs.NIC + "/reset_method"), "bus\n");
        String was = java.nio.file.Files.readString(original.resolve(FixturePairs.NIC + "/reset_method")).strip();
        Comparison c = compare(original, lost);
        Change r = of(c, Change.Aspect.RESET).get(0);
        assertEquals(Change.Impact.WORSE, r.impact(), c.changes().toString());
        assertEquals(Optional.of(was), r.was());
        assertEquals(Comparison.Verdict.WORSE, c.verdict());
    }

    @Test
    void aMissingFunctionIsWorseAndSnapshotsOfOtherHostsAreSaid() throws IOException {
        Path gone = FixturePairs.copy(original, dir, "gone");
        java.nio.file.Files.writeString(gone.resolve("proc/sys/kernel/hostname"), "other-host\n");
        java.nio.file.Files.writeString(original.resolve("proc/sys/kernel/hostname"), "lab-guest\n");
        try {
            org.vfioinspector.core.fixture.TempTrees.delete(gone.resolve(FixturePairs.SECOND_CARD));
            java.nio.file.Files.delete(gone.resolve("sys/bus/pci/devices/0000:02:00.0"));
            Comparison c = compare(original, gone);
            assertEquals(List.of(at("0000:02:00.0")), c.removed());
            Change missing = of(c, Change.Aspect.PRESENCE).get(0);
            assertEquals(Change.Impact.WORSE, missing.impact());
            Change host = of(c, Change.Aspect.HOST).get(0);
            assertEquals(Optional.of("lab-guest"), host.was());
            assertEquals(Optional.of("other-host"), host.now());
        } finally {
            java.nio.file.Files.delete(original.resolve("proc/sys/kernel/hostname"));
        }
    }

    @Test
    void serialsAreReadFromTheDeviceSerialNumberAndVpd() {
        byte[] config = new byte[4096];
        config[0x100] = 3;
        config[0x102] = 1;
        for (int i = 0; i < 8; i++) {
            config[0x104 + i] = (byte) (i + 1);
        }
        assertEquals(Optional.of("08-07-06-05-04-03-02-01"), Serials.dsn(config, 0x100));
        assertEquals(Optional.empty(), Serials.dsn(new byte[4096], 0x100));
        assertEquals(Optional.empty(), Serials.dsn(new byte[0x108], 0x100));
        // identifier string, then VPD-R with PN and SN, then end tag
        byte[] vpd = {(byte) 0x82, 2, 0, 'X', 'Y', (byte) 0x90, 13, 0, 'P', 'N', 2, 'a', 'b', 'S', 'N', 3, 'S', '1', '2', 0x78};
        assertEquals(Optional.of("S12"), Serials.vpdSerial(vpd));
        byte[] cut = {(byte) 0x90, 40, 0, 'S', 'N', 30, 'x'};
        assertEquals(Optional.empty(), Serials.vpdSerial(cut));
    }
}
