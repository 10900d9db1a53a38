package org.vfioinspector.app.priv;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Quotes an argument list for display, so a person can paste it into a terminal. Only for showing a
 * command: this tool itself never runs a shell.
 */
public final class ShellWords {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:,=@%+-]+");

    private ShellWords() {
    }

    public static String join(List<String> words) {
        return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }

    static String quote(String w) {
        if (PLAIN.matcher(w).matches()) {
            return w;
        }
        return "'" + w.replace("'", "'\\''") + "'";
    }
}
