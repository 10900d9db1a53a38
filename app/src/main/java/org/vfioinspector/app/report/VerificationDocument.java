package org.vfioinspector.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.vfioinspector.core.health.AerCounters;
import org.vfioinspector.core.health.FunctionHealth;
import org.vfioinspector.core.health.FunctionVerification;
import org.vfioinspector.core.health.ResetFacts;
import org.vfioinspector.core.health.Verification;
import org.vfioinspector.core.health.VerificationVerdict;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.text.Counted;

/**
 * The {@code "verification"} of {@code reset --json}: did every function the reset reached come back. The run's
 * verdict ({@code came-back}, {@code came-back-degraded}, {@code lost}, {@code unknown}), one sentence of advice
 * unless everything came back, and per function its verdict, what changed, and the facts before and after.
 * {@link #lines()} is the text block the CLI prints under "Did it come back?" and the wizard shows.
 */
public record VerificationDocument(String verdict, Optional<String> advice, List<Function> functions) {

    /** One function: its verdict, the changes in words, what could not be seen, and the facts. */
    public record Function(String address, String verdict, List<String> changes, List<String> notes, Facts before,
                           Facts after, Aer aerIncrease, Aer rootPortAerIncrease, Optional<Restore> driverRestore,
                           Optional<List<String>> kernelLog) {
        public Function {
            address = Wire.address(address);
            verdict = Wire.text(verdict);
            changes = Wire.list(changes);
            notes = Wire.list(notes);
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            aerIncrease = aerIncrease == null ? Aer.NONE : aerIncrease;
            rootPortAerIncrease = rootPortAerIncrease == null ? Aer.NONE : rootPortAerIncrease;
            driverRestore = Wire.optional(driverRestore);
            kernelLog = Wire.optional(kernelLog).map(Wire::list);
        }

        static Function of(FunctionVerification f) {
            return new Function(f.address().toString(), f.verdict().word(), f.changes(), f.notes(), Facts.of(f.before()),
                    Facts.of(f.after()), Aer.of(f.after().function().aer().increaseSince(f.before().function().aer())),
                    Aer.of(f.after().rootPortAer().increaseSince(f.before().rootPortAer())),
                    f.driverRestored().map(d -> new Restore(d.original(), d.now(), d.back())), f.kernelLog());
        }
    }

    /** AER totals (or their increase); null where the kernel does not expose them. */
    public record Aer(OptionalLong correctable, OptionalLong nonFatal, OptionalLong fatal) {
        static final Aer NONE = new Aer(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

        public Aer {
            correctable = correctable == null ? OptionalLong.empty() : correctable;
            nonFatal = nonFatal == null ? OptionalLong.empty() : nonFatal;
            fatal = fatal == null ? OptionalLong.empty() : fatal;
        }

        static Aer of(AerCounters c) {
            return new Aer(c.correctable(), c.nonFatal(), c.fatal());
        }

        String describe() {
            return new AerCounters(correctable, nonFatal, fatal).describe();
        }
    }

    /** The driver before the run and after the restore. */
    public record Restore(Optional<String> original, Optional<String> now, boolean back) {
        public Restore {
            original = Wire.optional(original);
            now = Wire.optional(now);
        }
    }

    /** What was read of a function at one moment; null where it could not be read. */
    public record Facts(boolean present, boolean configReadable, Optional<String> ids, Optional<String> powerState,
                        Optional<String> linkSpeed, OptionalInt linkWidth, Optional<String> upstreamPort,
                        Optional<String> upstreamLinkSpeed, OptionalInt upstreamLinkWidth,
                        Optional<Boolean> upstreamLinkActive, Aer aer, Optional<String> rootPort, Aer rootPortAer,
                        Optional<String> driver) {
        public Facts {
            ids = Wire.optional(ids);
            powerState = Wire.optional(powerState);
            linkSpeed = Wire.optional(linkSpeed);
            linkWidth = linkWidth == null ? OptionalInt.empty() : linkWidth;
            upstreamPort = Wire.optional(upstreamPort).map(Wire::address);
            upstreamLinkSpeed = Wire.optional(upstreamLinkSpeed);
            upstreamLinkWidth = upstreamLinkWidth == null ? OptionalInt.empty() : upstreamLinkWidth;
            upstreamLinkActive = Wire.optional(upstreamLinkActive);
            aer = aer == null ? Aer.NONE : aer;
            rootPort = Wire.optional(rootPort).map(Wire::address);
            rootPortAer = rootPortAer == null ? Aer.NONE : rootPortAer;
            driver = Wire.optional(driver);
        }

        static Facts of(ResetFacts r) {
            FunctionHealth f = r.function();
            return new Facts(f.present(), f.idsLive(), f.ids(), f.powerState(), f.link().currentSpeed(),
                    f.link().currentWidth(), r.upstreamPort().map(PciAddress::toString), r.upstreamLink().currentSpeed(),
                    r.upstreamLink().currentWidth(), r.upstreamLinkActive(), Aer.of(f.aer()),
                    r.rootPort().map(PciAddress::toString), Aer.of(r.rootPortAer()), f.driver());
        }

        /** {@code 8.0 GT/s PCIe x4}, or {@code ?}. */
        String link() {
            return linkSpeed.orElse("?") + (linkWidth.isPresent() ? " x" + linkWidth.getAsInt() : "");
        }

        String portLink() {
            return upstreamLinkSpeed.orElse("?") + (upstreamLinkWidth.isPresent() ? " x" + upstreamLinkWidth.getAsInt() : "")
                    + upstreamLinkActive.map(a -> a ? ", link active" : ", LINK DOWN").orElse("");
        }
    }

    public VerificationDocument {
        verdict = Wire.text(verdict);
        advice = Wire.optional(advice);
        functions = Wire.list(functions);
    }

    public static VerificationDocument of(Verification v) {
        return new VerificationDocument(v.verdict().word(), v.advice(), v.functions().stream().map(Function::of).toList());
    }

    /** The run's verdict; an unknown word reads as {@link VerificationVerdict#UNKNOWN}. */
    public VerificationVerdict runVerdict() {
        try {
            return VerificationVerdict.ofWord(verdict);
        } catch (IllegalArgumentException e) {
            return VerificationVerdict.UNKNOWN;
        }
    }

    /** The "Did it come back?" block, header line first. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("Did it come back? " + runVerdict().words());
        for (Function f : functions) {
            out.add("  " + f.address() + ": " + verdictWords(f.verdict()));
            Facts b = f.before();
            Facts a = f.after();
            out.add("    ids " + b.ids().orElse("?") + " -> " + a.ids().orElse(a.configReadable() ? "?" : "unreadable")
                    + ", power " + b.powerState().orElse("?") + " -> " + a.powerState().orElse("?")
                    + ", link " + b.link() + " -> " + a.link());
            a.upstreamPort().ifPresent(p -> out.add("    port " + p + " link " + b.portLink() + " -> " + a.portLink()));
            out.add("    AER increase: " + f.aerIncrease().describe() + a.rootPort().map(p -> "; root port " + p + ": "
                    + f.rootPortAerIncrease().describe()).orElse(""));
            f.driverRestore().ifPresent(d -> out.add("    driver after the restore: " + d.now().orElse("none")
                    + (d.back() ? " (as before)" : " (was " + d.original().orElse("none") + ")")));
            f.changes().forEach(c -> out.add("    ✖ " + c));
            f.notes().forEach(n -> out.add("    ? " + n));
            if (f.kernelLog().isEmpty()) {
                out.add("    kernel log: not read (needs root on the live machine)");
            } else {
                out.add("    kernel log: " + (f.kernelLog().get().isEmpty() ? "nothing about it" : Counted.of(f.kernelLog().get().size(), "line")));
                f.kernelLog().get().forEach(l -> out.add("      " + l));
            }
        }
        advice.ifPresent(x -> out.add("What to do: " + x));
        return out;
    }

    private static String verdictWords(String word) {
        try {
            return VerificationVerdict.ofWord(word).words();
        } catch (IllegalArgumentException e) {
            return word;
        }
    }
}
