package dev.ladder.core.search;

import dev.ladder.core.Config;
import dev.ladder.core.space.Domain;
import dev.ladder.core.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Cartesian product of every domain's grid values, in a fixed order: the last parameter varies
 * fastest. Finite domains contribute all their values, numeric ones {@code pointsPerNumeric} spread values.
 */
public final class GridSearcher implements Searcher {
    private final List<String> names;
    private final List<List<Object>> axes = new ArrayList<>();
    private final long size;
    private final int pointsPerNumeric;
    private long position;

    /** The grid with {@code pointsPerNumeric} (at least 1) values per numeric domain and every value of a finite one. */
    public GridSearcher(SearchSpace space, int pointsPerNumeric) {
        if (pointsPerNumeric < 1) {
            throw new IllegalArgumentException("grid needs at least 1 point per numeric domain, got " + pointsPerNumeric);
        }
        this.pointsPerNumeric = pointsPerNumeric;
        this.names = space.names();
        long n = 1;
        for (Domain d : space.domains().values()) {
            List<Object> axis = d.grid(pointsPerNumeric);
            axes.add(axis);
            n = Math.multiplyExact(n, axis.size());
        }
        this.size = n;
    }

    /** The number of configurations in the grid. */
    public long size() {
        return size;
    }

    @Override
    public Optional<Config> next(int trialId) {
        if (position >= size) {
            return Optional.empty();
        }
        long rest = position++;
        Object[] chosen = new Object[axes.size()];
        for (int i = axes.size() - 1; i >= 0; i--) {
            List<Object> axis = axes.get(i);
            chosen[i] = axis.get((int) (rest % axis.size()));
            rest /= axis.size();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < chosen.length; i++) {
            values.put(names.get(i), chosen[i]);
        }
        return Optional.of(Config.of(values));
    }

    @Override
    public String toString() {
        return "grid(points=" + pointsPerNumeric + ", size=" + size + ")";
    }
}
