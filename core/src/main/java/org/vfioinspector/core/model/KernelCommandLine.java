package org.vfioinspector.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel command line ({@code proc/cmdline}) and the parameters that matter for IOMMU and VFIO:
 * {@code intel_iommu}, {@code amd_iommu}, {@code iommu}, {@code iommu.passthrough},
 * {@code pcie_acs_override}, {@code vfio-pci.ids}.
 */
public record KernelCommandLine(String raw, Map<String, String> parameters) {

    public static final KernelCommandLine EMPTY = new KernelCommandLine("", Map.of());

    public KernelCommandLine {
        parameters = Map.copyOf(parameters);
    }

    /** Splits the command line into {@code key=value} parameters (the last occurrence wins, as in the kernel). */
    public static KernelCommandLine parse(String text) {
        String raw = text == null ? "" : text.strip();
        Map<String, String> params = new LinkedHashMap<>();
        for (String token : tokens(raw)) {
            int eq = token.indexOf('=');
            String key = eq < 0 ? token : token.substring(0, eq);
            String value = eq < 0 ? "" : token.substring(eq + 1);
            // the kernel treats '-' and '_' alike in parameter names
            params.put(key.replace('-', '_'), value);
        }
        return new KernelCommandLine(raw, params);
    }

    private static List<String> tokens(String raw) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : raw.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(parameters.get(key.replace('-', '_')));
    }

    public Optional<String> intelIommu() {
        return get("intel_iommu");
    }

    public Optional<String> amdIommu() {
        return get("amd_iommu");
    }

    /** True for {@code iommu=pt} or {@code iommu.passthrough=1}. */
    public boolean passthrough() {
        return get("iommu").map(v -> List.of(v.split(",")).contains("pt")).orElse(false)
                || get("iommu.passthrough").map(v -> v.equals("1") || v.equals("y") || v.equals("on")).orElse(false);
    }

    /** The value of {@code pcie_acs_override} (an out-of-tree patch that fakes ACS isolation). */
    public Optional<String> acsOverride() {
        return get("pcie_acs_override");
    }

    /** The ids listed in {@code vfio_pci.ids} / {@code vfio-pci.ids}. */
    public List<String> vfioPciIds() {
        // "vfio-pci.ids=" or "a,,b" must not yield empty ids
        return get("vfio_pci.ids").map(v -> Arrays.stream(v.split(",")).filter(id -> !id.isEmpty()).toList())
                .orElse(List.of());
    }
}
