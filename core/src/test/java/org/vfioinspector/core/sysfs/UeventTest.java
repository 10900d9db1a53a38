package org.vfioinspector.core.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

/** The IDs of a function's {@code uevent}, and the reader's fallback to the attribute files. */
class UeventTest {

    @TempDir
    Path dir;

    @Test
    void readsTheIdsAsTheKernelPrintsThem() {
        Uevent u = Uevent.parse("DRIVER=e1000e\nPCI_CLASS=20000\nPCI_ID=8086:10D3\nPCI_SUBSYS_ID=8086:A01F\n"
                + "PCI_SLOT_NAME=0000:01:00.0\nMODALIAS=pci:v00008086d000010D3sv00008086sd0000A01Fbc02sc00i00\n");

        assertThat(u).isEqualTo(new Uevent(OptionalInt.of(0x8086), OptionalInt.of(0x10d3), OptionalInt.of(0x020000),
                OptionalInt.of(0x8086), OptionalInt.of(0xa01f), Optional.of("e1000e")));
    }

    @Test
    void aDriverNameNoLinkCouldSpellIsLeftToTheLink() {
        for (String bad : List.of("", "a/b", "..", ".", "e1000e\u001b[2J")) {
            assertThat(Uevent.parse("DRIVER=" + bad + "\nPCI_ID=8086:10D3\n").driver()).as(bad).isEmpty();
        }
        assertThat(Uevent.parse("DRIVER=vfio-pci\n").driver()).contains("vfio-pci");
    }

    @Test
    void theDriverComesFromUeventWhenTheListingHasALinkAndFromTheListingWhenNot() throws Exception {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 3).group(3);
        FixtureDevice bound = fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x10d3).driver("e1000e").group(7);
        bound.raw("uevent", bound.uevent());
        // unbound between the two reads: uevent still names a driver, the listing has no link
        FixtureDevice unbound = fx.add("0000:02:00.0").under(rp).nic(0x8086, 0x10d3).group(8);
        unbound.raw("uevent", "DRIVER=e1000e\n" + unbound.uevent());
        // a DRIVER value no driver could have: the link is read, and it names the driver
        FixtureDevice odd = fx.add("0000:03:00.0").under(rp).nic(0x8086, 0x10d3).driver("igb").group(9);
        odd.raw("uevent", "DRIVER=../../x\n" + odd.uevent().replace("DRIVER=igb\n", ""));
        fx.write();
        // the driver link of the bound function is not read: make it point somewhere else to prove it
        Path link = dir.resolve("sys/bus/pci/devices/0000:01:00.0").toRealPath().resolve("driver");
        Files.delete(link);
        Files.createSymbolicLink(link, Path.of("../../../../bus/pci/drivers/not-read"));

        Topology t = new SysfsReader(HostRoot.of(dir)).scan();

        assertThat(t.device(PciAddress.parse("0000:01:00.0")).orElseThrow().driver()).contains("e1000e");
        assertThat(t.device(PciAddress.parse("0000:02:00.0")).orElseThrow().driver()).isEmpty();
        assertThat(t.device(PciAddress.parse("0000:03:00.0")).orElseThrow().driver()).contains("igb");
    }

    @Test
    void aMalformedValueIsAbsentNotGuessed() {
        Uevent u = Uevent.parse("PCI_CLASS=1000000\nPCI_ID=8086\nPCI_SUBSYS_ID=8086:10D3:1\n=x\nnoequals\n");

        assertThat(u).isEqualTo(Uevent.NONE);
        assertThat(Uevent.parse("PCI_ID=zz86:10d3")).isEqualTo(Uevent.NONE);
        assertThat(Uevent.parse("")).isEqualTo(Uevent.NONE);
    }

    @Test
    void whatUeventLacksComesFromTheAttributeFileWithItsNote() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(3);
        // the class is garbage in uevent, so the reader reads the class attribute, which is garbage too
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x10d3).group(7)
                .raw("uevent", "PCI_CLASS=zz\nPCI_ID=8086:10D3\nPCI_SUBSYS_ID=1028:04DA\n")
                .raw("class", "0xnonsense").raw("subsystem_vendor", "garbage that is never read");
        fx.write();

        PciDevice d = new SysfsReader(HostRoot.of(dir)).scan().device(PciAddress.parse("0000:01:00.0")).orElseThrow();

        assertThat(d.vendorId()).hasValue(0x8086);
        assertThat(d.subsystemVendorId()).hasValue(0x1028);
        assertThat(d.subsystemDeviceId()).hasValue(0x04da);
        // no valid class anywhere but the config header, which the reader falls back to as before
        assertThat(d.notes()).anyMatch(n -> n.startsWith("class: "));
        assertThat(d.notes()).noneMatch(n -> n.startsWith("subsystem_vendor"));
    }

    @Test
    void idsPrintAsFourLowercaseHexDigits() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(3);
        FixtureDevice d = fx.add("0000:01:00.0").under(rp).nic(0x0abc, 0x000f).group(7);
        d.raw("uevent", d.uevent());
        fx.write();

        Topology t = new SysfsReader(HostRoot.of(dir)).scan();

        assertThat(t.device(PciAddress.parse("0000:01:00.0")).orElseThrow().idPair()).isEqualTo("0abc:000f");
    }
}
