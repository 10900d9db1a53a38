package org.vfioinspector.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.vfioinspector.core.model.KernelCommandLine;

/** {@code proc/cmdline} from any host or snapshot. */
class KernelCommandLineFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        KernelCommandLine k = KernelCommandLine.parse(text);

        assertThat(k.raw()).isEqualTo(text.strip());
        assertThat(KernelCommandLine.parse(k.raw())).isEqualTo(k);
        for (Map.Entry<String, String> p : k.parameters().entrySet()) {
            assertThat(p.getKey()).as("'-' and '_' are one character in names").doesNotContain("-");
            assertThat(p.getKey() + p.getValue()).as("quotes are syntax, not content").doesNotContain("\"");
            assertThat(k.get(p.getKey())).contains(p.getValue());
            // quotes group words and are dropped, wherever they stand (the kernel keeps inner ones)
            assertThat(k.raw().replace("\"", "")).contains(p.getValue());
        }
        // the derived facts never throw and are made of the parameters
        k.passthrough();
        k.intelIommu();
        k.amdIommu();
        k.acsOverride().ifPresent(v -> assertThat(k.parameters()).containsValue(v));
        assertThat(k.vfioPciIds()).allSatisfy(id -> {
            assertThat(id).isNotEmpty().doesNotContain(",");
            assertThat(k.get("vfio-pci.ids").orElseThrow()).contains(id);
        });
    }
}
