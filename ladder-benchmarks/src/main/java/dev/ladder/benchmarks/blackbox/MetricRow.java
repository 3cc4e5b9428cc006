package dev.ladder.benchmarks.blackbox;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable map view of one row of a row-major metrics matrix: {@code names.get(i) -> values[offset + i]}.
 * Creating one costs one small object, a lookup scans the few names; the matrix is never copied.
 * Invariant: the view never changes, because nobody writes to the matrix after it is built.
 */
final class MetricRow extends AbstractMap<String, Double> {
    private final List<String> names;
    private final float[] values;
    private final int offset;

    MetricRow(List<String> names, float[] values, int offset) {
        this.names = names;
        this.values = values;
        this.offset = offset;
    }

    @Override
    public int size() {
        return names.size();
    }

    @Override
    public boolean containsKey(Object key) {
        return names.contains(key);
    }

    @Override
    public Double get(Object key) {
        int i = names.indexOf(key);
        return i < 0 ? null : (double) values[offset + i];
    }

    @Override
    public Set<Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return names.size();
            }

            @Override
            public Iterator<Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < names.size();
                    }

                    @Override
                    public Entry<String, Double> next() {
                        if (i >= names.size()) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Double> e = new SimpleImmutableEntry<>(names.get(i), (double) values[offset + i]);
                        i++;
                        return e;
                    }
                };
            }
        };
    }
}
