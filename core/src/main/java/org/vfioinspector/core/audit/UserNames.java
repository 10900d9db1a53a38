package org.vfioinspector.core.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The name of a user id from {@code /etc/passwd}, for the audit record of a run through pkexec, which passes
 * only the asking user's id. Users known only to a directory service (LDAP, sssd) stay unnamed: their id is
 * recorded either way.
 */
public final class UserNames {

    private static final Path PASSWD = Path.of("/etc/passwd");

    private UserNames() {
    }

    /** This machine's name for {@code uid}, when its passwd file has one. */
    public static Optional<String> live(int uid) {
        try {
            return parse(Files.readString(PASSWD, StandardCharsets.UTF_8), uid);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Pure: the first name with {@code uid} in a passwd text ({@code name:x:uid:gid:…}). */
    static Optional<String> parse(String passwd, int uid) {
        String id = Integer.toString(uid);
        for (String line : passwd.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && !f[0].isEmpty() && f[2].equals(id)) {
                return Optional.of(f[0]);
            }
        }
        return Optional.empty();
    }
}
