package org.vfioinspector.core.reset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

import org.vfioinspector.core.config.AdvancedFeatures;
import org.vfioinspector.core.config.ConfigSpace;
import org.vfioinspector.core.config.PciExpress;
import org.vfioinspector.core.config.PowerManagement;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

/**
 * The function-reset methods the kernel has for one function, in the order it tries them.
 *
 * <p>Since 5.15 the kernel lists them in {@code reset_method} ({@link Source#SYSFS}; an empty list means an
 * administrator disabled resets, and a missing file that it found none). Older kernels (RHEL 8, Ubuntu 20.04) have no such file; then the methods
 * are inferred from config space the way their probe ({@code pci_probe_reset_function()}, drivers/pci/pci.c)
 * finds them ({@link Source#INFERRED}): device_specific (the quirks.c table), flr (DevCap FLR), af_flr
 * (Advanced Features TP and FLR), pm (PM capability with NoSoftRst clear), then slot/bus (alone on a
 * non-root bus, not a bridge, no NO_BUS_RESET quirk). The firmware's ACPI {@code _RST} cannot be seen
 * from sysfs and is never inferred. Without the capability list (64 bytes of config, read unprivileged)
 * nothing is guessed: {@link Source#UNKNOWN}.
 *
 * @param methods     the methods in the kernel's order; empty Optional when unknown
 * @param source      where the list comes from
 * @param explanation one or two sentences for people: where the list comes from and why
 */
public record KernelResetMethods(Optional<List<String>> methods, Source source, String explanation) {

    /** Where a method list comes from. */
    public enum Source {
        /** Read from the kernel's {@code reset_method} attribute. */
        SYSFS,
        /** Computed from config space like the probe of a kernel without {@code reset_method}. */
        INFERRED,
        /** Cannot be known from what the host root shows. */
        UNKNOWN
    }

    public KernelResetMethods {
        methods = methods.map(List::copyOf);
        if (source == Source.UNKNOWN && methods.isPresent()) {
            throw new IllegalArgumentException("an unknown method list has no methods");
        }
    }

    /**
     * The kernel's methods for {@code d} on the host {@code t}: read when the kernel lists them, else inferred.
     * A kernel that has {@code reset_method} hides it for a function without any method
     * ({@code pci_dev_reset_method_attr_is_visible()}), so its absence means "none" when the host shows the
     * attribute for any other function; only on a host that shows it nowhere is the kernel taken as older.
     */
    public static KernelResetMethods of(PciDevice d, Topology t) {
        if (d.resetMethods().isPresent()) {
            List<String> listed = d.resetMethods().get();
            return new KernelResetMethods(Optional.of(listed), Source.SYSFS, listed.isEmpty()
                    ? "reset_method is empty: an administrator disabled function resets of this device."
                    : "The kernel's reset_method lists " + String.join(" ", listed) + " (tried in this order).");
        }
        if (kernelHasAttribute(t)) {
            return new KernelResetMethods(Optional.of(List.of()), Source.SYSFS, "No reset_method file: this kernel "
                    + "shows it for other functions and hides it where it found no reset method.");
        }
        if (t.host().kernelAtLeast(5, 15).orElse(false)) {
            return unknown("This kernel (" + t.host().kernelRelease().orElse("?") + ") has reset_method, but the host root "
                    + "shows it for no function (an incomplete capture?), so the reset methods are unknown.");
        }
        Optional<ConfigSpace> config = d.config();
        if (config.isEmpty() || !config.get().capabilitiesAvailable() || config.get().vendorId() == 0xffff) {
            String why = config.isEmpty() ? "its config space could not be read"
                    : config.get().vendorId() == 0xffff ? "the function did not answer config reads (vendor ID ffff)"
                    : "only " + config.get().length() + " bytes of config space could be read (reading the capability "
                            + "list needs root)";
            return unknown("This kernel has no reset_method file and " + why + ", so the reset methods it found are unknown.");
        }
        return infer(d, config.get(), t);
    }

    /** Per topology: does any function show {@code reset_method}? Asked for every function, computed once. */
    private static final Map<Topology, Boolean> ATTRIBUTE_SEEN = Collections.synchronizedMap(new WeakHashMap<>());

    private static boolean kernelHasAttribute(Topology t) {
        return ATTRIBUTE_SEEN.computeIfAbsent(t, x -> x.devices().stream().anyMatch(o -> o.resetMethods().isPresent()));
    }

    /** True when the kernel has at least one method, so {@code VFIO_DEVICE_RESET} is offered; empty when unknown. */
    public Optional<Boolean> anyMethod() {
        return methods.map(l -> !l.isEmpty());
    }

    /** The method the kernel tries first, when there is one. */
    public Optional<String> first() {
        return methods.flatMap(l -> l.stream().findFirst());
    }

    private static KernelResetMethods unknown(String why) {
        return new KernelResetMethods(Optional.empty(), Source.UNKNOWN, why);
    }

    private static KernelResetMethods infer(PciDevice d, ConfigSpace c, Topology t) {
        List<String> methods = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        Optional<String> noFlr = ResetQuirks.noFlr(d);
        boolean devCapFlr = c.pciExpress().map(PciExpress::flrCapable).orElse(false);
        boolean flr = devCapFlr && noFlr.isEmpty();
        ResetQuirks.deviceSpecific(d, flr).ifPresent(r -> {
            methods.add("device_specific");
            reasons.add("device_specific: " + r);
        });
        if (flr) {
            methods.add("flr");
            reasons.add("flr: DevCap advertises Function Level Reset");
        } else if (devCapFlr) {
            reasons.add("no flr: " + noFlr.get());
        }
        boolean afFlr = c.advancedFeatures().map(AdvancedFeatures::kernelUsable).orElse(false);
        if (afFlr && noFlr.isEmpty()) {
            methods.add("af_flr");
            reasons.add("af_flr: the Advanced Features capability has TP and FLR");
        }
        PciAddress a = d.address();
        boolean parentMissing = d.parent().isPresent() && t.parent(a).isEmpty();
        Optional<String> noPm = ResetQuirks.noPmReset(d, t.onRootBus(a) && !parentMissing);
        Optional<PowerManagement> pm = c.powerManagement();
        if (pm.isPresent() && !pm.get().noSoftReset() && noPm.isEmpty()) {
            methods.add("pm");
            reasons.add("pm: the PM capability has NoSoftRst clear (D3hot→D0 resets the function)");
        } else if (pm.isPresent() && pm.get().noSoftReset()) {
            reasons.add("no pm: NoSoftRst is set");
        } else if (pm.isPresent()) {
            reasons.add("no pm: " + noPm.get());
        }
        Optional<String> bus = busReset(d, t, parentMissing);
        if (bus.isEmpty()) {
            methods.add("bus");
            reasons.add("bus: alone on its bus below " + t.parent(a).map(p -> p.address().toString()).orElse("?"));
        } else {
            reasons.add("no bus: " + bus.get());
        }
        if (parentMissing && methods.isEmpty()) {
            return unknown("This kernel has no reset_method file; config space offers no FLR or PM reset, and the "
                    + "upstream bridge " + d.parent().get() + " was not captured, so whether a bus reset is possible "
                    + "is unknown.");
        }
        return new KernelResetMethods(Optional.of(methods), Source.INFERRED,
                "Inferred from config space (this kernel has no reset_method file): " + String.join("; ", reasons)
                        + ". A firmware ACPI _RST method cannot be seen from sysfs and is not included; "
                        + "kernel quirks are mainline's, an older kernel may lack the newest.");
    }

    /**
     * Why the kernel's {@code pci_parent_bus_reset()} (and slot reset) would refuse the function, or empty
     * when it would offer "bus". It checks the function's own NO_BUS_RESET flag, not the bridge's.
     */
    private static Optional<String> busReset(PciDevice d, Topology t, boolean parentMissing) {
        PciAddress a = d.address();
        if (parentMissing) {
            return Optional.of("its upstream bridge " + d.parent().get() + " was not captured");
        }
        if (t.onRootBus(a)) {
            return Optional.of("it sits on a root bus");
        }
        if (d.isBridge()) {
            return Optional.of("it is a bridge (a bus reset would reach everything behind it)");
        }
        Optional<String> quirk = NoBusResetQuirks.reason(d);
        if (quirk.isPresent()) {
            return quirk;
        }
        PciDevice bridge = t.parent(a).get();
        if (bridge.secondaryBus().isPresent() && bridge.secondaryBus().getAsInt() != a.bus()) {
            return Optional.of("it sits on a virtual bus (an SR-IOV VF) with no bridge of its own");
        }
        List<PciAddress> others = t.devicesOnBus(a.busAddress()).stream().filter(o -> !o.equals(a)).toList();
        if (!others.isEmpty()) {
            return Optional.of(others.get(0) + (others.size() > 1 ? " and " + (others.size() - 1) + " more share" : " shares")
                    + " its bus");
        }
        return Optional.empty();
    }
}
