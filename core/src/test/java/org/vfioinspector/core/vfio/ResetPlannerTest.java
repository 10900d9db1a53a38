package org.vfioinspector.core.vfio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.Finding;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/** The checks made from sysfs before any ioctl. */
class ResetPlannerTest {

    private static final PciAddress NIC = PciAddress.parse("0000:01:00.0");
    private static final PciAddress AUDIO = PciAddress.parse("0000:01:00.1");
    private static final PciAddress EDU = PciAddress.parse("0000:03:00.0");

    @TempDir
    Path dir;
    private SysfsFixture fx;
    private FixtureDevice audio;

    @BeforeEach
    void fixture() {
        fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(3);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x10d3).driver("e1000e").group(7);
        audio = fx.add("0000:01:00.1").under(rp).audio(0x8086, 0x10d4).driver("snd_hda_intel").group(7);
        // a switch port shares the endpoint's group (no ACS), as in the lab
        FixtureDevice rp2 = fx.add("0000:00:1c.1").rootPort(2, 3).group(4);
        FixtureDevice up = fx.add("0000:02:00.0").under(rp2).upstreamPort(3, 3).group(5);
        FixtureDevice dn = fx.add("0000:03:01.0").under(up).downstreamPort(4, 4).group(9);
        fx.add("0000:04:00.0").under(dn).endpoint(0x1234, 0x11e8, 0x00ff00).driver("vfio-pci").group(9);
    }

    private Topology scan() {
        fx.write();
        return new SysfsReader(HostRoot.of(dir)).scan();
    }

    private ResetPlan plan(PciAddress target, List<PciAddress> confirmed, ResetKind kind, boolean bind) {
        return ResetPlanner.plan(new ResetRequest(target, confirmed, kind, false, bind), scan(), HostState.NONE, true);
    }

    @Test
    void hostDriversRefuseUnlessBindingWasRequested() {
        assertThat(plan(NIC, List.of(NIC, AUDIO), ResetKind.HOT_RESET, false).refusals())
                .extracting(Finding::code).containsOnly("HOST_DRIVER");
        ResetPlan withBind = plan(NIC, List.of(NIC, AUDIO), ResetKind.HOT_RESET, true);
        assertThat(withBind.refusals()).isEmpty();
        assertThat(withBind.groups()).containsExactly(7);
        assertThat(withBind.targetGroup()).hasValue(7);
        assertThat(withBind.affected()).containsExactly(NIC, AUDIO);
    }

    @Test
    void confirmedSetOtherThanThePredictionIsRefusedNamingBoth() {
        ResetPlan p = plan(NIC, List.of(NIC), ResetKind.HOT_RESET, true);

        assertThat(p.refusals()).extracting(Finding::code).containsExactly("CONFIRMED_SET_DIFFERS");
        assertThat(p.refusals().get(0).message()).contains("You confirmed [0000:01:00.0]")
                .contains("reaches [0000:01:00.0, 0000:01:00.1]");
    }

    @Test
    void groupMemberOutsideTheSetOnAHostDriverIsRefusedBeforeAnyIoctl() {
        fx.device("0000:03:01.0").driver("my_port_driver");

        ResetPlan p = plan(PciAddress.parse("0000:04:00.0"), List.of(PciAddress.parse("0000:04:00.0")),
                ResetKind.HOT_RESET, true);

        assertThat(p.refusals()).extracting(Finding::code).contains("GROUP_NOT_VIABLE");
        assertThat(p.refusals()).filteredOn(f -> f.code().equals("GROUP_NOT_VIABLE")).first()
                .extracting(Finding::message).asString().contains("0000:03:01.0 (my_port_driver)");
    }

    @Test
    void switchPortOnPcieportKeepsTheSharedGroupViable() {
        PciAddress ep = PciAddress.parse("0000:04:00.0");
        assertThat(plan(ep, List.of(ep), ResetKind.HOT_RESET, false).refusals()).isEmpty();
    }

    @Test
    void functionResetReachesOnlyTheTargetAndNeedsAMethodThatWorks() {
        assertThat(plan(NIC, List.of(NIC), ResetKind.FUNCTION_RESET, true).refusals())
                .as("the sibling in group 7 is still on snd_hda_intel").extracting(Finding::code)
                .containsExactly("GROUP_NOT_VIABLE");
        audio.driver("vfio-pci");
        ResetPlan flr = plan(NIC, List.of(NIC), ResetKind.FUNCTION_RESET, true);
        assertThat(flr.refusals()).isEmpty();
        assertThat(flr.affected()).containsExactly(NIC);
        assertThat(flr.prediction()).isEmpty();

        fx.device("0000:01:00.0").driver("vfio-pci"); // the audio function's group 7 is viable then
        assertThat(plan(AUDIO, List.of(AUDIO), ResetKind.FUNCTION_RESET, true).refusals())
                .as("'bus' while the NIC shares bus 01: the kernel answers ENOTTY").extracting(Finding::code)
                .containsExactly("NO_FUNCTION_RESET");
        audio.resetMethods("pm");
        assertThat(plan(AUDIO, List.of(AUDIO), ResetKind.FUNCTION_RESET, true).refusals())
                .as("any method the kernel has, not only FLR").isEmpty();
        assertThat(plan(NIC, List.of(NIC, AUDIO), ResetKind.FUNCTION_RESET, true).refusals())
                .extracting(Finding::code).containsExactly("CONFIRMED_SET_DIFFERS");
    }

    @Test
    void bridgesUnknownFunctionsAndNonRootAreRefused() {
        PciAddress port = PciAddress.parse("0000:00:1c.0");
        assertThat(plan(port, List.of(port), ResetKind.HOT_RESET, true).refusals()).extracting(Finding::code)
                .contains("TARGET_IS_BRIDGE");
        assertThat(plan(EDU, List.of(EDU), ResetKind.HOT_RESET, true).refusals()).extracting(Finding::code)
                .containsExactly("UNKNOWN_DEVICE");
        ResetPlan user = ResetPlanner.plan(new ResetRequest(NIC, List.of(NIC, AUDIO), ResetKind.HOT_RESET, false, true),
                scan(), HostState.NONE, false);
        assertThat(user.refusals()).extracting(Finding::code).containsExactly("NOT_ROOT");
    }
}
