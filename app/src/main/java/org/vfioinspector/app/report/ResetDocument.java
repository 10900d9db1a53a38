package org.vfioinspector.app.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.reset.HotResetPrediction;
import org.vfioinspector.core.vfio.DependentDevice;
import org.vfioinspector.core.vfio.ResetKind;
import org.vfioinspector.core.vfio.ResetReport;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The {@code reset --json} document: the outcome, what the kernel listed, how that differed from the
 * prediction, the failing call, whether every function came back ({@link VerificationDocument}), and the {@code --bind} run's bind and restore.
 * Field order is the contract's. A reset refused at its bind never reached the protocol: its document has no
 * {@code kind} and prints only {@code device}, {@code outcome}, {@code summary}, {@code bind} and {@code restore}.
 *
 * @param device    the target as the command names it
 * @param kernelSet the functions of the kernel's list, sorted
 * @param kernelList the kernel's list in its order
 */
public record ResetDocument(String device, Optional<Kind> kind, boolean dryRun, Outcome outcome, String summary,
                            List<String> confirmed, Optional<Prediction> prediction, List<String> kernelSet,
                            List<KernelEntry> kernelList, List<String> differences, List<Finding> refusals,
                            List<Finding> warnings, Optional<KernelError> error, List<ProtocolStep> steps,
                            Optional<VerificationDocument> verification, Optional<BindDocument> bind,
                            Optional<BindDocument> restore, Optional<String> path, Optional<String> pathReason)
        implements CliDocument {

    public enum Kind {
        HOT_RESET, FUNCTION_RESET;

        @JsonValue
        public String word() {
            return Wire.word(this);
        }
    }

    /** The CLI's outcome words. */
    public enum Outcome {
        RESET, DRY_RUN, REFUSED, FAILED;

        @JsonValue
        public String word() {
            return Wire.word(this);
        }
    }

    /** The predicted hot reset, as in {@code blast}'s {@code hotReset}. */
    public record Prediction(Optional<Boolean> possible, Optional<String> scope, Optional<String> resetBridge,
                             List<String> affected, List<Integer> groups, String reason) {
        public Prediction {
            possible = Wire.optional(possible);
            scope = Wire.optional(scope);
            resetBridge = Wire.optional(resetBridge).map(Wire::address);
            affected = Wire.addresses(affected);
            groups = Wire.list(groups);
            reason = Wire.text(reason);
        }

        static Prediction of(HotResetPrediction p) {
            return new Prediction(p.possibility(), p.scope().map(s -> s.json()),
                    p.resetBridge().map(PciAddress::toString), Wire.strings(p.affected()), p.groups(), p.reason());
        }
    }

    /**
     * One function of the kernel's list; {@code group} is empty when the kernel answered with device ids (the cdev
     * path), and then {@code devid} is the raw id (0 = {@code VFIO_PCI_DEVID_OWNED}, −1 = {@code VFIO_PCI_DEVID_NOT_OWNED})
     * and {@code ownership} one of {@code opened}, {@code owned}, {@code notOwned}.
     */
    public record KernelEntry(String address, OptionalInt group, OptionalInt devid, Optional<String> ownership) {
        public KernelEntry {
            address = Wire.address(address);
            group = group == null ? OptionalInt.empty() : group;
            devid = devid == null ? OptionalInt.empty() : devid;
            ownership = Wire.optional(ownership);
        }

        /** {@code 0000:03:00.0 group 7}, {@code 0000:03:00.0 devid 0 owned}, or {@code (device id)}. */
        public String line() {
            return address + (group.isPresent() ? " group " + group.getAsInt()
                    : devid.isPresent() ? " devid " + devid.getAsInt() + ownership.map(o -> " " + o).orElse("") : " (device id)");
        }
    }

    /** A refusal or warning: a stable code, the function it concerns, and a sentence. */
    public record Finding(String code, Optional<String> device, String message) {
        public Finding {
            code = Wire.text(code);
            device = Wire.optional(device).map(Wire::address);
            message = Wire.text(message);
        }

        static List<Finding> of(List<org.vfioinspector.core.reset.Finding> fs) {
            return fs.stream().map(f -> new Finding(f.code(), f.device().map(PciAddress::toString), f.message()))
                    .toList();
        }
    }

    /** The failing call: step, the header's operation name, errno and the sentence that explains it. */
    public record KernelError(String step, String operation, String target, OptionalInt errno, String errnoName,
                              String sentence) {
        public KernelError {
            step = Wire.text(step);
            operation = Wire.text(operation);
            target = Wire.text(target);
            errno = errno == null ? OptionalInt.empty() : errno;
            errnoName = Wire.text(errnoName);
            sentence = Wire.text(sentence);
        }

        static KernelError of(ResetReport.KernelError e) {
            return new KernelError(e.stage().name().toLowerCase(), e.operation(), e.target(), OptionalInt.of(e.errno()),
                    e.errnoName(), e.sentence());
        }
    }

    public ResetDocument {
        device = Wire.address(device);
        kind = Wire.optional(kind);
        Objects.requireNonNull(outcome, "no outcome");
        summary = Wire.text(summary);
        confirmed = Wire.addresses(confirmed);
        prediction = Wire.optional(prediction);
        kernelSet = Wire.addresses(kernelSet);
        kernelList = Wire.list(kernelList);
        differences = Wire.list(differences);
        refusals = Wire.list(refusals);
        warnings = Wire.list(warnings);
        error = Wire.optional(error);
        steps = Wire.list(steps);
        verification = Wire.optional(verification);
        bind = Wire.optional(bind);
        restore = Wire.optional(restore);
        path = Wire.optional(path);
        pathReason = Wire.optional(pathReason);
    }

    /** This document with the VFIO path the reset went through ({@code group} or {@code cdev}) and why. */
    public ResetDocument withPath(String via, String reason) {
        return new ResetDocument(device, kind, dryRun, outcome, summary, confirmed, prediction, kernelSet, kernelList,
                differences, refusals, warnings, error, steps, verification, bind, restore, Optional.of(via),
                Optional.of(reason));
    }

    /** The report of a reset that was planned (and perhaps run), with the bind and restore of its {@code --bind}. */
    public static ResetDocument of(ResetReport r, Optional<BindDocument> bind, Optional<BindDocument> restore) {
        var req = r.plan().request();
        return new ResetDocument(req.target().toString(),
                Optional.of(req.kind() == ResetKind.HOT_RESET ? Kind.HOT_RESET : Kind.FUNCTION_RESET), req.dryRun(),
                Outcome.valueOf(r.outcome().name()), r.summary(), Wire.strings(req.confirmed()),
                r.plan().prediction().map(Prediction::of), Wire.strings(r.kernelSet().stream().sorted().toList()),
                r.kernelList().stream().map(ResetDocument::entry).toList(), r.differences(), Finding.of(r.refusals()),
                Finding.of(r.plan().warnings()), r.error().map(KernelError::of),
                r.steps().stream().map(ProtocolStep::of).toList(), r.verification().map(VerificationDocument::of),
                bind, restore, Optional.empty(), Optional.empty());
    }

    /** A {@code reset --bind} whose bind was refused or failed: nothing was reset. */
    public static ResetDocument refusedAtBind(String device, BindDocument bind) {
        return new ResetDocument(device, Optional.empty(), false, Outcome.REFUSED, bind.summary(), List.of(),
                Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(), Optional.empty(), List.of(),
                Optional.empty(), Optional.of(bind), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static KernelEntry entry(DependentDevice d) {
        if (!d.devIdMode()) {
            return new KernelEntry(d.address().toString(), OptionalInt.of(d.groupId()), OptionalInt.empty(), Optional.empty());
        }
        String o = switch (d.ownership()) {
            case OPENED -> "opened";
            case OWNED -> "owned";
            default -> "notOwned";
        };
        return new KernelEntry(d.address().toString(), OptionalInt.empty(), OptionalInt.of(d.devId()), Optional.of(o));
    }

    /** The short shape of a reset refused at its bind; every other document prints as it is. */
    @Override
    public Object json() {
        return kind.isPresent() ? this : new RefusedAtBind(device, outcome, summary, bind, restore);
    }

    /** What a reset refused at its bind prints. */
    record RefusedAtBind(String device, Outcome outcome, String summary, Optional<BindDocument> bind,
                         Optional<BindDocument> restore) {
    }

    public List<PciAddress> confirmedAddresses() {
        return Wire.parsed(confirmed);
    }

    /** The prediction's affected set (empty for a function reset). */
    public List<PciAddress> predicted() {
        return prediction.map(p -> Wire.parsed(p.affected())).orElse(List.of());
    }

    public List<PciAddress> kernelAddresses() {
        return Wire.parsed(kernelSet);
    }

    /** The kernel's list as lines ({@code 0000:03:00.0 group 7}). */
    public List<String> kernelLines() {
        return kernelList.stream().map(KernelEntry::line).toList();
    }

    /** True when the kernel's list, the prediction or the confirmed set disagreed. */
    public boolean kernelDiffers() {
        return !differences.isEmpty() || refusals.stream().anyMatch(r -> r.code().equals("KERNEL_SET_DIFFERS"));
    }
}
