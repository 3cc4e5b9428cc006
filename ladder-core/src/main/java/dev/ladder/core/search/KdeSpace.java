package dev.ladder.core.search;

import dev.ladder.core.Config;
import dev.ladder.core.space.Domain;
import dev.ladder.core.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search space as the kernel densities of {@link KdeSearcher} see it: one coordinate per searched
 * parameter, constants left out. A choice is its category index (an unordered kernel); every other domain
 * is its own [0,1] encoding (log domains in log space, integers, ordinals and finite ranges by position),
 * as BOHB's ConfigSpace vector does, and decodes back through the domain.
 */
final class KdeSpace {
    private final Map<String, Domain> all;
    private final List<String> names = new ArrayList<>();
    private final List<Domain> domains = new ArrayList<>();
    /** Per coordinate: 0 for a continuous one, else the number of categories. */
    private final int[] categories;

    KdeSpace(SearchSpace space) {
        this.all = space.domains();
        all.forEach((name, d) -> {
            if (!(d instanceof Domain.Constant)) {
                names.add(name);
                domains.add(d);
            }
        });
        categories = domains.stream().mapToInt(d -> d instanceof Domain.Choice c ? c.values().size() : 0).toArray();
    }

    int dimension() {
        return domains.size();
    }

    int[] categories() {
        return categories.clone();
    }

    double[] encode(Config config) {
        double[] x = new double[domains.size()];
        for (int j = 0; j < x.length; j++) {
            Domain d = domains.get(j);
            double[] e = new double[d.encodedSize()];
            d.encode(config.get(names.get(j)), e, 0);
            int best = 0; // a choice is one-hot: its index is where the 1 is
            for (int i = 1; i < e.length; i++) {
                best = e[i] > e[best] ? i : best;
            }
            x[j] = categories[j] > 0 ? best : e[0];
        }
        return x;
    }

    Config decode(double[] x) {
        Map<String, Object> values = new LinkedHashMap<>();
        int j = 0;
        for (Map.Entry<String, Domain> e : all.entrySet()) {
            Domain d = e.getValue();
            if (d instanceof Domain.Constant c) {
                values.put(e.getKey(), c.value());
            } else if (d instanceof Domain.Choice c) {
                values.put(e.getKey(), c.values().get((int) x[j++]));
            } else {
                values.put(e.getKey(), d.decode(new double[] {x[j++]}, 0));
            }
        }
        return Config.of(values);
    }
}
