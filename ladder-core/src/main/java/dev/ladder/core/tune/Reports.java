package dev.ladder.core.tune;

import dev.ladder.core.Metric;
import java.util.Map;

/** What makes a report unusable: a metric the experiment needs missing (an objective, the constraint), or any metric not a finite number. */
final class Reports {
    private Reports() {
    }

    /** Why report {@code r} cannot be used, or null when it can. */
    static String problem(TrialEvent.Reported r, Metric metric) {
        for (String name : metric.required()) {
            if (r.metrics().get(name) == null) {
                return "reported no '" + name + "' at resource " + r.resource() + " (it reported " + r.metrics().keySet() + ")";
            }
        }
        for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                return "metric '" + e.getKey() + "' is " + e.getValue() + " at resource " + r.resource();
            }
        }
        return null;
    }
}
