package org.vfioinspector.core.snapshot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.vfioinspector.core.sysfs.SysfsNames;

/**
 * The names and bounds a snapshot keeps, for a capture done elsewhere (the remote capture script reads the
 * same whitelists as {@link SysCapture} and {@link ProcCapture}, so it never reads a file they would not).
 */
public final class CaptureNames {

    private CaptureNames() {
    }

    /**
     * Shell variable assignments, {@code NAME='word word …'}, one a line: the whitelists and size bounds.
     * Every name is a plain sysfs or proc name (letters, digits, {@code _ . / -}), checked here.
     */
    public static String shellAssignments() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("FUNCTION_FILES", words(SysCapture.FUNCTION_FILES.stream()));
        v.put("FUNCTION_LINKS", words(SysfsNames.FUNCTION_LINKS.stream()));
        v.put("SLOT_FILES", words(SysCapture.SLOT_FILES.stream()));
        v.put("SUBTREE_FILES", words(SysCapture.SUBTREE_FILES.stream()));
        v.put("PRUNED", words(SysCapture.PRUNED.stream()));
        v.put("GROUP_FILES", words(SysfsNames.GROUP_FILES.stream()));
        v.put("PROC_FILES", words(ProcCapture.FILES.stream()));
        v.put("MACHINE_FILES", words(SysfsNames.MACHINE_FILES.stream()));
        v.put("TEXT_MAX", Integer.toString(SysCapture.TEXT_MAX));
        v.put("CONFIG_MAX", Integer.toString(SysCapture.CONFIG_MAX));
        v.put("TABLE_MAX", Integer.toString(ProcCapture.TABLE_MAX));
        v.put("SUBTREE_DEPTH", Integer.toString(SysCapture.SUBTREE_DEPTH));
        StringBuilder b = new StringBuilder();
        v.forEach((name, value) -> b.append(name).append("='").append(value).append("'\n"));
        return b.toString();
    }

    private static String words(Stream<String> names) {
        Set<String> sorted = names.collect(Collectors.toCollection(TreeSet::new));
        for (String n : sorted) {
            if (!n.matches("[A-Za-z0-9_./-]+")) {
                throw new IllegalStateException("not a plain name for the capture script: " + n);
            }
        }
        return String.join(" ", sorted);
    }
}
