package dev.ladder.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ladder.store.Store;
import dev.ladder.store.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard over a real PostgreSQL store (ladder dashboard --storage URL) reads what a tuner journaled there. */
class PostgresApiTest {
    @Test
    void servesAnExperimentOfAPostgresStore(@TempDir Path dir) throws Exception {
        try (TestPostgres pg = TestPostgres.start()) {
            String url = pg.freshDatabase("dash");
            TestExperiment.run(url, dir.resolve("pg/checkpoints"), "pg", 9, 0, false);
            try (Store store = Store.open(url);
                 DashboardServer server = DashboardServer.start(store, DashboardServer.Options.local(0))) {
                Http http = new Http("http://127.0.0.1:" + server.port());
                Http.Answer list = http.get("/api/v1/experiments");
                assertThat(list.status()).isEqualTo(200);
                JsonNode pgItem = list.json().get(0);
                assertThat(pgItem.get("name").asText()).isEqualTo("pg");
                assertThat(pgItem.get("trials").asInt()).isEqualTo(9);
                assertThat(pgItem.get("status").asText()).isEqualTo("FINISHED");
                JsonNode trial = http.get("/api/v1/experiments/pg/trials/3").json();
                assertThat(trial.get("decisions").get(0).get("kind").asText()).isEqualTo("start");
                assertThat(trial.get("reportCount").asInt()).isPositive();
            }
        }
    }
}
