package org.vfioinspector.core.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.vfioinspector.core.health.LinkSpeed;
import org.vfioinspector.core.model.KernelCommandLine;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

/**
 * An expectations file for {@code check --baseline}: what a lab pins about a host, written by
 * {@code check --write-baseline} from a host as it is and then trimmed by hand. Every field but {@code version}
 * may be left out; what is left out is not checked. A pin the host does not show is an unknown finding, never met.
 *
 * @param version          {@value #VERSION}
 * @param host             the host name it must have ({@code proc/sys/kernel/hostname})
 * @param kernelRelease    the kernel release it must run
 * @param iommu            true: it must have IOMMU groups
 * @param kernelParameters parameters its command line must have, with their values ({@code ""}: without one)
 * @param functions        functions it must have, each with what it pins
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Expectations(Integer version, String host, String kernelRelease, Boolean iommu,
                           Map<String, String> kernelParameters, List<Function> functions) {

    public static final int VERSION = 1;

    /** Command line parameters that a written file pins (when the host has them). */
    private static final List<String> PINNED_PARAMETERS = List.of("intel_iommu", "amd_iommu", "iommu", "iommu.passthrough",
            "pcie_acs_override", "vfio_pci.ids");

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /**
     * One function: found by {@code serial} (with {@code ids}), else at {@code position} with {@code ids}, else at
     * {@code address} with {@code ids}. {@code groupSize}: its IOMMU group may hold at most this many functions;
     * {@code resetMethods}: the kernel must list each; {@code driver}: bound to it ({@code ""}: none);
     * {@code linkSpeed}/{@code linkWidth}: its link must run at least this fast and wide.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Function(String address, String position, String ids, String serial, Integer groupSize,
                           List<String> resetMethods, String driver, String linkSpeed, Integer linkWidth) {
    }

    /** What {@code check --write-baseline} writes: everything this tool can pin of the host's endpoints. */
    public static Expectations of(Side s) {
        Topology t = s.topology();
        Map<String, String> params = new LinkedHashMap<>();
        KernelCommandLine c = t.host().cmdline();
        PINNED_PARAMETERS.forEach(k -> c.get(k).ifPresent(v -> params.put(k, v)));
        List<Function> fs = new ArrayList<>();
        for (PciDevice d : t.devices()) {
            if (d.isBridge() || d.isHostBridge()) {
                continue;
            }
            Integer size = t.groupOf(d.address()).map(g -> g.devices().size()).orElse(null);
            fs.add(new Function(d.address().toString(), Position.of(t, d.address()), d.idPair(),
                    s.serial(d.address()).orElse(null), size, d.resetMethods().orElse(null), d.driver().orElse(""),
                    d.link().currentSpeed().orElse(null), d.link().currentWidth().isPresent() ? d.link().currentWidth().getAsInt() : null));
        }
        return new Expectations(VERSION, s.hostName().orElse(null), t.host().kernelRelease().orElse(null),
                t.host().iommuEnabled() ? Boolean.TRUE : null, params.isEmpty() ? null : params, fs);
    }

    /** Reads a file's text; a malformed file or another version is an {@link IllegalArgumentException} with one line. */
    public static Expectations parse(String json) {
        Expectations e;
        try {
            e = MAPPER.readValue(json, Expectations.class);
        } catch (JsonProcessingException x) {
            throw new IllegalArgumentException("not an expectations file: " + x.getOriginalMessage());
        }
        if (e == null || e.version() == null) {
            throw new IllegalArgumentException("not an expectations file: it has no \"version\"");
        }
        if (e.version() != VERSION) {
            throw new IllegalArgumentException("expectations version " + e.version() + " is not supported (this tool reads "
                    + VERSION + ")");
        }
        for (Function f : Optional.ofNullable(e.functions()).orElse(List.of())) {
            if (f == null || f.address() == null && f.position() == null && f.serial() == null) {
                throw new IllegalArgumentException("not an expectations file: a function needs an address, position or serial");
            }
            if (f.address() != null && PciAddress.tryParse(f.address()) == null) {
                throw new IllegalArgumentException("not an expectations file: bad address " + f.address());
            }
        }
        return e;
    }

    public String write() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("cannot write expectations", x);
        }
    }

    /** The pins the host does not meet (worse) or does not show (unknown), as changes from the expectations to it. */
    public List<Change> check(Side s) {
        List<Change> out = new ArrayList<>();
        Topology t = s.topology();
        if (host != null) {
            if (s.hostName().isEmpty()) {
                out.add(unknown(Change.Aspect.HOST, null, "The host name is not shown", host));
            } else if (!host.equals(s.hostName().get())) {
                out.add(Change.of(Change.Aspect.HOST, Change.Impact.WORSE, null, null, "Another host than the expectations'",
                        host, s.hostName().get()));
            }
        }
        if (kernelRelease != null) {
            Optional<String> r = t.host().kernelRelease();
            out.addAll(r.isEmpty() ? List.of(unknown(Change.Aspect.KERNEL, null, "The kernel release is not shown", kernelRelease))
                    : r.get().equals(kernelRelease) ? List.of() : List.of(Change.of(Change.Aspect.KERNEL, Change.Impact.WORSE,
                    null, null, "Another kernel release", kernelRelease, r.get())));
        }
        if (Boolean.TRUE.equals(iommu) && !t.host().iommuEnabled()) {
            out.add(Change.of(Change.Aspect.IOMMU, Change.Impact.WORSE, null, null, "The IOMMU is off (no IOMMU groups)",
                    "on", t.host().iommuSummary()));
        }
        parameters(t.host().cmdline(), out);
        for (Function f : Optional.ofNullable(functions).orElse(List.of())) {
            Optional<PciDevice> d = find(s, f);
            if (d.isEmpty()) {
                out.add(Change.of(Change.Aspect.PRESENCE, Change.Impact.WORSE, null, null, "Missing: "
                        + describe(f), describe(f), null));
            } else {
                function(s, f, d.get(), out);
            }
        }
        return out;
    }

    private void parameters(KernelCommandLine c, List<Change> out) {
        if (kernelParameters == null) {
            return;
        }
        kernelParameters.forEach((k, v) -> {
            String want = v == null || v.isEmpty() ? k : k + "=" + v;
            if (c.raw().isEmpty()) {
                out.add(unknown(Change.Aspect.COMMAND_LINE, null, "The kernel command line is not shown", want));
            } else if (!c.get(k).equals(Optional.of(v == null ? "" : v))) {
                out.add(Change.of(Change.Aspect.COMMAND_LINE, Change.Impact.WORSE, null, null, "Kernel parameter " + k
                        + " is not as expected", want, c.get(k).map(x -> x.isEmpty() ? k : k + "=" + x).orElse("absent")));
            }
        });
    }

    private static void function(Side s, Function f, PciDevice d, List<Change> out) {
        PciAddress a = d.address();
        Topology t = s.topology();
        if (f.groupSize() != null) {
            Optional<Integer> size = t.groupOf(a).map(g -> g.devices().size());
            if (size.isEmpty()) {
                out.add(unknown(Change.Aspect.IOMMU_GROUP, a, a + ": its IOMMU group is not shown", "at most " + f.groupSize()));
            } else if (size.get() > f.groupSize()) {
                out.add(Change.of(Change.Aspect.IOMMU_GROUP, Change.Impact.WORSE, null, a, a + ": its IOMMU group holds more "
                        + "functions than expected", "at most " + f.groupSize(), size.get() + ": "
                        + GroupChanges.join(t.groupOf(a).get().devices())));
            }
        }
        if (f.resetMethods() != null) {
            Optional<List<String>> m = d.resetMethods();
            if (m.isEmpty()) {
                out.add(unknown(Change.Aspect.RESET, a, a + ": its reset methods are not shown (no reset_method)",
                        String.join(" ", f.resetMethods())));
            } else if (!m.get().containsAll(f.resetMethods())) {
                out.add(Change.of(Change.Aspect.RESET, Change.Impact.WORSE, null, a, a + ": expected reset method(s) missing",
                        String.join(" ", f.resetMethods()), String.join(" ", m.get())));
            }
        }
        if (f.driver() != null && !d.driver().orElse("").equals(f.driver())) {
            out.add(Change.of(Change.Aspect.DRIVER, Change.Impact.WORSE, null, a, a + ": another driver",
                    f.driver().isEmpty() ? "no driver" : f.driver(), d.driver().orElse("no driver")));
        }
        link(f, d, out);
    }

    private static void link(Function f, PciDevice d, List<Change> out) {
        PciAddress a = d.address();
        String want = Optional.ofNullable(f.linkSpeed()).orElse("") + (f.linkWidth() == null ? "" : " x" + f.linkWidth());
        if (want.isBlank()) {
            return;
        }
        OptionalDouble speed = LinkSpeed.gts(d.link().currentSpeed());
        OptionalDouble wanted = LinkSpeed.gts(Optional.ofNullable(f.linkSpeed()));
        boolean speedUnknown = f.linkSpeed() != null && (speed.isEmpty() || wanted.isEmpty());
        boolean widthUnknown = f.linkWidth() != null && d.link().currentWidth().isEmpty();
        if (speedUnknown || widthUnknown) {
            out.add(unknown(Change.Aspect.LINK, a, a + ": its link is not shown", want.strip()));
            return;
        }
        boolean slower = f.linkSpeed() != null && speed.getAsDouble() < wanted.getAsDouble();
        boolean narrower = f.linkWidth() != null && d.link().currentWidth().getAsInt() < f.linkWidth();
        if (slower || narrower) {
            out.add(Change.of(Change.Aspect.LINK, Change.Impact.WORSE, null, a, a + ": link slower or narrower than expected",
                    want.strip(), d.link().describeCurrent()));
        }
    }

    /** By serial and ids, else position and ids, else address and ids (ids not pinned: any), else ids unique on the host. */
    private static Optional<PciDevice> find(Side s, Function f) {
        Topology t = s.topology();
        java.util.function.Predicate<PciDevice> ids = d -> f.ids() == null || f.ids().equalsIgnoreCase(d.idPair());
        if (f.serial() != null) {
            Optional<PciDevice> bySerial = t.devices().stream().filter(ids)
                    .filter(d -> s.serial(d.address()).map(f.serial()::equalsIgnoreCase).orElse(false)).findFirst();
            if (bySerial.isPresent()) {
                return bySerial;
            }
        }
        if (f.position() != null) {
            Optional<PciDevice> byPosition = t.devices().stream().filter(ids)
                    .filter(d -> Position.of(t, d.address()).equals(f.position())).findFirst();
            if (byPosition.isPresent()) {
                return byPosition;
            }
        }
        Optional<PciDevice> byAddress = f.address() == null ? Optional.empty()
                : t.device(PciAddress.parse(f.address())).filter(ids);
        if (byAddress.isPresent() || f.ids() == null) {
            return byAddress;
        }
        // moved without a serial: the only function with these ids, as diff recognises it
        List<PciDevice> same = t.devices().stream().filter(ids).limit(2).toList();
        return same.size() == 1 ? Optional.of(same.get(0)) : Optional.empty();
    }

    private static String describe(Function f) {
        return Objects.toString(f.address(), f.position()) + (f.ids() == null ? "" : " (" + f.ids() + ")")
                + (f.serial() == null ? "" : " serial " + f.serial());
    }

    private static Change unknown(Change.Aspect aspect, PciAddress a, String summary, String expected) {
        return Change.of(aspect, Change.Impact.UNKNOWN, null, a, summary, expected, null);
    }
}
