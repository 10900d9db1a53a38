package org.vfioinspector.app.priv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.vfio.ResetKind;

class CliInvocationTest {

    private static final PciAddress A = PciAddress.parse("0000:03:00.0");
    private static final PciAddress B = PciAddress.parse("0000:03:00.1");
    private static final Path STATE = Path.of("/var/lib/vfio-inspector");

    @Test
    void aResetNamesTheConfirmedSetSortedAndAlwaysAsksForJsonAndTheStateDirectory() {
        CliInvocation inv = CliInvocation.reset(A, List.of(B, A), ResetKind.HOT_RESET, true, true, STATE, Optional.empty());

        assertThat(inv.verb()).isEqualTo(CliInvocation.Verb.RESET);
        assertThat(inv.arguments()).containsExactly("reset", "0000:03:00.0", "--confirm", "0000:03:00.0,0000:03:00.1",
                "--dry-run", "--bind", "--progress", "--json", "--state-dir", "/var/lib/vfio-inspector");
    }

    @Test
    void aFunctionResetAddsFlrAndConfirmsOnlyTheTarget() {
        assertThat(CliInvocation.reset(A, List.of(A), ResetKind.FUNCTION_RESET, false, false, STATE,
                Optional.of(Path.of("/tmp/host"))).arguments())
                .containsExactly("--root", "/tmp/host", "reset", "0000:03:00.0", "--confirm", "0000:03:00.0", "--function",
                        "--progress", "--json", "--state-dir", "/var/lib/vfio-inspector");
        assertThatThrownBy(() -> CliInvocation.reset(A, List.of(A, B), ResetKind.FUNCTION_RESET, false, false, STATE,
                Optional.empty())).hasMessageContaining("confirms only");
    }

    @Test
    void theConfirmedSetMustContainTheTargetAndNameNothingTwice() {
        assertThatThrownBy(() -> CliInvocation.reset(A, List.of(B), ResetKind.HOT_RESET, true, false, STATE,
                Optional.empty())).hasMessageContaining("must contain the target");
        assertThatThrownBy(() -> CliInvocation.bind(List.of(A, A), STATE, Optional.empty()))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> CliInvocation.bind(List.of(), STATE, Optional.empty()))
                .hasMessageContaining("no PCI function");
    }

    @Test
    void theHostImpactOverrideGoesOnlyWithABind() {
        assertThat(CliInvocation.reset(A, List.of(A, B), ResetKind.HOT_RESET, false, true, true, STATE, Optional.empty())
                .arguments()).containsSequence("--bind", "--force-host-impact");
        assertThat(CliInvocation.bind(List.of(A), true, STATE, Optional.empty()).arguments())
                .containsExactly("bind", "0000:03:00.0", "--vfio", "--force-host-impact", "--json", "--state-dir",
                        "/var/lib/vfio-inspector");
        assertThatThrownBy(() -> CliInvocation.reset(A, List.of(A, B), ResetKind.HOT_RESET, false, false, true, STATE,
                Optional.empty())).hasMessageContaining("--bind");
    }

    @Test
    void pathsMustBeAbsoluteNormalizedAndPrintable() {
        assertThatThrownBy(() -> CliInvocation.restore(Path.of("state"), Optional.empty()))
                .hasMessageContaining("absolute");
        assertThatThrownBy(() -> CliInvocation.restore(Path.of("/var/lib/../tmp"), Optional.empty()))
                .hasMessageContaining("normalized");
        assertThatThrownBy(() -> CliInvocation.restore(Path.of("/tmp/a\nb"), Optional.empty()))
                .hasMessageContaining("control characters");
        assertThat(CliInvocation.restore(STATE, Optional.empty()).arguments())
                .containsExactly("restore", "--json", "--state-dir", "/var/lib/vfio-inspector");
    }

    @Test
    void forTheLiveHostTheCommandWordIsTheFirstArgumentAsThePolkitPolicyExpects() {
        assertThat(CliInvocation.reset(A, List.of(A, B), ResetKind.HOT_RESET, false, true, STATE, Optional.empty())
                .arguments().get(0)).isEqualTo("reset");
        assertThat(CliInvocation.bind(List.of(A), STATE, Optional.empty()).arguments().get(0)).isEqualTo("bind");
        assertThat(CliInvocation.restore(STATE, Optional.empty()).arguments().get(0)).isEqualTo("restore");
    }

    @Test
    void wideDomainsKeepTheirFullForm() {
        PciAddress vmd = PciAddress.parse("10000:01:00.0");
        assertThat(CliInvocation.bind(List.of(vmd), STATE, Optional.empty()).arguments())
                .containsExactly("bind", "10000:01:00.0", "--vfio", "--json", "--state-dir", "/var/lib/vfio-inspector");
    }

    @Test
    void shellWordsQuoteOnlyWhatAShellWouldSplitOrExpand() {
        assertThat(ShellWords.join(List.of("sudo", "/opt/a b/x", "--confirm", "0000:03:00.0,0000:03:00.1", "it's", "$HOME")))
                .isEqualTo("sudo '/opt/a b/x' --confirm 0000:03:00.0,0000:03:00.1 'it'\\''s' '$HOME'");
    }

    @Test
    void aLauncherMustStartWithAnAbsoluteProgram() {
        assertThatThrownBy(() -> new Launcher(List.of("vfio-inspector"))).hasMessageContaining("absolute");
        assertThat(Launcher.locate().command().get(0)).startsWith("/");
    }
}
