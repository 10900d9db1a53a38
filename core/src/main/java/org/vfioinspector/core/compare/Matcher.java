package org.vfioinspector.core.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

/**
 * Recognises each function of one side on the other by what stays stable across reboots and address changes,
 * strongest first: ids and serial number (each unique on its side), then the other functions of a card so
 * matched, then ids at the same {@link Position}, then ids that only one function has on each side. Whatever is
 * left is removed (first side) or added (second side); a same-position function with other ids is both.
 */
final class Matcher {

    record Result(List<Pairing> pairs, List<PciAddress> removed, List<PciAddress> added) {
    }

    private final Side a;
    private final Side b;
    private final TreeSet<PciAddress> leftA = new TreeSet<>();
    private final TreeSet<PciAddress> leftB = new TreeSet<>();
    private final List<Pairing> pairs = new ArrayList<>();

    private Matcher(Side a, Side b) {
        this.a = a;
        this.b = b;
        a.topology().devices().forEach(d -> leftA.add(d.address()));
        b.topology().devices().forEach(d -> leftB.add(d.address()));
    }

    static Result match(Side a, Side b) {
        Matcher m = new Matcher(a, b);
        m.bySerial();
        m.byKey(Pairing.How.POSITION, (t, d) -> Optional.of(Position.of(t, d.address()) + " " + Identity.of(d)));
        m.byKey(Pairing.How.UNIQUE_IDS, (t, d) -> Identity.known(d) ? Optional.of(Identity.of(d)) : Optional.empty());
        m.pairs.sort((x, y) -> x.before().compareTo(y.before()));
        return new Result(List.copyOf(m.pairs), List.copyOf(m.leftA), List.copyOf(m.leftB));
    }

    private void bySerial() {
        Map<String, PciAddress> onA = unique(a, leftA, (t, d) -> a.serial(d.address()).map(s -> s + " " + Identity.of(d)));
        Map<String, PciAddress> onB = unique(b, leftB, (t, d) -> b.serial(d.address()).map(s -> s + " " + Identity.of(d)));
        List<Pairing> matched = new ArrayList<>();
        onA.forEach((key, x) -> {
            PciAddress y = onB.get(key);
            if (y != null) {
                matched.add(pair(x, y, Pairing.How.SERIAL));
            }
        });
        for (Pairing p : matched) {
            cardSiblings(p.before(), p.after());
        }
    }

    /** The other functions of a card matched by serial: same function number and ids in the other slot. */
    private void cardSiblings(PciAddress x, PciAddress y) {
        for (PciAddress sx : a.topology().devicesOnBus(x.busAddress())) {
            if (sx.device() != x.device() || !leftA.contains(sx)) {
                continue;
            }
            PciAddress sy = new PciAddress(y.domain(), y.bus(), y.device(), sx.function());
            Optional<PciDevice> dx = a.topology().device(sx);
            Optional<PciDevice> dy = b.topology().device(sy);
            if (leftB.contains(sy) && dx.isPresent() && dy.isPresent() && Identity.of(dx.get()).equals(Identity.of(dy.get()))) {
                pair(sx, sy, Pairing.How.CARD);
            }
        }
    }

    private void byKey(Pairing.How how, Key key) {
        Map<String, PciAddress> onA = unique(a, leftA, key);
        Map<String, PciAddress> onB = unique(b, leftB, key);
        onA.forEach((k, x) -> {
            PciAddress y = onB.get(k);
            if (y != null) {
                pair(x, y, how);
            }
        });
    }

    private Pairing pair(PciAddress x, PciAddress y, Pairing.How how) {
        Pairing p = new Pairing(x, y, how, Position.of(a.topology(), x), Position.of(b.topology(), y));
        pairs.add(p);
        leftA.remove(x);
        leftB.remove(y);
        return p;
    }

    interface Key {
        Optional<String> of(Topology t, PciDevice d);
    }

    /** Key → function, for keys exactly one of the functions left on {@code side} has. */
    private static Map<String, PciAddress> unique(Side side, TreeSet<PciAddress> left, Key key) {
        Map<String, List<PciAddress>> all = new LinkedHashMap<>();
        for (PciAddress x : left) {
            side.topology().device(x).flatMap(d -> key.of(side.topology(), d))
                    .ifPresent(k -> all.computeIfAbsent(k, z -> new ArrayList<>()).add(x));
        }
        Map<String, PciAddress> out = new HashMap<>();
        all.forEach((k, v) -> {
            if (v.size() == 1) {
                out.put(k, v.get(0));
            }
        });
        return out;
    }
}
