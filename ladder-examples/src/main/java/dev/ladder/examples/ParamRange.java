package dev.ladder.examples;

import java.util.Objects;
import java.util.Set;

/**
 * One tuned parameter of an example, described without Ladder's search-space API: a name, a kind
 * ({@value #LOG_REAL}, {@value #REAL} or {@value #INTEGER}) and inclusive bounds.
 *
 * @param name  parameter name as the objective reads it from the config
 * @param kind  {@value #LOG_REAL} (sampled uniformly in log space), {@value #REAL} or {@value #INTEGER}
 * @param lower inclusive lower bound; positive for {@value #LOG_REAL}
 * @param upper inclusive upper bound, greater than {@code lower}
 */
public record ParamRange(String name, String kind, double lower, double upper) {
    public static final String LOG_REAL = "logReal";
    public static final String REAL = "real";
    public static final String INTEGER = "integer";
    private static final Set<String> KINDS = Set.of(LOG_REAL, REAL, INTEGER);

    public ParamRange {
        Objects.requireNonNull(name, "name");
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("parameter '" + name + "': kind '" + kind + "' is not one of " + KINDS);
        }
        if (!(lower < upper)) {
            throw new IllegalArgumentException("parameter '" + name + "': lower " + lower + " is not below upper " + upper);
        }
        if (kind.equals(LOG_REAL) && !(lower > 0)) {
            throw new IllegalArgumentException("parameter '" + name + "': a logReal range needs lower > 0, got " + lower);
        }
        if (kind.equals(INTEGER) && (lower != Math.rint(lower) || upper != Math.rint(upper))) {
            throw new IllegalArgumentException("parameter '" + name + "': integer bounds must be integers, got ["
                    + lower + ", " + upper + "]");
        }
    }

    public static ParamRange logReal(String name, double lower, double upper) {
        return new ParamRange(name, LOG_REAL, lower, upper);
    }

    public static ParamRange real(String name, double lower, double upper) {
        return new ParamRange(name, REAL, lower, upper);
    }

    public static ParamRange integer(String name, long lower, long upper) {
        return new ParamRange(name, INTEGER, lower, upper);
    }
}
