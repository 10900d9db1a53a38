package org.vfioinspector.core.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.vfioinspector.core.model.LinkStatus;

/**
 * The rules that turn a function's facts before and after a reset into a verdict. Pure: no I/O.
 *
 * <p>Lost: the function's folder is gone; the hot reset failed with ENOTTY (drivers/pci/pci.c
 * {@code pci_bridge_wait_for_secondary_bus}: the link did not come up, or the device was not ready in time);
 * its upstream port reports Data Link Layer Link Active and that bit is clear (sysfs {@code current_link_speed}
 * can still show the old value after a failed retrain, the register cannot); config space reads all ones; the
 * kernel reports its power state as {@code error}; or it answers with other ids. Unknown: config space could not
 * be read after the reset, or the ids before it are not known. Degraded: in a lower power state than before (a
 * D3cold function that still answers is not stuck: reading config space wakes it), a link of the function or of
 * its upstream port slower or narrower than before, new AER errors (its own or its root port's), a driver that
 * moved.
 */
public final class VerdictRules {

    private VerdictRules() {
    }

    /** The ioctl's failure that means the link or the device did not come back after a bus reset. */
    public static final String LINK_DOWN_ERRNO = "ENOTTY";

    /**
     * Judges one function.
     *
     * @param linkDownReported the hot reset ioctl failed with ENOTTY, so the kernel gave up on the link
     * @param kernelLog        the kernel log lines about it in the reset window, when the log could be read
     */
    public static FunctionVerification judge(ResetFacts before, ResetFacts after, boolean linkDownReported,
                                             Optional<List<String>> kernelLog) {
        List<String> lost = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> worse = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        FunctionHealth b = before.function();
        FunctionHealth a = after.function();
        if (!a.present()) {
            lost.add("it is gone from sysfs (the kernel removed it)");
        }
        if (linkDownReported) {
            lost.add("the kernel gave up waiting for its link after the bus reset (VFIO_DEVICE_PCI_HOT_RESET failed "
                    + "with " + LINK_DOWN_ERRNO + ")");
        }
        if (after.upstreamLinkActive().filter(active -> !active).isPresent()) {
            lost.add("the link from " + after.upstreamPort().map(Object::toString).orElse("its port")
                    + " is down (Link Status: Data Link Layer Link Active is 0)");
        }
        if (a.present() && a.idsLive() && a.vendor().isPresent() && a.vendor().getAsInt() == FunctionHealth.NO_ANSWER) {
            lost.add("its config space reads all ones (ffff), so it does not answer");
        }
        a.powerState().filter("error"::equals).ifPresent(p -> lost.add("the kernel reports its power state as error"));
        if (a.present() && !a.idsLive()) {
            unknown.add("its config space could not be read after the reset");
        }
        if (a.answers() && b.ids().isEmpty()) {
            unknown.add("its ids before the reset are not known, so it cannot be told it is the same device");
        } else if (a.answers() && a.ids().isPresent() && !a.ids().equals(b.ids())) {
            lost.add("it answers with other ids (" + b.ids().orElse("?") + " before, " + a.ids().get() + " now)");
        }
        if (a.powerState().isEmpty()) {
            (b.powerState().isPresent() ? unknown : notes).add("its power state could not be read after the reset");
        } else if (!a.inD0() && lost.isEmpty()) {
            if (a.powerState().get().equals("unknown")) {
                notes.add("the kernel does not know its power state");
            } else if (a.powerState().equals(b.powerState())) {
                // vfio-pci runtime-suspends functions whose device nobody has open (the siblings of the target)
                notes.add("it is in " + a.powerState().get() + " as before (vfio-pci suspends functions nobody has open)");
            } else {
                worse.add("it is in " + a.powerState().get() + ", not D0" + b.powerState().map(p -> " (" + p + " before)").orElse(""));
            }
        }
        link("its link", b.link(), a.link(), worse, unknown);
        after.upstreamPort().ifPresent(p -> link("the link of its port " + p, before.upstreamLink(), after.upstreamLink(),
                worse, unknown));
        aer("AER errors on it during the reset: ", b.aer(), a.aer(), worse, notes);
        after.rootPort().ifPresent(p -> aer("AER errors reported to the root port " + p + " during the reset: ",
                before.rootPortAer(), after.rootPortAer(), worse, List.of()));
        if (b.driver().isPresent() && a.present() && !a.driver().equals(b.driver())) {
            worse.add("its driver was " + b.driver().get() + " and is now " + a.driver().orElse("none"));
        }
        VerificationVerdict verdict = !lost.isEmpty() ? VerificationVerdict.LOST
                : !unknown.isEmpty() ? VerificationVerdict.UNKNOWN
                : !worse.isEmpty() ? VerificationVerdict.CAME_BACK_DEGRADED : VerificationVerdict.CAME_BACK;
        List<String> changes = new ArrayList<>(lost);
        changes.addAll(unknown);
        changes.addAll(worse);
        return new FunctionVerification(a.address(), verdict, changes, notes, before, after, Optional.empty(), kernelLog);
    }

    /**
     * A slower or narrower link than before is worse; one read before that cannot be read after is unknown (it may
     * not have retrained), never "came back".
     */
    static void link(String what, LinkStatus before, LinkStatus after, List<String> worse, List<String> unknown) {
        OptionalDouble s0 = LinkSpeed.gts(before.currentSpeed());
        OptionalDouble s1 = LinkSpeed.gts(after.currentSpeed());
        OptionalInt w0 = before.currentWidth();
        OptionalInt w1 = after.currentWidth();
        boolean slower = s0.isPresent() && s1.isPresent() && s1.getAsDouble() < s0.getAsDouble();
        boolean narrower = w0.isPresent() && w1.isPresent() && w1.getAsInt() < w0.getAsInt();
        if (slower || narrower) {
            worse.add(what + " trained " + (slower && narrower ? "slower and narrower" : slower ? "slower" : "narrower")
                    + ": " + before.describeCurrent() + " before, " + after.describeCurrent() + " now");
        } else if (before.known() && !after.known()) {
            unknown.add(what + " could not be read after the reset");
        }
    }

    /** New AER errors are worse; counters that cannot be compared are a note. */
    static void aer(String prefix, AerCounters before, AerCounters after, List<String> worse, List<String> notes) {
        AerCounters up = after.increaseSince(before);
        if (up.anyAboveZero()) {
            worse.add(prefix + up.describe());
        } else if (before.known() && !up.known()) {
            notes.add(prefix.replace(" during the reset: ", "") + " could not be compared");
        }
    }

    static String driverNotBack(FunctionVerification.DriverRestore d) {
        return "its driver " + d.original().orElse("(none)") + " is not bound again after the restore (now: "
                + d.now().orElse("none") + ")";
    }

    /** One sentence for what to do; empty when every function came back. */
    static Optional<String> advice(Verification v) {
        VerificationVerdict verdict = v.verdict();
        List<FunctionVerification> worst = v.functions().stream().filter(f -> f.verdict() == verdict).toList();
        if (verdict == VerificationVerdict.CAME_BACK || worst.isEmpty()) {
            return verdict == VerificationVerdict.CAME_BACK ? Optional.empty()
                    : Optional.of("Nothing was verified: check each function with 'lspci -vv' before using it.");
        }
        String who = String.join(", ", worst.stream().map(f -> f.address().toString()).toList());
        String it = worst.size() == 1 ? "it" : "them";
        String first = worst.get(0).changes().isEmpty() ? "" : ": " + worst.get(0).changes().get(0) + ";";
        return Optional.of(switch (verdict) {
            case LOST -> who + " did not come back" + (first.isEmpty() ? ":" : first) + " do not hand " + it
                    + " to a guest or a driver; as root, remove " + it + " "
                    + "and rescan (echo 1 > /sys/bus/pci/devices/" + worst.get(0).address() + "/remove; echo 1 > "
                    + "/sys/bus/pci/rescan), and if " + it + " still " + (worst.size() == 1 ? "does" : "do") + " not answer or its link stays down, power the machine off "
                    + "and on.";
            case UNKNOWN -> "Whether " + who + " came back cannot be seen" + (first.isEmpty() ? ":" : first) + " read it as root with 'lspci -vv -s "
                    + worst.get(0).address() + "' before using " + it + ".";
            default -> who + " came back degraded" + (first.isEmpty() ? ":" : first) + " it answers, but check the kernel log and the link ('lspci "
                    + "-vv -s " + worst.get(0).address() + "'); a link that trained lower may need another reset or a reboot, "
                    + "and a driver that is not back can be rebound with 'vfio-inspector restore'.";
        });
    }
}
