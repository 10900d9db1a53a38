package org.vfioinspector.core.compare;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.vfioinspector.core.config.ConfigSpace;
import org.vfioinspector.core.config.PortType;
import org.vfioinspector.core.health.LinkHop;
import org.vfioinspector.core.health.LinkSpeed;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.reset.GroupExplainer;
import org.vfioinspector.core.reset.KernelResetMethods;
import org.vfioinspector.core.text.Counted;

/** Differences of each function found on both sides: ACS, reset methods and capabilities, link, driver, SR-IOV. */
final class FunctionChanges {

    private final Side a;
    private final Side b;
    private final List<Change> out;
    private int acsUnknown;
    private int resetUnknown;

    private FunctionChanges(Side a, Side b, List<Change> out) {
        this.a = a;
        this.b = b;
        this.out = out;
    }

    static void add(Side a, Side b, List<Pairing> pairs, List<Change> out, List<String> notCompared) {
        FunctionChanges f = new FunctionChanges(a, b, out);
        for (Pairing p : pairs) {
            PciDevice x = a.topology().device(p.before()).orElseThrow();
            PciDevice y = b.topology().device(p.after()).orElseThrow();
            f.acs(x, y);
            f.resetMethods(x, y);
            f.resetCapabilities(x, y);
            f.link(x, y);
            f.driver(x, y);
            f.sriov(x, y);
        }
        if (f.acsUnknown > 0) {
            notCompared.add("ACS of " + Counted.of(f.acsUnknown, "port") + ": neither side shows their extended config space (read as root)");
        }
        if (f.resetUnknown > 0) {
            notCompared.add("reset methods of " + Counted.of(f.resetUnknown, "function") + ": neither side has a reset_method file for them");
        }
    }

    private void acs(PciDevice x, PciDevice y) {
        boolean port = x.portType().map(PortType::isDownstreamFacing).orElse(false)
                || y.portType().map(PortType::isDownstreamFacing).orElse(false);
        if (!port) {
            return;
        }
        Optional<Boolean> ia = GroupExplainer.isolatingAcs(x);
        Optional<Boolean> ib = GroupExplainer.isolatingAcs(y);
        if (ia.isEmpty() && ib.isEmpty()) {
            acsUnknown++;
        } else if (ia.isEmpty() || ib.isEmpty()) {
            add(Change.Aspect.ACS, Change.Impact.UNKNOWN, x, y, y.address() + ": whether it enforces ACS isolation is unknown on "
                    + side(ib.isEmpty()) + " (extended config space not shown)", isolation(ia), isolation(ib));
        } else if (!ia.equals(ib)) {
            Change c = change(Change.Aspect.ACS, ia.get() ? Change.Impact.WORSE : Change.Impact.BETTER, x, y,
                    y.address() + (ia.get() ? ": ACS isolation lost" : ": ACS isolation gained"), isolation(ia), isolation(ib));
            out.add(c.withReasons(List.of(GroupExplainer.describeAcsGap(ia.get() ? y : x))));
        }
    }

    private static String isolation(Optional<Boolean> v) {
        return v.map(i -> i ? "isolates (SV, RR, CR, UF)" : "does not isolate").orElse(null);
    }

    private void resetMethods(PciDevice x, PciDevice y) {
        Optional<List<String>> ma = x.resetMethods();
        Optional<List<String>> mb = y.resetMethods();
        if (ma.isEmpty() && mb.isEmpty()) {
            resetUnknown++;
            return;
        }
        if (ma.isEmpty() || mb.isEmpty()) {
            boolean lostOnB = mb.isEmpty();
            PciDevice unknownOne = lostOnB ? y : x;
            Side s = lostOnB ? b : a;
            KernelResetMethods k = KernelResetMethods.of(unknownOne, s.topology());
            String inferred = k.methods().map(l -> "inferred from config space: " + (l.isEmpty() ? "none" : String.join(" ", l)))
                    .orElse(k.explanation());
            add(Change.Aspect.RESET, Change.Impact.UNKNOWN, x, y, y.address() + ": the kernel's reset methods are unknown on "
                    + s.label() + " (no reset_method file; " + inferred + ")", words(ma), words(mb));
            return;
        }
        List<String> lost = ma.get().stream().filter(m -> !mb.get().contains(m)).toList();
        List<String> gained = mb.get().stream().filter(m -> !ma.get().contains(m)).toList();
        if (!lost.isEmpty()) {
            add(Change.Aspect.RESET, Change.Impact.WORSE, x, y, y.address() + ": reset method(s) lost: "
                    + String.join(", ", lost), words(ma), words(mb));
        } else if (!gained.isEmpty()) {
            add(Change.Aspect.RESET, Change.Impact.BETTER, x, y, y.address() + ": reset method(s) gained: "
                    + String.join(", ", gained), words(ma), words(mb));
        } else if (!ma.equals(mb)) {
            add(Change.Aspect.RESET, Change.Impact.NEUTRAL, x, y, y.address() + ": the kernel tries its reset methods in another order",
                    words(ma), words(mb));
        }
    }

    private static String words(Optional<List<String>> methods) {
        return methods.map(l -> l.isEmpty() ? "(empty: disabled)" : String.join(" ", l)).orElse(null);
    }

    /** FLR (PCIe or Advanced Features) and NoSoftRst, from the standard capability list. */
    private void resetCapabilities(PciDevice x, PciDevice y) {
        Optional<Boolean> fa = flr(x);
        Optional<Boolean> fb = flr(y);
        if (fa.isPresent() && fb.isPresent() && !fa.equals(fb)) {
            add(Change.Aspect.RESET, fa.get() ? Change.Impact.WORSE : Change.Impact.BETTER, x, y,
                    y.address() + (fa.get() ? ": no longer advertises Function Level Reset" : ": now advertises Function Level Reset"),
                    fa.get() ? "FLR" : "no FLR", fb.get() ? "FLR" : "no FLR");
        } else if (fa.isPresent() != fb.isPresent() && fa.orElse(fb.orElse(false))) {
            add(Change.Aspect.RESET, Change.Impact.UNKNOWN, x, y, y.address()
                    + ": whether it advertises Function Level Reset is unknown on " + side(fb.isEmpty()) + " (capabilities not shown)",
                    fa.map(v -> v ? "FLR" : "no FLR").orElse(null), fb.map(v -> v ? "FLR" : "no FLR").orElse(null));
        }
        Optional<Boolean> na = noSoftReset(x);
        Optional<Boolean> nb = noSoftReset(y);
        if (na.isPresent() && nb.isPresent() && !na.equals(nb)) {
            add(Change.Aspect.RESET, nb.get() ? Change.Impact.WORSE : Change.Impact.BETTER, x, y,
                    y.address() + (nb.get() ? ": now sets NoSoftRst, so a power-management reset no longer resets it"
                            : ": no longer sets NoSoftRst, so a power-management reset resets it"),
                    na.get() ? "NoSoftRst" : "no NoSoftRst", nb.get() ? "NoSoftRst" : "no NoSoftRst");
        }
    }

    private static Optional<Boolean> flr(PciDevice d) {
        return d.config().filter(ConfigSpace::capabilitiesAvailable).map(c ->
                c.pciExpress().map(e -> e.flrCapable()).orElse(false)
                        || c.advancedFeatures().map(f -> f.kernelUsable()).orElse(false));
    }

    private static Optional<Boolean> noSoftReset(PciDevice d) {
        return d.config().filter(ConfigSpace::capabilitiesAvailable).flatMap(ConfigSpace::powerManagement)
                .map(pm -> pm.noSoftReset());
    }

    /** The link into the function (from the port above), judged by {@link LinkHop}'s downgraded rule. */
    private void link(PciDevice x, PciDevice y) {
        Optional<LinkHop> ha = a.health().linkInto(x.address());
        Optional<LinkHop> hb = b.health().linkInto(y.address());
        boolean ka = ha.map(LinkHop::known).orElse(false);
        boolean kb = hb.map(LinkHop::known).orElse(false);
        if (!ka && !kb) {
            return;
        }
        String was = ha.filter(LinkHop::known).map(FunctionChanges::describe).orElse(null);
        String now = hb.filter(LinkHop::known).map(FunctionChanges::describe).orElse(null);
        if (ka != kb) {
            add(Change.Aspect.LINK, Change.Impact.UNKNOWN, x, y, y.address() + ": its link is unknown on " + side(!kb), was, now);
            return;
        }
        LinkHop.State sa = ha.get().state();
        LinkHop.State sb = hb.get().state();
        OptionalDouble ga = ha.get().gbps();
        OptionalDouble gb = hb.get().gbps();
        boolean slower = ga.isPresent() && gb.isPresent() && gb.getAsDouble() < ga.getAsDouble();
        boolean faster = ga.isPresent() && gb.isPresent() && gb.getAsDouble() > ga.getAsDouble();
        if (sb == LinkHop.State.DOWNGRADED && sa != LinkHop.State.DOWNGRADED || slower) {
            add(Change.Aspect.LINK, Change.Impact.WORSE, x, y, y.address() + ": link "
                    + (sb == LinkHop.State.DOWNGRADED ? "downgraded (below what both ends support)" : "slower"), was, now);
        } else if (sa == LinkHop.State.DOWNGRADED && sb == LinkHop.State.FULL || faster) {
            add(Change.Aspect.LINK, Change.Impact.BETTER, x, y, y.address() + ": link "
                    + (sb == LinkHop.State.FULL ? "back to what both ends support" : "faster"), was, now);
        } else if (!was.equals(now)) {
            add(Change.Aspect.LINK, Change.Impact.NEUTRAL, x, y, y.address() + ": link changed", was, now);
        }
    }

    /** {@code 8 GT/s x4 (both ends: 8 GT/s x4), downgraded}. */
    private static String describe(LinkHop h) {
        String capable = h.capable().maxSpeed().orElse("?") + h.capable().maxWidth().stream().mapToObj(w -> " x" + w)
                .findFirst().orElse(" x?");
        String state = switch (h.state()) {
            case FULL -> "";
            case DOWNGRADED -> ", downgraded";
            case UNKNOWN -> ", maximum unknown";
        };
        return LinkSpeed.gts(h.current().currentSpeed()).isPresent()
                ? h.current().describeCurrent() + " (both ends support " + capable + ")" + state
                : h.current().describeCurrent();
    }

    private void driver(PciDevice x, PciDevice y) {
        if (!x.driver().equals(y.driver())) {
            add(Change.Aspect.DRIVER, Change.Impact.NEUTRAL, x, y, y.address() + ": another driver",
                    x.driver().orElse("no driver"), y.driver().orElse("no driver"));
        }
    }

    private void sriov(PciDevice x, PciDevice y) {
        var va = x.sriov().numVfs();
        var vb = y.sriov().numVfs();
        if (va.isPresent() && vb.isPresent() && va.getAsInt() != vb.getAsInt()) {
            add(Change.Aspect.SRIOV, Change.Impact.NEUTRAL, x, y, y.address() + ": another number of SR-IOV virtual functions",
                    va.getAsInt() + " VFs", vb.getAsInt() + " VFs");
        } else if (va.isPresent() != vb.isPresent() && (x.sriov().isPhysicalFunction() && y.sriov().isPhysicalFunction())) {
            add(Change.Aspect.SRIOV, Change.Impact.UNKNOWN, x, y, y.address() + ": its number of VFs is unknown on "
                    + side(vb.isEmpty()), va.isPresent() ? va.getAsInt() + " VFs" : null, vb.isPresent() ? vb.getAsInt() + " VFs" : null);
        }
    }

    private String side(boolean second) {
        return second ? b.label() : a.label();
    }

    private void add(Change.Aspect aspect, Change.Impact impact, PciDevice x, PciDevice y, String summary, String was, String now) {
        out.add(change(aspect, impact, x, y, summary, was, now));
    }

    private static Change change(Change.Aspect aspect, Change.Impact impact, PciDevice x, PciDevice y, String summary,
                                 String was, String now) {
        return Change.of(aspect, impact, x.address(), y.address(), summary, was, now);
    }
}
