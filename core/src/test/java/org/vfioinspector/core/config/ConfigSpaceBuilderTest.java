package org.vfioinspector.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSpaceBuilderTest {

    @Test
    void writesASysfsConfigFileOfTheRequestedLength(@TempDir Path dir) throws IOException {
        ConfigSpaceBuilder b = ConfigSpaceBuilder.endpoint(0x1b36, 0x0010, 0x010802).powerManagement(true);
        Path file = dir.resolve("sys/devices/pci0000:00/0000:00:02.1/0000:02:00.0/config");

        b.writeTo(file, 256);

        assertThat(Files.readAllBytes(file)).hasSize(256).isEqualTo(b.build(256));
        assertThat(ConfigSpaceParser.parse(Files.readAllBytes(file)).powerManagement().orElseThrow().noSoftReset())
                .isTrue();
    }

    @Test
    void shorterBuildsArePrefixesOfTheFullImage() {
        ConfigSpaceBuilder b = ConfigSpaceBuilder.endpoint(1, 2, 0x020000).msix().aer();
        byte[] full = b.build(4096);

        assertThat(b.build(64)).containsExactly(Arrays.copyOf(full, 64));
        assertThat(b.build(256)).containsExactly(Arrays.copyOf(full, 256));
    }

    @Test
    void reportsWhereItLaysCapabilitiesOut() {
        ConfigSpaceBuilder b = ConfigSpaceBuilder.endpoint(1, 2, 0x020000).powerManagement(false).msix().aer();

        assertThat(b.capabilityOffset(Capability.POWER_MANAGEMENT)).isEqualTo(0x40);
        assertThat(b.capabilityOffset(Capability.MSI_X)).isEqualTo(0x48);
        assertThat(b.capabilityOffset(Capability.PCI_EXPRESS)).isEqualTo(-1);
        assertThat(b.extendedCapabilityOffset(ExtendedCapability.AER)).isEqualTo(0x100);
    }

    @Test
    void rejectsLengthsAndWritesOutsideConfigSpace() {
        ConfigSpaceBuilder b = ConfigSpaceBuilder.endpoint(1, 2, 0x020000);

        assertThatThrownBy(() -> b.build(4097)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.rawWrite32(4094, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
