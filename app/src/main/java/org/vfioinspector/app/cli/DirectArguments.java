package org.vfioinspector.app.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The command lines of the read-only commands people run most, recognised without picocli:
 * {@code [--demo | --root X | --root=X]} then {@code tree [--json]}, {@code groups [--json] [--explain]},
 * {@code show BDF [--json]} or {@code blast BDF [--json] [--cdev] [--reset function|hot]} (the options in any
 * order, each at most once; {@code BDF} anything that does not start with {@code -}, which the command then checks
 * as it does through picocli; no argument may start with {@code @}, which picocli expands from a file). Building picocli's model costs a cold start more than {@code tree} itself on a small host:
 * its classes are Java 5 class files, which no CDS archive holds, and its model is built by reflection. Anything
 * else, including other spellings of these, goes through picocli as before; {@code DirectArgumentsTest} checks
 * that both give the same output, error and exit code for these forms.
 */
record DirectArguments(boolean demo, Path root, String command, boolean json, boolean explain, String bdf,
                       String reset, boolean cdev) {

    static Optional<DirectArguments> of(String[] args) {
        for (String a : args) {
            if (a.startsWith("@")) {
                return Optional.empty(); // picocli reads arguments from that file
            }
        }
        int i = 0;
        boolean demo = false;
        Path root = null;
        try {
            if (i < args.length && args[i].equals("--demo")) {
                demo = true;
                i++;
            } else if (i < args.length && args[i].startsWith("--root=") && args[i].length() > "--root=".length()) {
                root = Path.of(args[i].substring("--root=".length()));
                i++;
            } else if (i + 1 < args.length && args[i].equals("--root") && !args[i + 1].isEmpty()
                    && !args[i + 1].startsWith("-")) {
                root = Path.of(args[i + 1]);
                i += 2;
            }
        } catch (InvalidPathException e) {
            return Optional.empty(); // picocli reports it
        }
        if (i >= args.length) {
            return Optional.empty();
        }
        String command = args[i++];
        boolean takesBdf = command.equals("show") || command.equals("blast");
        if (!takesBdf && !command.equals("tree") && !command.equals("groups")) {
            return Optional.empty();
        }
        boolean json = false;
        boolean explain = false;
        boolean cdev = false;
        String bdf = null;
        String reset = null;
        for (; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--json") && !json) {
                json = true;
            } else if (a.equals("--explain") && !explain && command.equals("groups")) {
                explain = true;
            } else if (a.equals("--cdev") && !cdev && command.equals("blast")) {
                cdev = true;
            } else if (command.equals("blast") && reset == null && resetValue(a, i + 1 < args.length ? args[i + 1] : null) != null) {
                reset = resetValue(a, i + 1 < args.length ? args[i + 1] : null);
                i += a.equals("--reset") ? 1 : 0;
            } else if (takesBdf && bdf == null && !a.isEmpty() && !a.startsWith("-")) {
                bdf = a;
            } else {
                return Optional.empty();
            }
        }
        if (takesBdf && bdf == null) {
            return Optional.empty(); // picocli says what is missing
        }
        return Optional.of(new DirectArguments(demo, root, command, json, explain, bdf, reset, cdev));
    }

    /** {@code --reset hot} or {@code --reset=hot} (or {@code function}): the value; else null (picocli judges it). */
    private static String resetValue(String option, String next) {
        String value = option.equals("--reset") ? next : option.startsWith("--reset=") ? option.substring(8) : null;
        return "function".equals(value) || "hot".equals(value) ? value : null;
    }
}
