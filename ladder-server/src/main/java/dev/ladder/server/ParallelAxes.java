package dev.ladder.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The axes of the parallel coordinates of some configs: a numeric parameter spans its min..max, a choice its values in order. */
record ParallelAxes(List<Api.Axis> axes) {

    static ParallelAxes of(List<Map<String, Object>> configs) {
        Map<String, List<Object>> values = new LinkedHashMap<>();
        for (Map<String, Object> c : configs) {
            c.forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        List<Api.Axis> axes = new ArrayList<>();
        values.forEach((name, vs) -> {
            if (vs.stream().allMatch(v -> v instanceof Number)) {
                double min = vs.stream().mapToDouble(v -> ((Number) v).doubleValue()).min().orElse(0);
                double max = vs.stream().mapToDouble(v -> ((Number) v).doubleValue()).max().orElse(0);
                axes.add(new Api.Axis(name, true, min, max, List.of()));
            } else {
                TreeSet<String> choices = new TreeSet<>();
                vs.forEach(v -> choices.add(String.valueOf(v)));
                axes.add(new Api.Axis(name, false, 0, 0, List.copyOf(choices)));
            }
        });
        return new ParallelAxes(axes);
    }

    /** {@code config} on each axis, 0..1 (null where it has no value). */
    List<Double> coords(Map<String, Object> config) {
        List<Double> out = new ArrayList<>(axes.size());
        for (Api.Axis a : axes) {
            Object v = config.get(a.name());
            if (v == null) {
                out.add(null);
            } else if (a.numeric()) {
                double d = ((Number) v).doubleValue();
                out.add(a.max() > a.min() ? (d - a.min()) / (a.max() - a.min()) : 0.5);
            } else {
                int i = a.choices().indexOf(String.valueOf(v));
                out.add(a.choices().size() > 1 ? (double) i / (a.choices().size() - 1) : 0.5);
            }
        }
        return out;
    }
}
