package dev.ladder.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.store.Store;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard: the pages (static files, charts drawn by uPlot from its WebJar) and the JSON API under
 * {@code /api/v1} they use, over one store. Every answer is computed from the in-memory {@link Catalog};
 * a bad request gets 400, 401, 403, 404 or 409 with {@code {"error": "..."}}, never a stack trace.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How to serve: the address and port (0: any free one), the token (null on a loopback address: none needed),
     * the folder {@code --out} whose {@code <name>/logs} hold the trials' logs (null: none), and the launcher of
     * {@code ladder resume} (null: resume and extend answer 409).
     */
    public record Options(String host, int port, String token, Path out, Launcher launcher, Duration refresh) {
        public Options {
            Objects.requireNonNull(host, "host");
            refresh = refresh == null ? Duration.ofMillis(500) : refresh;
        }

        public static Options local(int port) {
            return new Options("127.0.0.1", port, null, null, null, null);
        }
    }

    private final Options options;
    private final Catalog catalog;
    private final Actions actions;
    private final Access access;
    private final List<SseClient> clients = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Consumer<Catalog.Change> broadcast = this::broadcast;
    private final Javalin app;

    private DashboardServer(Store store, Options options) {
        this.options = options;
        this.access = new Access(options.host(), options.token());
        this.catalog = new Catalog(store, options.refresh());
        this.actions = new Actions(store, options.launcher());
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = options.host();
            cfg.jetty.port = options.port();
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/dashboard";
                sf.location = Location.CLASSPATH;
            });
            cfg.staticFiles.enableWebjars();
            cfg.routes.before("/api/*", access::check);
            ApiRoutes routes = new ApiRoutes(catalog, actions, options.out(), access.exposed() || options.token() != null);
            routes.register(cfg.routes);
            cfg.routes.sse("/api/v1/events", this::subscribe);
            cfg.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            cfg.routes.exception(NotFound.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
            cfg.routes.exception(Conflict.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
            cfg.routes.exception(Unauthorized.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getStatus() == 404
                    ? "no such endpoint: " + ctx.method() + " " + ctx.path() + " (see docs/api.md)" : e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error (" + e.getClass().getSimpleName() + "): " + e.getMessage());
            });
        });
        catalog.listen(broadcast);
    }

    /** Starts serving {@code store}; fails when the address needs a token and has none, or the port is taken. */
    public static DashboardServer start(Store store, Options options) {
        DashboardServer s = new DashboardServer(store, options);
        try {
            s.app.start();
        } catch (RuntimeException e) {
            s.close();
            throw new IllegalStateException("cannot serve on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        return s;
    }

    /** Whether {@code host} is a loopback address (the dashboard needs no token there). */
    public static boolean isLoopback(String host) {
        return Access.loopback(host);
    }

    /** A fresh random token for an exposed dashboard. */
    public static String newToken() {
        return Access.newToken();
    }

    public int port() {
        return app.port();
    }

    /** The address to open, with the token in its fragment (the page keeps it and sends it; it never reaches logs). */
    public String url() {
        String h = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + h + ":" + port() + "/" + (options.token() == null ? "" : "#token=" + options.token());
    }

    /** Reads the store now (the server does so every {@code refresh} anyway). */
    public void refresh() {
        catalog.refresh();
    }

    static void error(Context ctx, int status, String message) {
        ctx.status(status).contentType("application/json").result(write(new Api.Error(message == null ? "error" : message)));
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The JSON object in a request's body, or a 400 saying what is wrong with it. */
    static JsonNode body(Context ctx) {
        String body = ctx.body();
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (!n.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object, not " + n.getNodeType().name().toLowerCase());
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private void subscribe(SseClient client) {
        client.keepAlive();
        clients.add(client);
        client.onClose(() -> clients.remove(client));
        client.sendEvent("hello", write(Map.of("experiments", catalog.all().size())));
    }

    private void broadcast(Catalog.Change c) {
        String data = write(c);
        for (SseClient client : new ArrayList<>(clients)) {
            try {
                client.sendEvent("change", data);
            } catch (RuntimeException e) {
                clients.remove(client);
            }
        }
    }

    @Override
    public void close() {
        catalog.unlisten(broadcast);
        clients.forEach(c -> {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // the stream is gone already
            }
        });
        app.stop();
        catalog.close();
        actions.close();
    }

    static Map<String, String> query(Context ctx) {
        Map<String, String> q = new HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> q.put(k, v.isEmpty() ? "" : v.get(0)));
        return q;
    }
}
