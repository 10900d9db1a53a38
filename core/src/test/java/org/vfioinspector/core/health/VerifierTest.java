package org.vfioinspector.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.config.ConfigSpaceParser;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;

/** {@link Verifier} and {@link ResetFacts} on a fixture tree, with a kernel log the test writes. */
class VerifierTest {

    private static final PciAddress PORT = PciAddress.parse("0000:00:1c.0");
    private static final PciAddress NIC = PciAddress.parse("0000:01:00.0");
    private static final PciAddress AUDIO = PciAddress.parse("0000:01:00.1");

    @TempDir
    Path dir;
    private HostRoot root;

    /** A log the test appends to; it never reads this machine's. */
    private static final class Log implements KernelLog {
        final List<Entry> entries = new ArrayList<>();

        void add(String record) {
            entries.add(KernelLog.parse(record).orElseThrow());
        }

        @Override
        public OptionalLong position() {
            return entries.isEmpty() ? OptionalLong.of(-1) : OptionalLong.of(entries.get(entries.size() - 1).sequence());
        }

        @Override
        public Optional<List<Entry>> since(long position) {
            return Optional.of(entries.stream().filter(e -> e.sequence() > position).toList());
        }
    }

    @BeforeEach
    void twoFunctionsBelowARootPort() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add(PORT.toString()).rootPort(1, 1).group(3).link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4)
                .raw("aer_rootport_total_err_cor", "2\n").raw("aer_rootport_total_err_nonfatal", "0\n")
                .raw("aer_rootport_total_err_fatal", "0\n");
        fx.add(NIC.toString()).under(rp).nic(0x8086, 0x10d3).driver("vfio-pci").group(7)
                .link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4).raw("power_state", "D0\n")
                .raw("aer_dev_correctable", "TOTAL_ERR_COR 0\n");
        fx.add(AUDIO.toString()).under(rp).audio(0x8086, 0x10d4).driver("vfio-pci").group(7).raw("power_state", "D0\n");
        fx.write();
        root = HostRoot.of(dir);
    }

    private Path file(PciAddress a, String name) {
        return dir.resolve("sys/bus/pci/devices/" + a + "/" + name);
    }

    @Test
    void factsFindTheUpstreamPortAndRootPortFromTheDeviceLink() {
        ResetFacts f = ResetFacts.read(root, NIC);
        assertThat(f.upstreamPort()).contains(PORT);
        assertThat(f.rootPort()).contains(PORT);
        assertThat(f.upstreamLink().currentWidth()).hasValue(4);
        assertThat(f.rootPortAer().correctable()).hasValue(2);
        assertThat(ResetFacts.upstreamChain("../../../devices/pci0000:00/0000:00:1c.0/0000:02:00.0/0000:03:01.0/0000:04:00.0",
                PciAddress.parse("0000:04:00.0"))).extracting(PciAddress::toString)
                .containsExactly("0000:00:1c.0", "0000:02:00.0", "0000:03:01.0");
        assertThat(ResetFacts.read(root, PORT).upstreamPort()).as("a root port sits on a root bus").isEmpty();
    }

    @Test
    void aResetThatChangedNothingCameBackWithTheLogLinesAboutTheFunctions() {
        Log log = new Log();
        log.add("6,100,1000,-;old line about 0000:01:00.0");
        Verifier v = new Verifier(root, log);
        Verifier.Before before = v.before(List.of(NIC, AUDIO));
        log.add("6,101,2000,-;vfio-pci 0000:01:00.0: resetting\n SUBSYSTEM=pci\n DEVICE=+pci:0000:01:00.0");
        log.add("4,102,2001,-;pcieport 0000:00:1c.0: link up");
        log.add("6,103,2002,-;usb 1-1: new device");

        Verification after = v.after(before, List.of(NIC, AUDIO), false);

        assertThat(after.verdict()).isEqualTo(VerificationVerdict.CAME_BACK);
        assertThat(after.of(NIC).orElseThrow().kernelLog()).hasValue(List.of("vfio-pci 0000:01:00.0: resetting",
                "pcieport 0000:00:1c.0: link up"));
    }

    @Test
    void withoutALogNothingIsClaimed() {
        Verifier v = new Verifier(root, KernelLog.NONE);
        Verification after = v.after(v.before(List.of(NIC)), List.of(NIC), false);
        assertThat(after.of(NIC).orElseThrow().kernelLog()).isEmpty();
    }

    @Test
    void changedFilesGiveLostAndDegraded() throws IOException {
        Verifier v = new Verifier(root, KernelLog.NONE);
        Verifier.Before before = v.before(List.of(NIC, AUDIO));
        Files.writeString(file(NIC, "current_link_width"), "1\n");
        Files.writeString(file(NIC, "aer_dev_correctable"), "TOTAL_ERR_COR 4\n");
        byte[] config = Files.readAllBytes(file(AUDIO, "config"));
        java.util.Arrays.fill(config, (byte) 0xff);
        Files.write(file(AUDIO, "config"), config);

        Verification after = v.after(before, List.of(NIC, AUDIO), false);

        assertThat(after.of(NIC).orElseThrow().verdict()).isEqualTo(VerificationVerdict.CAME_BACK_DEGRADED);
        assertThat(after.of(NIC).orElseThrow().changes()).contains("AER errors on it during the reset: correctable 4, "
                + "non-fatal ?, fatal ?");
        assertThat(after.of(AUDIO).orElseThrow().verdict()).isEqualTo(VerificationVerdict.LOST);
        assertThat(after.verdict()).isEqualTo(VerificationVerdict.LOST);
    }

    @Test
    void thePortsDataLinkLayerBitIsReadFromItsConfigSpace() throws IOException {
        Path config = file(PORT, "config");
        byte[] b = Files.readAllBytes(config);
        int cap = ConfigSpaceParser.parse(b).capabilities().stream().filter(c -> c.id() == 0x10).findFirst()
                .orElseThrow().offset();
        b[cap + 0x0e] |= 0x10; // LnkCap bit 20: reports DLLLA
        b[cap + 0x13] |= 0x20; // LnkSta bit 13: active
        Files.write(config, b);
        assertThat(ResetFacts.read(root, NIC).upstreamLinkActive()).contains(true);
        b[cap + 0x13] &= (byte) ~0x20;
        Files.write(config, b);
        assertThat(ResetFacts.read(root, NIC).upstreamLinkActive()).contains(false);
        Files.write(config, java.util.Arrays.copyOf(b, 64));
        assertThat(ResetFacts.read(root, NIC).upstreamLinkActive()).as("64 bytes do not reach the register").isEmpty();
    }

    @Test
    void kmsgRecordsParse() {
        assertThat(KernelLog.parse("3,7,100,-;text\n DEVICE=+pci:0000:01:00.0")).hasValue(
                new KernelLog.Entry(7, "text", Optional.of("0000:01:00.0")));
        assertThat(KernelLog.parse("no record")).isEmpty();
        assertThat(KernelLog.parse("3,x,100,-;text")).isEmpty();
    }
}
