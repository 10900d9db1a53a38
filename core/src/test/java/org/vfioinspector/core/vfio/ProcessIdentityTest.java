package org.vfioinspector.core.vfio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessIdentityTest {

    @Test
    void effectiveUidAgreesWithProcSelfStatus() throws Exception {
        // "Uid:\treal\teffective\tsaved\tfs"
        String uidLine = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
        int effective = Integer.parseInt(uidLine.split("\\s+")[2]);

        assertThat(ProcessIdentity.effectiveUid()).isEqualTo(effective);
        assertThat(ProcessIdentity.isRoot()).isEqualTo(effective == 0);
    }
}
