package org.vfioinspector.app.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The command lines of the two listings, recognised without picocli: {@code [--demo | --root X | --root=X]}
 * then {@code tree [--json]} or {@code groups [--json] [--explain]} (the options in any order, each at most
 * once). Building picocli's model costs a cold start more than {@code tree} itself on a small host. Anything
 * else, including other spellings of these, goes through picocli as before; {@code ListingArgumentsTest}
 * checks that both give the same output for these forms.
 */
record ListingArguments(boolean demo, Path root, String command, boolean json, boolean explain) {

    static Optional<ListingArguments> of(String[] args) {
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
        if (i >= args.length || !(args[i].equals("tree") || args[i].equals("groups"))) {
            return Optional.empty();
        }
        String command = args[i++];
        boolean json = false;
        boolean explain = false;
        for (; i < args.length; i++) {
            if (args[i].equals("--json") && !json) {
                json = true;
            } else if (args[i].equals("--explain") && !explain && command.equals("groups")) {
                explain = true;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new ListingArguments(demo, root, command, json, explain));
    }
}
