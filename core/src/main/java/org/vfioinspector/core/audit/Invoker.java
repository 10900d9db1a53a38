package org.vfioinspector.core.audit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * Who acted and who asked: the acting process's real user (root for a reset) and, when it was started through
 * {@code sudo} or {@code pkexec}, the user who asked, as those tools tell the program ({@code SUDO_UID} and
 * {@code SUDO_USER}; {@code PKEXEC_UID}). Those variables are set by the tool that raised the privilege; only
 * root can start a root process with other values, and root can write the log anyway.
 *
 * @param uid        the acting process's real user id ({@code getuid()})
 * @param user       its user name
 * @param via        {@code direct}, {@code sudo} or {@code pkexec}
 * @param askingUid  the user id that asked (the acting one when direct)
 * @param askingUser that user's name, when known
 * @param sudoUid    {@code SUDO_UID} as the process got it, when set and a number
 * @param pkexecUid  {@code PKEXEC_UID} as the process got it, when set and a number
 */
public record Invoker(@JsonProperty(required = true) int uid,
                      @JsonProperty(required = true) String user,
                      @JsonProperty(required = true) String via,
                      @JsonProperty(required = true) int askingUid,
                      @JsonSetter(nulls = Nulls.SET) Optional<String> askingUser,
                      @JsonSetter(nulls = Nulls.SET) OptionalInt sudoUid,
                      @JsonSetter(nulls = Nulls.SET) OptionalInt pkexecUid) {

    public static final String DIRECT = "direct";
    public static final String SUDO = "sudo";
    public static final String PKEXEC = "pkexec";

    public Invoker {
        user = Objects.requireNonNull(user, "user").isBlank() ? "unknown" : user;
        Objects.requireNonNull(via, "via");
        askingUser = askingUser == null ? Optional.empty() : askingUser.filter(s -> !s.isBlank());
        sudoUid = sudoUid == null ? OptionalInt.empty() : sudoUid;
        pkexecUid = pkexecUid == null ? OptionalInt.empty() : pkexecUid;
    }

    /**
     * Pure: the invoker of a process with real user {@code uid} named {@code user} and this environment.
     * {@code PKEXEC_UID} wins over {@code SUDO_UID} (pkexec clears the environment, so a {@code SUDO_UID} next
     * to it was set inside); a variable that is not a user id is ignored, as if unset.
     *
     * @param names the user name of a user id, when the system knows it
     */
    public static Invoker of(int uid, String user, Map<String, String> env, IntFunction<Optional<String>> names) {
        OptionalInt sudo = number(env.get("SUDO_UID"));
        OptionalInt pkexec = number(env.get("PKEXEC_UID"));
        if (pkexec.isPresent()) {
            return new Invoker(uid, user, PKEXEC, pkexec.getAsInt(), names.apply(pkexec.getAsInt()), sudo, pkexec);
        }
        if (sudo.isPresent()) {
            Optional<String> name = Optional.ofNullable(env.get("SUDO_USER")).filter(s -> !s.isBlank())
                    .or(() -> names.apply(sudo.getAsInt()));
            return new Invoker(uid, user, SUDO, sudo.getAsInt(), name, sudo, pkexec);
        }
        return new Invoker(uid, user, DIRECT, uid, Optional.of(user), sudo, pkexec);
    }

    /** Who asked, in words: {@code alice (uid 1000) via sudo as root}, or {@code root} when direct. */
    public String describe() {
        if (via.equals(DIRECT)) {
            return user;
        }
        return askingUser.orElse("uid " + askingUid) + (askingUser.isPresent() ? " (uid " + askingUid + ")" : "")
                + " via " + via + " as " + user;
    }

    private static OptionalInt number(String s) {
        if (s == null || s.isEmpty() || s.length() > 10 || !s.chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        long v = Long.parseLong(s);
        return v > Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of((int) v);
    }
}
