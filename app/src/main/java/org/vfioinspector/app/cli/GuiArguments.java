package org.vfioinspector.app.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The command lines that only open the window — none, {@code --demo}, {@code --root X} or
 * {@code --root=X} — recognised without picocli, so the window's start does not wait for picocli to
 * build its model of every command. Anything else, including odd spellings of these, goes through
 * picocli as before; {@code CliTest} checks that both read these forms alike.
 */
record GuiArguments(boolean demo, Path root) {

    static Optional<GuiArguments> of(String[] args) {
        try {
            if (args.length == 0) {
                return Optional.of(new GuiArguments(false, null));
            }
            if (args.length == 1 && args[0].equals("--demo")) {
                return Optional.of(new GuiArguments(true, null));
            }
            if (args.length == 1 && args[0].startsWith("--root=") && args[0].length() > "--root=".length()) {
                return Optional.of(new GuiArguments(false, Path.of(args[0].substring("--root=".length()))));
            }
            if (args.length == 2 && args[0].equals("--root") && !args[1].isEmpty() && !args[1].startsWith("-")) {
                return Optional.of(new GuiArguments(false, Path.of(args[1])));
            }
        } catch (InvalidPathException e) {
            return Optional.empty(); // picocli reports it
        }
        return Optional.empty();
    }
}
