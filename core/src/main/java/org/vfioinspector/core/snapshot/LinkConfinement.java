package org.vfioinspector.core.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a link inside an unpacked tree the way the kernel would, but never leaving the root:
 * {@link EntryRules#staysInside} judges each target by name only, and {@code s -> .} followed by
 * {@code t -> s/../x} passes that test while {@code t} really resolves to {@code ../x}. Run over
 * every link once all entries are on disk.
 */
final class LinkConfinement {

    /** Links followed while resolving one path before it counts as a loop; the kernel's limit. */
    static final int MAX_HOPS = 40;

    enum Result { INSIDE, OUTSIDE, LOOP }

    private LinkConfinement() {
    }

    /**
     * Where the link at {@code link} (components relative to {@code root}) leads. A component that
     * does not exist ends physical resolution (the kernel would fail there); the rest is judged by
     * name, which can only be stricter.
     */
    static Result resolve(Path root, List<String> link) throws IOException {
        List<String> at = new ArrayList<>(link.subList(0, link.size() - 1));
        Deque<String> todo = new ArrayDeque<>();
        pushFront(todo, Files.readSymbolicLink(join(root, link)).toString());
        int hops = 0;
        boolean missing = false;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (at.isEmpty()) {
                    return Result.OUTSIDE;
                }
                at.remove(at.size() - 1);
                continue;
            }
            at.add(c);
            if (missing) {
                continue;
            }
            Path p = join(root, at);
            if (Files.isSymbolicLink(p)) {
                if (++hops > MAX_HOPS) {
                    return Result.LOOP;
                }
                String target = Files.readSymbolicLink(p).toString();
                if (target.startsWith("/")) {
                    return Result.OUTSIDE;
                }
                at.remove(at.size() - 1);
                pushFront(todo, target);
            } else if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                missing = true;
            }
        }
        return Result.INSIDE;
    }

    private static void pushFront(Deque<String> todo, String target) {
        String[] parts = target.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.addFirst(parts[i]);
        }
    }

    private static Path join(Path root, List<String> components) {
        Path p = root;
        for (String c : components) {
            p = p.resolve(c);
        }
        return p;
    }
}
