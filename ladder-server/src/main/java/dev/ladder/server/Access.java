package dev.ladder.server;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Who may use the API. On a loopback address the requests must name a loopback host (so a web page cannot reach
 * the dashboard through a DNS name rebound to 127.0.0.1); on any other address every API request needs the
 * token, as {@code Authorization: Bearer TOKEN} or {@code X-Ladder-Token}, reads also as {@code ?token=} (the
 * page's event stream cannot send headers). A write also needs the header {@code X-Ladder-Confirm: yes}, which
 * the page sends once the user confirmed and which another site's page cannot send without the server's leave.
 */
record Access(String host, String token) {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    Access {
        if (!loopback(host) && (token == null || token.isBlank())) {
            throw new IllegalArgumentException("binding " + host + " exposes the dashboard beyond this machine: it needs a token "
                    + "(--token, or let ladder dashboard generate one)");
        }
    }

    /** A fresh token: 24 random bytes, URL-safe base64. */
    static String newToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static boolean loopback(String host) {
        if (LOOPBACK_NAMES.contains(host)) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host " + host + " is not an address of this machine: " + e.getMessage());
        }
    }

    boolean exposed() {
        return !loopback(host);
    }

    /** Throws {@link Unauthorized} unless the request may go on. */
    void check(Context ctx) {
        boolean write = ctx.method() == HandlerType.POST;
        if (!exposed()) {
            String h = ctx.host() == null ? "" : ctx.host().replaceFirst(":\\d+$", "");
            if (!LOOPBACK_NAMES.contains(h)) {
                throw new Unauthorized(403, "this dashboard listens on " + host + " and answers only requests to localhost, not to '" + h + "'");
            }
        }
        if (write && !"yes".equals(ctx.header("X-Ladder-Confirm"))) {
            throw new Unauthorized(403, "a write needs the header X-Ladder-Confirm: yes (the page sends it once you confirmed)");
        }
        if (token == null) {
            return;
        }
        String given = headerToken(ctx);
        if (given == null && !write) {
            given = ctx.queryParam("token");
        }
        if (given == null) {
            throw new Unauthorized(401, "this dashboard is exposed on " + host + ": give its token (Authorization: Bearer TOKEN"
                    + (write ? "" : ", or ?token=TOKEN") + ")");
        }
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new Unauthorized(401, "wrong token");
        }
    }

    private static String headerToken(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null && auth.startsWith("Bearer ")) {
            return auth.substring("Bearer ".length()).trim();
        }
        return ctx.header("X-Ladder-Token");
    }
}
