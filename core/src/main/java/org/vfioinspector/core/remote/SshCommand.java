package org.vfioinspector.core.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ssh program and its own arguments: {@code ssh}, or what {@value #ENV} says (like {@code GIT_SSH_COMMAND}:
 * {@code VFIO_INSPECTOR_SSH="ssh -F ~/lab/ssh_config"}), split into words as a POSIX shell would split them
 * (single and double quotes, backslashes; no expansion of any kind).
 */
public final class SshCommand {

    /** The environment variable naming another ssh command. */
    public static final String ENV = "VFIO_INSPECTOR_SSH";

    private SshCommand() {
    }

    /** The ssh command from {@code env}: its {@value #ENV}, or plain {@code ssh}. */
    public static List<String> fromEnvironment(Map<String, String> env) {
        String v = env.get(ENV);
        if (v == null || v.isBlank()) {
            return List.of("ssh");
        }
        List<String> words = split(v);
        if (words.isEmpty()) {
            return List.of("ssh");
        }
        return words;
    }

    /**
     * Splits {@code s} into words like a POSIX shell, without any expansion.
     *
     * @throws IllegalArgumentException for an unterminated quote or a trailing backslash
     */
    public static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException(ENV + " has an unterminated single quote");
                }
                w.append(s, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                i++;
                for (; i < s.length() && s.charAt(i) != '"'; i++) {
                    char d = s.charAt(i);
                    if (d == '\\' && i + 1 < s.length() && "\"\\$`\n".indexOf(s.charAt(i + 1)) >= 0) {
                        d = s.charAt(++i);
                    }
                    w.append(d);
                }
                if (i >= s.length()) {
                    throw new IllegalArgumentException(ENV + " has an unterminated double quote");
                }
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= s.length()) {
                    throw new IllegalArgumentException(ENV + " ends with a backslash");
                }
                w.append(s.charAt(++i));
                inWord = true;
            } else if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }
}
