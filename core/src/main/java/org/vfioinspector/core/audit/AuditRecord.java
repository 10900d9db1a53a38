package org.vfioinspector.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import org.vfioinspector.core.model.PciAddress;

/**
 * One line of the audit log: who asked for which reset, what they confirmed, what the kernel said it
 * would reset, and how it ended. Written and read by {@link AuditMapper}: every field but the last three
 * must be there and not null, or the line is not a record.
 *
 * @param user      the person at the keyboard (not root when the reset ran through pkexec)
 * @param kind      {@code hot-reset} or {@code function-reset}, as in the CLI's JSON
 * @param dryRun    true for the kernel check, which stops before the reset ioctl
 * @param confirmed the set the user accepted, sorted
 * @param kernelSet what {@code VFIO_DEVICE_GET_PCI_HOT_RESET_INFO} answered, sorted; empty when the run did
 *                  not get that far or for a function reset
 * @param result    the CLI's outcome word ({@code reset}, {@code dry-run}, {@code refused}, {@code failed}) or
 *                  {@code not-run} when the privileged command never started
 * @param errno     the failing call's errno, when a kernel call failed
 * @param errnoName its symbolic name ({@code EBUSY}), when known
 * @param summary   the one sentence the user was shown
 */
public record AuditRecord(@JsonProperty(required = true) Instant time,
                          @JsonProperty(required = true) String user,
                          @JsonProperty(required = true) PciAddress target,
                          @JsonProperty(required = true) String kind,
                          @JsonProperty(required = true) boolean dryRun,
                          @JsonProperty(required = true) List<PciAddress> confirmed,
                          @JsonProperty(required = true) List<PciAddress> kernelSet,
                          @JsonProperty(required = true) String result,
                          @JsonSetter(nulls = Nulls.SET) OptionalInt errno,
                          @JsonSetter(nulls = Nulls.SET) Optional<String> errnoName,
                          @JsonSetter(nulls = Nulls.SET) String summary) {

    public AuditRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(target, "target");
        user = user == null || user.isBlank() ? "unknown" : user;
        kind = Objects.requireNonNull(kind, "kind");
        confirmed = confirmed.stream().map(Objects::requireNonNull).sorted().distinct().toList();
        kernelSet = kernelSet.stream().map(Objects::requireNonNull).sorted().distinct().toList();
        result = Objects.requireNonNull(result, "result");
        Objects.requireNonNull(errno, "errno");
        Objects.requireNonNull(errnoName, "errnoName");
        summary = summary == null ? "" : summary;
    }
}
