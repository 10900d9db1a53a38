package org.vfioinspector.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdvancedFeaturesTest {

    private static ConfigSpace withAf(int afCaps, int length) {
        ConfigSpaceBuilder b = ConfigSpaceBuilder.endpoint(0x1234, 0x0001, 0x028000)
                .capability(Capability.ADVANCED_FEATURES, 6);
        b.rawWrite(b.capabilityOffset(Capability.ADVANCED_FEATURES) + 2, (byte) 0x06, (byte) afCaps);
        return ConfigSpaceParser.parse(b.build(length));
    }

    @Test
    void tpAndFlrBitsAreReadFromAfCapabilities() {
        assertThat(withAf(0x03, 256).advancedFeatures()).contains(new AdvancedFeatures(true, true));
        assertThat(withAf(0x03, 256).advancedFeatures().orElseThrow().kernelUsable()).isTrue();
        assertThat(withAf(0x02, 256).advancedFeatures()).contains(new AdvancedFeatures(false, true));
        assertThat(withAf(0x02, 256).advancedFeatures().orElseThrow().kernelUsable()).isFalse();
        assertThat(withAf(0x01, 256).advancedFeatures().orElseThrow().kernelUsable()).isFalse();
    }

    @Test
    void noAfCapabilityIsEmptyAndAHeaderOnlyDumpHasNone() {
        ConfigSpace plain = ConfigSpaceParser.parse(ConfigSpaceBuilder.endpoint(0x1234, 0x0001, 0x028000).build(256));
        assertThat(plain.advancedFeatures()).isEmpty();
        assertThat(withAf(0x03, 64).advancedFeatures()).isEmpty();
    }
}
