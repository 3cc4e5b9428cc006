package dev.ladder.server;

import dev.ladder.core.Metric;
import dev.ladder.core.TrialStatus;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The trials table's filters and order, from the query: {@code status} (comma-separated), {@code q} (text the
 * config's JSON contains), {@code minResource}, {@code sort} (id, value, resource, reports, status) and
 * {@code order} (asc, desc). A bad value fails naming the parameter.
 */
record TrialFilter(Set<TrialStatus> statuses, String text, long minResource, String sort, boolean descending) {
    static final Set<String> SORTS = Set.of("id", "value", "resource", "reports", "status");

    static TrialFilter parse(Map<String, String> q) {
        Set<TrialStatus> statuses = EnumSet.allOf(TrialStatus.class);
        String status = q.get("status");
        if (status != null && !status.isBlank()) {
            statuses = EnumSet.noneOf(TrialStatus.class);
            for (String s : status.split(",")) {
                try {
                    statuses.add(TrialStatus.valueOf(s.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("status: '" + s.trim() + "' is not one of " + Arrays.toString(TrialStatus.values()));
                }
            }
        }
        String sort = q.getOrDefault("sort", "value");
        if (!SORTS.contains(sort)) {
            throw new IllegalArgumentException("sort: '" + sort + "' is not one of " + SORTS);
        }
        String order = q.getOrDefault("order", "asc");
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new IllegalArgumentException("order: '" + order + "' is not asc or desc");
        }
        long min = Params.longValue(q, "minResource", 0, 0, Long.MAX_VALUE);
        String text = q.getOrDefault("q", "");
        return new TrialFilter(statuses, text, min, sort, order.equals("desc"));
    }

    boolean accepts(TrialStatus status, String configJson, long resource) {
        return statuses.contains(status) && resource >= minResource && (text.isEmpty() || configJson.contains(text));
    }

    /** The order of the table; by value means best first (ascending) for the experiment's metric, trials without a value last. */
    Comparator<Api.TrialItem> order(Metric metric) {
        Comparator<Api.TrialItem> c = switch (sort) {
            case "id" -> Comparator.comparingInt(Api.TrialItem::id);
            case "resource" -> Comparator.comparingLong(Api.TrialItem::resource);
            case "reports" -> Comparator.comparingInt(Api.TrialItem::reports);
            case "status" -> Comparator.comparing(Api.TrialItem::status);
            default -> Comparator.comparingDouble(t -> t.value() == null ? Double.POSITIVE_INFINITY
                    : metric == null ? t.value() : metric.loss(t.value()));
        };
        c = descending ? c.reversed() : c;
        return c.thenComparingInt(Api.TrialItem::id);
    }
}
