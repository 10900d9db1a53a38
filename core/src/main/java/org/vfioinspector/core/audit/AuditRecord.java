package org.vfioinspector.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import org.vfioinspector.core.model.PciAddress;

/**
 * One line of the audit log, written by the process that acts: an {@code intent} line, synced before the first
 * ioctl or sysfs write, and a {@code result} line, synced after. Written and read by {@link AuditMapper}: the
 * fields without a default must be there and not null, or the line is not a record.
 *
 * @param action       {@code reset}, {@code soak-round}, {@code bind} or {@code restore}
 * @param phase        {@code intent} or {@code result}
 * @param invoker      who acted and who asked
 * @param host         the machine's host name, when readable
 * @param target       the function to reset; empty for bind and restore
 * @param kind         {@code hot-reset} or {@code function-reset} for a reset; empty otherwise
 * @param dryRun       a reset's dry run: everything but the reset ioctl
 * @param confirmed    the set the user accepted (a reset) or named (a bind), sorted
 * @param kernelSet    what {@code VFIO_DEVICE_GET_PCI_HOT_RESET_INFO} answered, sorted; empty before it was asked
 * @param functions    the functions whose driver a bind or restore moved (result only), sorted
 * @param round        the round of a soak, from 1
 * @param verification the run's verdict after the reset ({@code came-back}, {@code lost}, …), when verified
 * @param result       {@code ok}, {@code refused} or {@code failed}; empty on an intent line
 * @param errno        the failing call's errno, when a kernel call failed
 * @param errnoName    its symbolic name ({@code EBUSY}), when known
 * @param message      the one sentence the user was shown (on an intent line: what is about to happen)
 */
public record AuditRecord(@JsonProperty(required = true) Instant time,
                          @JsonProperty(required = true) String action,
                          @JsonProperty(required = true) String phase,
                          @JsonProperty(required = true) Invoker invoker,
                          @JsonSetter(nulls = Nulls.SET) Optional<String> host,
                          @JsonSetter(nulls = Nulls.SET) Optional<PciAddress> target,
                          @JsonSetter(nulls = Nulls.SET) Optional<String> kind,
                          @JsonProperty(required = true) boolean dryRun,
                          @JsonProperty(required = true) List<PciAddress> confirmed,
                          @JsonProperty(required = true) List<PciAddress> kernelSet,
                          @JsonProperty(required = true) List<PciAddress> functions,
                          @JsonSetter(nulls = Nulls.SET) OptionalInt round,
                          @JsonSetter(nulls = Nulls.SET) Optional<String> verification,
                          @JsonSetter(nulls = Nulls.SET) Optional<String> result,
                          @JsonSetter(nulls = Nulls.SET) OptionalInt errno,
                          @JsonSetter(nulls = Nulls.SET) Optional<String> errnoName,
                          @JsonSetter(nulls = Nulls.SET) String message) {

    public static final String RESET = "reset";
    public static final String SOAK_ROUND = "soak-round";
    public static final String BIND = "bind";
    public static final String RESTORE = "restore";
    public static final String INTENT = "intent";
    public static final String RESULT = "result";
    public static final String OK = "ok";
    public static final String REFUSED = "refused";
    public static final String FAILED = "failed";

    private static final Set<String> ACTIONS = Set.of(RESET, SOAK_ROUND, BIND, RESTORE);
    private static final Set<String> RESULTS = Set.of(OK, REFUSED, FAILED);

    public AuditRecord {
        Objects.requireNonNull(time, "time");
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("not an audited action: " + action);
        }
        if (!phase.equals(INTENT) && !phase.equals(RESULT)) {
            throw new IllegalArgumentException("not a phase: " + phase);
        }
        Objects.requireNonNull(invoker, "invoker");
        host = orEmpty(host);
        target = orEmpty(target);
        kind = orEmpty(kind);
        confirmed = sorted(confirmed);
        kernelSet = sorted(kernelSet);
        functions = sorted(functions);
        round = round == null ? OptionalInt.empty() : round;
        verification = orEmpty(verification);
        result = orEmpty(result);
        if (result.isPresent() != phase.equals(RESULT) || result.filter(r -> !RESULTS.contains(r)).isPresent()) {
            throw new IllegalArgumentException("a result line, and only a result line, says ok, refused or failed");
        }
        errno = errno == null ? OptionalInt.empty() : errno;
        errnoName = orEmpty(errnoName);
        message = message == null ? "" : message;
    }

    /** True for the line written before the action. */
    public boolean intent() {
        return phase.equals(INTENT);
    }

    private static <T> Optional<T> orEmpty(Optional<T> o) {
        return o == null ? Optional.empty() : o;
    }

    private static List<PciAddress> sorted(List<PciAddress> as) {
        return as.stream().map(Objects::requireNonNull).sorted().distinct().toList();
    }
}
