package dev.ladder.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The endpoints of {@code /api/v1} (docs/api.md): each reads its parameters, asks the catalog or the actions, and writes JSON. */
final class ApiRoutes {
    static final String V1 = "/api/v1";
    static final int MAX_COMPARE = 8;

    private final Catalog catalog;
    private final Actions actions;
    private final Path out;
    private final boolean tokenNeeded;

    ApiRoutes(Catalog catalog, Actions actions, Path out, boolean tokenNeeded) {
        this.catalog = catalog;
        this.actions = actions;
        this.out = out;
        this.tokenNeeded = tokenNeeded;
    }

    void register(RoutesConfig r) {
        r.get(V1 + "/experiments", ctx -> json(ctx, catalog.all().stream().map(ExperimentModel::item).toList()));
        r.get(V1 + "/experiments/{name}", ctx -> json(ctx, experiment(ctx).detail(tokenNeeded)));
        r.get(V1 + "/experiments/{name}/best", ctx -> json(ctx, experiment(ctx).bestSeries(
                Params.intValue(DashboardServer.query(ctx), "points", 1000, 2, 100_000))));
        r.get(V1 + "/experiments/{name}/front", ctx -> json(ctx, experiment(ctx).front(
                Params.intValue(DashboardServer.query(ctx), "points", 1000, 2, 100_000))));
        r.get(V1 + "/experiments/{name}/curves", ctx -> {
            Map<String, String> q = DashboardServer.query(ctx);
            json(ctx, experiment(ctx).curves(Params.intValue(q, "trials", 200, 1, 10_000), Params.intValue(q, "points", 50, 2, 10_000)));
        });
        r.get(V1 + "/experiments/{name}/rungs", ctx -> json(ctx, experiment(ctx).rungs(
                Params.intValue(DashboardServer.query(ctx), "points", 500, 2, 100_000))));
        r.get(V1 + "/experiments/{name}/parallel", ctx -> json(ctx, experiment(ctx).parallel(
                Params.intValue(DashboardServer.query(ctx), "trials", 300, 1, 10_000))));
        r.get(V1 + "/experiments/{name}/trials", ctx -> {
            Map<String, String> q = DashboardServer.query(ctx);
            TrialFilter f = TrialFilter.parse(q);
            json(ctx, experiment(ctx).trials(f, Params.intValue(q, "offset", 0, 0, Integer.MAX_VALUE),
                    Params.intValue(q, "limit", 50, 1, 1000)));
        });
        r.get(V1 + "/experiments/{name}/trials/{id}", ctx -> {
            ExperimentModel m = experiment(ctx);
            int id = trialId(ctx);
            int lines = Params.intValue(DashboardServer.query(ctx), "lines", 40, 0, 1000);
            String name = m.row().name();
            Api.Logs logs = out == null ? null : LogTail.of(out.resolve(name).resolve("logs"), id, lines);
            json(ctx, m.trial(id, 1000, logs).orElseThrow(() -> new NotFound("experiment " + name + " has no trial " + id)));
        });
        r.get(V1 + "/compare", ctx -> {
            String names = ctx.queryParam("names");
            if (names == null || names.isBlank()) {
                throw new IllegalArgumentException("names: give the experiments to compare, e.g. ?names=a,b");
            }
            List<Api.BestSeries> series = new ArrayList<>();
            for (String n : names.split(",")) {
                series.add(catalog.get(n.trim()).bestSeries(1000));
            }
            if (series.size() > MAX_COMPARE) {
                throw new IllegalArgumentException("names: at most " + MAX_COMPARE + " experiments, not " + series.size());
            }
            json(ctx, new Api.Compare(series));
        });
        r.post(V1 + "/experiments/{name}/pause", ctx -> act(ctx, actions.pause(name(ctx))));
        r.post(V1 + "/experiments/{name}/resume", ctx -> act(ctx, actions.resume(name(ctx), null)));
        r.post(V1 + "/experiments/{name}/extend", ctx -> {
            JsonNode body = DashboardServer.body(ctx);
            JsonNode trials = body.get("trials");
            if (trials == null || !trials.canConvertToInt() || !trials.isIntegralNumber() || trials.asInt() < 1) {
                throw new IllegalArgumentException("trials: give the new limit on trials as a positive whole number, e.g. {\"trials\": 200}");
            }
            act(ctx, actions.resume(name(ctx), trials.asInt()));
        });
        r.post(V1 + "/experiments/{name}/stop", ctx -> act(ctx, actions.stop(name(ctx))));
        r.post(V1 + "/experiments/{name}/trials/{id}/stop", ctx -> {
            experiment(ctx);
            act(ctx, actions.stopTrial(name(ctx), trialId(ctx)));
        });
    }

    private void act(Context ctx, Api.Message m) {
        catalog.refresh();
        json(ctx, m);
    }

    private static String name(Context ctx) {
        return ctx.pathParam("name");
    }

    private ExperimentModel experiment(Context ctx) {
        return catalog.get(name(ctx));
    }

    private static int trialId(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("trial id: '" + id + "' is not a number");
        }
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(DashboardServer.write(value));
    }
}
