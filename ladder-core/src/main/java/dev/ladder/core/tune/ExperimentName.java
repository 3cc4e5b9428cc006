package dev.ladder.core.tune;

import java.util.regex.Pattern;

/**
 * The one rule for experiment names, checked before anything is written: a name becomes a folder
 * ({@code <out>/<name>/checkpoints}) and a store row, so it must stay a single harmless path segment.
 */
public final class ExperimentName {
    /** What a name may be, as said in every error. */
    public static final String RULE = "1 to 100 characters: letters, digits, '.', '_' or '-', not starting with '.'";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");

    private ExperimentName() {
    }

    /** Returns {@code name} when it follows {@link #RULE}; otherwise throws naming it and the rule. */
    public static String check(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("experiment name " + shown(name) + " is not allowed: use " + RULE);
        }
        return name;
    }

    /** The name quoted, control characters escaped and a long one cut, so the message stays one readable line. */
    private static String shown(String name) {
        if (name == null) {
            return "null";
        }
        String cut = name.length() > 60 ? name.substring(0, 60) + "... (" + name.length() + " characters)" : name;
        StringBuilder out = new StringBuilder("'");
        cut.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append("'").toString();
    }
}
