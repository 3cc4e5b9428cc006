package dev.ladder.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ladder.store.ExperimentStatus;
import dev.ladder.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard in a real headless Chromium: the page of a running experiment draws its learning curves and
 * they grow as reports arrive (pushed by server-sent events); Pause on the page, confirmed, pauses it in the
 * store; each page is saved as a screenshot (target/screenshots).
 */
class DashboardBrowserTest {
    @TempDir
    Path dir;
    ChromeDriver browser;
    DashboardServer server;
    Store store;
    CompletableFuture<Void> run;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (run != null) {
            run.join();
        }
        if (store != null) {
            store.close();
        }
    }

    private int points() {
        String p = browser.findElement(By.id("curves")).getDomAttribute("data-points");
        return p == null ? 0 : Integer.parseInt(p);
    }

    @Test
    void curveGrowsLiveAndPauseFromThePagePausesTheExperiment() {
        String url = dir.resolve("ladder.db").toString();
        TestExperiment.run(url, dir.resolve("earlier/checkpoints"), "earlier", 12, 0, false); // for the list and compare pages
        run = TestExperiment.start(url, dir.resolve("live/checkpoints"), "live", 200, 60, false);
        store = Store.open(url);
        await().atMost(Duration.ofSeconds(60)).until(() -> store.experiment("live").map(e -> e.status() == ExperimentStatus.RUNNING).orElse(false));
        server = DashboardServer.start(store, new DashboardServer.Options("127.0.0.1", 0, null, dir, null, Duration.ofMillis(200)));
        String base = "http://127.0.0.1:" + server.port();
        browser = Browser.start();

        browser.get(base + "/");
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.findElements(By.cssSelector("#experiments tbody tr")).size() == 2);
        assertThat(browser.findElement(By.cssSelector("tr[data-name=live] td.status")).getText()).isEqualTo("RUNNING");
        Browser.screenshot(browser, "experiments");

        browser.get(base + "/experiment.html?name=live");
        await().atMost(Duration.ofSeconds(30)).until(() -> "yes".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-live"))
                && points() > 0);
        int first = points();
        await().atMost(Duration.ofSeconds(60)).until(() -> points() > first); // pushed by the server's events, no reload
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("RUNNING");
        Browser.screenshot(browser, "experiment");

        browser.findElement(By.id("pause")).click();
        assertThat(browser.switchTo().alert().getText()).isEqualTo("Pause experiment live?");
        browser.switchTo().alert().accept();
        await().atMost(Duration.ofSeconds(60)).until(() -> store.experiment("live").orElseThrow().status() == ExperimentStatus.PAUSED);
        run.join(); // its tuner returned on the pause
        assertThat(store.events(store.experiment("live").orElseThrow().id(), 1)).last()
                .satisfies(e -> assertThat(e.type()).isEqualTo("paused"));
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.findElement(By.id("status")).getText().equals("PAUSED"));
        Browser.screenshot(browser, "experiment-paused");

        WebElement link = browser.findElement(By.cssSelector("#trials tbody tr a"));
        link.click();
        await().atMost(Duration.ofSeconds(30)).until(() -> "yes".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        assertThat(browser.findElements(By.cssSelector("#decisions tbody tr"))).isNotEmpty();
        assertThat(browser.findElement(By.id("why")).getText()).as("the trial's path, as ladder why tells it").contains("started from scratch");
        Browser.screenshot(browser, "trial");

        browser.get(base + "/compare.html?names=earlier,live");
        await().atMost(Duration.ofSeconds(30)).until(() -> "yes".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        assertThat(browser.findElement(By.id("by-time")).getDomAttribute("data-points")).isNotEqualTo("0");
        Browser.screenshot(browser, "compare");
    }

    /** An experiment with two objectives shows its Pareto front and the front's hypervolume against time; one with one objective shows neither. */
    @Test
    void theParetoFrontShowsForSeveralObjectivesOnly() {
        String url = dir.resolve("ladder.db").toString();
        TestExperiment.runTwoObjectives(url, dir.resolve("pareto/checkpoints"), "pareto", 20);
        TestExperiment.run(url, dir.resolve("single/checkpoints"), "single", 8, 0, false);
        store = Store.open(url);
        server = DashboardServer.start(store, new DashboardServer.Options("127.0.0.1", 0, null, dir, null, null));
        String base = "http://127.0.0.1:" + server.port();
        int members = new Http(base).get("/api/v1/experiments/pareto/front").json().get("members").size();
        browser = Browser.start();
        browser.get(base + "/experiment.html?name=pareto");
        await().atMost(Duration.ofSeconds(30)).until(() -> "yes".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        assertThat(browser.findElement(By.id("front-row")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("front")).getDomAttribute("data-points")).isEqualTo(Integer.toString(members));
        assertThat(browser.findElement(By.id("hypervolume")).getDomAttribute("data-points")).isNotEqualTo("0");
        assertThat(browser.findElement(By.id("front-note")).getText()).contains(members + " trials at 9");
        Browser.screenshot(browser, "experiment-front");
        browser.get(base + "/experiment.html?name=single");
        await().atMost(Duration.ofSeconds(30)).until(() -> "yes".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        assertThat(browser.findElement(By.id("front-row")).isDisplayed()).isFalse();
    }

    /** A config value that is a script tag shows as text on every page that shows configs; no script runs. */
    @Test
    void scriptInAConfigValueShowsAsText() {
        String url = dir.resolve("ladder.db").toString();
        TestExperiment.run(url, dir.resolve("xss/checkpoints"), "xss", 12, 0, false);
        store = Store.open(url);
        server = DashboardServer.start(store, new DashboardServer.Options("127.0.0.1", 0, null, dir, null, null));
        String base = "http://127.0.0.1:" + server.port();
        int trial = new Http(base).get("/api/v1/experiments/xss/trials?q=script").json().get("trials").get(0).get("id").asInt();
        browser = Browser.start();
        browser.get(base + "/experiment.html?name=xss");
        await().atMost(Duration.ofSeconds(30)).until(() -> "yes".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        AtomicInteger shown = new AtomicInteger();
        browser.findElements(By.cssSelector("#trials td.config")).forEach(td -> {
            if (td.getText().contains(TestExperiment.XSS)) {
                shown.incrementAndGet();
            }
        });
        assertThat(shown.get()).isPositive();
        assertThat(browser.findElements(By.cssSelector("#trials td script"))).isEmpty();
        assertNoAlert();
        browser.get(base + "/trial.html?name=xss&id=" + trial);
        await().atMost(Duration.ofSeconds(30)).until(() -> "yes".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        assertThat(browser.findElement(By.id("config")).getText()).contains(TestExperiment.XSS);
        assertThat(browser.findElements(By.cssSelector("#config script"))).isEmpty();
        assertNoAlert();
        Browser.screenshot(browser, "trial-xss");
    }

    private void assertNoAlert() {
        try {
            String text = browser.switchTo().alert().getText();
            throw new AssertionError("a script ran: alert " + text);
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }
}
