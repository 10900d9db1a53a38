package org.vfioinspector.core.health;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;

/**
 * Whether the functions a reset reached came back: one {@link FunctionVerification} each, the run's verdict
 * (the worst of theirs) and, unless everything came back, one sentence saying what to do.
 */
public record Verification(List<FunctionVerification> functions) {

    public Verification {
        functions = List.copyOf(functions);
    }

    public VerificationVerdict verdict() {
        return VerificationVerdict.worst(functions.stream().map(FunctionVerification::verdict).toList());
    }

    /** What to do, in one sentence; empty when every function came back. */
    public Optional<String> advice() {
        return VerdictRules.advice(this);
    }

    public boolean lost() {
        return verdict() == VerificationVerdict.LOST;
    }

    public Optional<FunctionVerification> of(PciAddress a) {
        return functions.stream().filter(f -> f.address().equals(a)).findFirst();
    }

    /**
     * With each function's driver after a restore compared with the one it had before the run ({@code original}
     * holds the functions the restore was meant to give back; others are left as they are).
     */
    public Verification withRestore(Map<PciAddress, Optional<String>> original, Map<PciAddress, Optional<String>> now) {
        return new Verification(functions.stream().map(f -> original.containsKey(f.address())
                ? f.withRestore(original.get(f.address()), now.getOrDefault(f.address(), Optional.empty())) : f).toList());
    }
}
