package org.vfioinspector.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class AcsTest {

    private static final int ALL = AcsBit.maskOf(AcsBit.values());

    @Test
    void bitsFollowTheKernelHeader() {
        // linux/pci_regs.h: PCI_ACS_SV 0x01 TB 0x02 RR 0x04 CR 0x08 UF 0x10 EC 0x20 DT 0x40
        assertThat(AcsBit.values()).extracting(AcsBit::mask)
                .containsExactly(0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40);
        assertThat(AcsBit.values()).allSatisfy(bit -> assertThat(bit.description()).isNotBlank());
    }

    @Test
    void capabilityAndControlAreReadSeparately() {
        Acs acs = new Acs(AcsBit.maskOf(AcsBit.SV, AcsBit.TB), AcsBit.maskOf(AcsBit.SV));

        assertThat(acs.hasCapability(AcsBit.TB)).isTrue();
        assertThat(acs.isEnabled(AcsBit.TB)).isFalse();
        assertThat(acs.isEnabled(AcsBit.SV)).isTrue();
        assertThat(acs.hasCapability(AcsBit.RR)).isFalse();
    }

    @Test
    void portWithEverythingEnabledIsolates() {
        assertThat(new Acs(ALL, ALL).isolates()).isTrue();
        assertThat(new Acs(ALL, AcsBit.maskOf(AcsBit.SV, AcsBit.RR, AcsBit.CR, AcsBit.UF)).isolates()).isTrue();
    }

    @Test
    void supportedButDisabledRequiredBitBreaksIsolation() {
        Acs acs = new Acs(ALL, AcsBit.maskOf(AcsBit.SV, AcsBit.CR, AcsBit.UF));

        assertThat(acs.isolates()).isFalse();
        assertThat(acs.isolationGaps()).containsExactly(AcsBit.RR);
    }

    @Test
    void portWithAcsTurnedOffReportsEveryRequiredBit() {
        assertThat(new Acs(ALL, 0).isolationGaps()).isEqualTo(EnumSet.of(AcsBit.SV, AcsBit.RR, AcsBit.CR, AcsBit.UF));
    }

    @Test
    void requiredBitThePortDoesNotAdvertiseCountsAsHardWired() {
        // pci_acs_flags_enabled(): acs_flags &= (cap | PCI_ACS_EC) — e.g. a port without UF in ACSCap.
        Acs acs = new Acs(AcsBit.maskOf(AcsBit.SV, AcsBit.RR, AcsBit.CR), AcsBit.maskOf(AcsBit.SV, AcsBit.RR, AcsBit.CR));

        assertThat(acs.isolates()).isTrue();
    }

    @Test
    void optionalBitsDoNotMatterForIsolation() {
        int required = AcsBit.maskOf(AcsBit.SV, AcsBit.RR, AcsBit.CR, AcsBit.UF);
        Acs acs = new Acs(ALL, required); // TB, EC and DT supported but off

        assertThat(acs.isolates()).isTrue();
    }

    @Test
    void registersAreSixteenBits() {
        assertThatThrownBy(() -> new Acs(0x1_0000, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Acs(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
