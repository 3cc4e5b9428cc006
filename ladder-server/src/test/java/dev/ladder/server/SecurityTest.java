package dev.ladder.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.store.ExperimentStatus;
import dev.ladder.store.Store;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may read and write: loopback by default, the token when exposed, confirmed writes only. */
class SecurityTest {
    @TempDir
    static Path dir;
    static Store store;

    @BeforeAll
    static void experiment() {
        String url = dir.resolve("ladder.db").toString();
        TestExperiment.run(url, dir.resolve("sec/checkpoints"), "sec", 6, 0, false);
        store = Store.open(url);
        store.setStatus(store.experiment("sec").orElseThrow().id(), ExperimentStatus.PAUSED); // so that a stop would act
    }

    @AfterAll
    static void close() {
        store.close();
    }

    /** An address of this machine that is not a loopback one, if it has one. */
    static Optional<InetAddress> outwardAddress() throws IOException {
        return NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp() && !i.isLoopback();
            } catch (IOException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address).findFirst();
    }

    @Test
    void bindsLoopbackByDefault() throws IOException {
        try (DashboardServer s = DashboardServer.start(store, DashboardServer.Options.local(0))) {
            assertThat(s.url()).startsWith("http://127.0.0.1:");
            assertThat(new Http("http://127.0.0.1:" + s.port()).get("/api/v1/experiments").status()).isEqualTo(200);
            Optional<InetAddress> out = outwardAddress();
            Assumptions.assumeTrue(out.isPresent(), "this machine has no address but loopback");
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(out.get(), s.port()), 2000))
                        .as("nothing listens on " + out.get()).isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void anotherAddressNeedsAToken() {
        assertThatThrownBy(() -> DashboardServer.start(store, new DashboardServer.Options("0.0.0.0", 0, null, dir, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binding 0.0.0.0").hasMessageContaining("token");
    }

    @Test
    void exposedNoReadNorWriteWithoutTheToken() {
        String token = Access.newToken();
        try (DashboardServer s = DashboardServer.start(store, new DashboardServer.Options("0.0.0.0", 0, token, dir, null, null))) {
            assertThat(s.url()).endsWith("/#token=" + token);
            Http http = new Http("http://127.0.0.1:" + s.port());
            assertThat(http.get("/api/v1/experiments").status()).isEqualTo(401);
            assertThat(http.get("/api/v1/experiments?token=wrong").status()).isEqualTo(401);
            assertThat(http.get("/api/v1/experiments?token=" + token).status()).isEqualTo(200);
            assertThat(http.get("/api/v1/experiments", Map.of("Authorization", "Bearer " + token)).status()).isEqualTo(200);
            Http.Answer none = http.post("/api/v1/experiments/sec/stop", "");
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.json().get("error").asText()).contains("give its token");
            assertThat(http.post("/api/v1/experiments/sec/stop?token=" + token, "").status()).as("a write needs the header").isEqualTo(401);
            assertThat(http.post("/api/v1/experiments/sec/stop", "", Map.of("X-Ladder-Confirm", "yes", "Authorization", "Bearer nope"))
                    .status()).isEqualTo(401);
            assertThat(store.experiment("sec").orElseThrow().status()).as("nothing written").isEqualTo(ExperimentStatus.PAUSED);
            assertThat(http.get("/").status()).as("the page itself holds no data").isEqualTo(200);
            Http.Answer done = http.post("/api/v1/experiments/sec/stop", "", Map.of("X-Ladder-Confirm", "yes", "Authorization", "Bearer " + token));
            assertThat(done.status()).as(done.body()).isEqualTo(200);
            assertThat(store.experiment("sec").orElseThrow().status()).isEqualTo(ExperimentStatus.FINISHED);
        }
    }

    @Test
    void writesNeedTheConfirmationHeaderAndLoopbackNeedsALoopbackHost() {
        try (DashboardServer s = DashboardServer.start(store, DashboardServer.Options.local(0))) {
            Http http = new Http("http://127.0.0.1:" + s.port());
            Http.Answer unconfirmed = http.post("/api/v1/experiments/sec/pause", "", Map.of());
            assertThat(unconfirmed.status()).isEqualTo(403);
            assertThat(unconfirmed.json().get("error").asText()).contains("X-Ladder-Confirm");
            Http.Answer rebound = http.get("/api/v1/experiments", Map.of("Host", "evil.example:" + s.port()));
            assertThat(rebound.status()).isEqualTo(403);
            assertThat(rebound.json().get("error").asText()).contains("answers only requests to localhost");
            assertThat(http.get("/api/v1/experiments", Map.of("Host", "localhost:" + s.port())).status()).isEqualTo(200);
        }
    }
}
