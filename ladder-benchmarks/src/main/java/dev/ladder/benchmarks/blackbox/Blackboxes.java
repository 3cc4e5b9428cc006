package dev.ladder.benchmarks.blackbox;

import dev.ladder.sim.Blackbox;
import java.util.ArrayList;
import java.util.List;

/**
 * The real benchmarks by name, {@code family:instance}: {@code lcbench:<OpenML task id>},
 * {@code nasbench201:<data set>}, {@code fcnet:<data set>}, {@code hpobench:<data set>}
 * (the names {@link Blackbox#name()} returns). Creating one loads no data.
 */
public final class Blackboxes {
    public static final List<String> FAMILIES = List.of("lcbench", "nasbench201", "fcnet", "hpobench", "synthetic");
    /** Where the tables, the LCBench surrogate and ONNX Runtime come from, for the message when they are missing. */
    static final String ADD_ON = "they come in the benchmark add-on: dev.ladder:ladder-benchmarks-data and ONNX Runtime"
            + " (the ladder command reads them from bench-lib/ beside ladder.jar, as built in a clone: README, \"Distributions\")";

    private Blackboxes() {
    }

    /** Every valid name, family by family. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        LcBench.tasks().forEach(t -> names.add("lcbench:" + t));
        NasBench201.datasets().forEach(d -> names.add("nasbench201:" + d));
        FcNet.datasets().forEach(d -> names.add("fcnet:" + d));
        HpoBenchTable.datasets().forEach(d -> names.add("hpobench:" + d));
        return List.copyOf(names);
    }

    /** The benchmark called {@code name}, for example {@code lcbench:189906} or {@code fcnet:protein_structure}. */
    public static Blackbox of(String name) {
        int colon = name == null ? -1 : name.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("benchmark name '" + name + "' must be family:instance, families "
                    + FAMILIES + " (for example lcbench:189906)");
        }
        String family = name.substring(0, colon);
        String instance = name.substring(colon + 1);
        return switch (family) {
            case "lcbench" -> LcBench.of(instance);
            case "nasbench201" -> NasBench201.of(instance);
            case "fcnet" -> FcNet.of(instance);
            case "hpobench" -> HpoBenchTable.of(instance);
            case "synthetic" -> synthetic(instance);
            default -> throw new IllegalArgumentException("unknown benchmark family '" + family + "' in '" + name
                    + "'; families: " + FAMILIES);
        };
    }

    /** synthetic:R, the simulator's synthetic curves with resources 1..R and one second per unit. */
    private static Blackbox synthetic(String maxResource) {
        try {
            return new dev.ladder.sim.SyntheticBlackbox(Long.parseLong(maxResource), 1.0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("benchmark 'synthetic:" + maxResource + "' must be synthetic:R with R a whole number, e.g. synthetic:81");
        }
    }
}
