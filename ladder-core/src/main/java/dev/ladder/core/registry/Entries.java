package dev.ladder.core.registry;

import java.util.List;
import java.util.function.Function;

/** Looking an entry up by name in a registry's list (schedulers, searchers). */
public final class Entries {
    private Entries() {
    }

    /** The entry of {@code entries} called {@code wanted}; fails naming the {@code kind} and listing the known names. */
    public static <E> E named(List<E> entries, Function<E, String> name, String kind, String wanted) {
        for (E e : entries) {
            if (name.apply(e).equals(wanted)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + kind + " '" + wanted + "' (known: "
                + String.join(", ", entries.stream().map(name).toList()) + ")");
    }
}
