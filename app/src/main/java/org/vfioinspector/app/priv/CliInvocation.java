package org.vfioinspector.app.priv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.vfio.ResetKind;

/**
 * One privileged CLI command, as the argument list that follows the launcher: {@code reset}, {@code bind}
 * or {@code restore}, always with {@code --json} and an explicit {@code --state-dir}. Every value is
 * validated here, before anything runs: addresses only through {@link PciAddress#parse}, the state
 * directory (and the optional host root) absolute and printable. The list is handed to a process as
 * separate arguments; there is never a shell in between.
 *
 * <p>For the live host the command word comes first ({@code reset}, {@code bind}, {@code restore}): the
 * polkit policy in packaging/ picks its action by {@code exec.argv1}, so the password prompt names what
 * is about to happen. Only a test host adds {@code --root DIR} in front.
 */
public final class CliInvocation {

    /** The command the CLI is asked to run. */
    public enum Verb { RESET, BIND, RESTORE }

    private final Verb verb;
    private final List<String> arguments;

    private CliInvocation(Verb verb, List<String> arguments) {
        this.verb = verb;
        this.arguments = List.copyOf(arguments);
    }

    /**
     * {@code reset BDF --confirm SET [--dry-run] [--bind] [--function] --progress --json --state-dir DIR}.
     *
     * @param hostRoot a directory laid out like / for {@code --root}; empty for this host
     * @throws IllegalArgumentException when a value is not acceptable
     */
    public static CliInvocation reset(PciAddress target, Collection<PciAddress> confirmed, ResetKind kind,
                                      boolean dryRun, boolean bind, Path stateDir, Optional<Path> hostRoot) {
        return reset(target, confirmed, kind, dryRun, bind, false, stateDir, hostRoot);
    }

    /**
     * As above; {@code forceHostImpact} adds {@code --force-host-impact} (with {@code --bind} only): the user
     * explicitly accepted that binding detaches what the host uses (its disk, mounts, swap, default route).
     */
    public static CliInvocation reset(PciAddress target, Collection<PciAddress> confirmed, ResetKind kind,
                                      boolean dryRun, boolean bind, boolean forceHostImpact, Path stateDir,
                                      Optional<Path> hostRoot) {
        Objects.requireNonNull(kind, "kind");
        if (forceHostImpact && !bind) {
            throw new IllegalArgumentException("--force-host-impact only goes with --bind");
        }
        String t = address(target);
        List<String> set = addresses(confirmed);
        if (!set.contains(t)) {
            throw new IllegalArgumentException("the confirmed set must contain the target " + t);
        }
        if (kind == ResetKind.FUNCTION_RESET && set.size() != 1) {
            throw new IllegalArgumentException("a function reset confirms only " + t);
        }
        List<String> a = root(hostRoot);
        a.addAll(List.of("reset", t, "--confirm", String.join(",", set)));
        if (dryRun) {
            a.add("--dry-run");
        }
        if (bind) {
            a.add("--bind");
        }
        if (forceHostImpact) {
            a.add("--force-host-impact");
        }
        if (kind == ResetKind.FUNCTION_RESET) {
            a.add("--function");
        }
        a.add("--progress"); // each ioctl on standard error as it runs: the wizard shows them live
        return new CliInvocation(Verb.RESET, finish(a, stateDir));
    }

    /** {@code bind BDF… --vfio --json --state-dir DIR}. */
    public static CliInvocation bind(Collection<PciAddress> functions, Path stateDir, Optional<Path> hostRoot) {
        return bind(functions, false, stateDir, hostRoot);
    }

    /** {@code bind BDF… --vfio [--force-host-impact] --json --state-dir DIR}; see {@link #reset} for the flag. */
    public static CliInvocation bind(Collection<PciAddress> functions, boolean forceHostImpact, Path stateDir,
                                     Optional<Path> hostRoot) {
        List<String> set = addresses(functions);
        List<String> a = root(hostRoot);
        a.add("bind");
        a.addAll(set);
        a.add("--vfio");
        if (forceHostImpact) {
            a.add("--force-host-impact");
        }
        return new CliInvocation(Verb.BIND, finish(a, stateDir));
    }

    /** {@code restore --json --state-dir DIR}. */
    public static CliInvocation restore(Path stateDir, Optional<Path> hostRoot) {
        List<String> a = root(hostRoot);
        a.add("restore");
        return new CliInvocation(Verb.RESTORE, finish(a, stateDir));
    }

    public Verb verb() {
        return verb;
    }

    /** The arguments after the launcher, in order. */
    public List<String> arguments() {
        return arguments;
    }

    @Override
    public String toString() {
        return String.join(" ", arguments);
    }

    /** Round-trips through {@link PciAddress#parse} so only the canonical form reaches the command line. */
    static String address(PciAddress a) {
        Objects.requireNonNull(a, "address");
        PciAddress again = PciAddress.parse(a.toString());
        if (!again.equals(a)) {
            throw new IllegalArgumentException("not a canonical PCI address: " + a);
        }
        return again.toString();
    }

    private static List<String> addresses(Collection<PciAddress> as) {
        List<String> out = as.stream().sorted().distinct().map(CliInvocation::address).collect(Collectors.toList());
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no PCI function given");
        }
        if (out.size() != as.size()) {
            throw new IllegalArgumentException("a PCI function is named twice");
        }
        return out;
    }

    private static List<String> root(Optional<Path> hostRoot) {
        List<String> a = new ArrayList<>();
        hostRoot.ifPresent(r -> {
            a.add("--root");
            a.add(path(r, "host root"));
        });
        return a;
    }

    private static List<String> finish(List<String> a, Path stateDir) {
        a.add("--json");
        a.add("--state-dir");
        a.add(path(stateDir, "state directory"));
        return a;
    }

    static String path(Path p, String what) {
        Objects.requireNonNull(p, what);
        String s = p.toString();
        if (!p.isAbsolute() || !p.normalize().equals(p)) {
            throw new IllegalArgumentException("the " + what + " must be an absolute, normalized path: " + s);
        }
        if (s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("the " + what + " contains control characters");
        }
        return s;
    }
}
