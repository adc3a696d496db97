package io.redisscale.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisscale.testsupport.TestInfra;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard as a person uses it, in real headless Chromium against the running system: sign in,
 * register a Redis from the page, watch it scale up on the fleet and instance pages (the chart plots
 * exactly the stored samples and marks the change), have a bad setting refused beside its field, save
 * a good one, and run a what-if on the instance's history. Screenshots of each page go to
 * {@code target/screenshots} (copies in {@code docs/screenshots}).
 */
class DashboardBrowserIT {
    static final long SMALL_PLAN = 30_000_000L;   // rediscloud:30
    static final Path SHOTS = Path.of("target", "screenshots");

    static TestServers servers;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        servers = new TestServers("e2e-dashboard-browser");
        int[] smtp = servers.startSmtp();
        servers.startServices(Map.of("EMAIL_HOST", "127.0.0.1", "EMAIL_PORT", String.valueOf(smtp[0]),
                "SERVER_EMAIL", "autoscaler@example.com", "DECISION_UP_WINDOW", "0s",
                // Production's log format, to check it here: one JSON object a line.
                "LOG_JSON", "true"));
        browser = chromium();
        Files.createDirectories(SHOTS);
    }

    /** Debian's chromium and chromium-driver (./autoscaler test installs them); no driver download. */
    static WebDriver chromium() {
        String driver = System.getProperty("chromedriver", "/usr/bin/chromedriver");
        String binary = System.getProperty("chromium", "/usr/bin/chromium");
        if (!new File(driver).canExecute() || !new File(binary).canExecute()) {
            throw new IllegalStateException("the browser suite needs " + binary + " and " + driver
                    + " (Debian: apt-get install chromium chromium-driver; ./autoscaler test installs them)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(binary)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1400");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver)).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        // A page being loaded after a click: look for its elements for a while before giving up.
        chrome.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
        return chrome;
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (servers != null) {
            servers.close();
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + servers.ports.get("collector") + path;
    }

    private static void shot(String name) throws Exception {
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** The text of the element {@code css} selects, once the page (maybe still loading after a submit) has it. */
    private static String text(String css) {
        return new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(15))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(By.cssSelector(css))).getText();
    }

    /**
     * An instance registered with scaling off, and {@code days} days of samples a minute apart stored under it
     * (the first days of samples/traces/synthetic-diurnal.csv, memory divided by 50), on rediscloud:100 since then.
     */
    private static UUID seededHistory(int redisPort, int days) throws Exception {
        var created = servers.post("collector", "/api/v1/instances", """
                {"name": "browser-history", "provider": "local", "redisUrl": "redis://127.0.0.1:%d", "plan": "rediscloud:100",
                 "scalingEnabled": false, "metricRateSeconds": 300}
                """.formatted(redisPort));
        assertEquals(201, created.statusCode(), created.body());
        UUID id = UUID.fromString(new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body()).get("id").asText());
        List<String> trace = Files.readAllLines(Path.of("..", "samples", "traces", "synthetic-diurnal.csv"));
        java.time.Instant start = java.time.Instant.now().minus(Duration.ofDays(days)).minusSeconds(600);
        TestInfra.Isolation db = servers.where();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.dbUser(), db.dbPassword())) {
            try (var ps = c.prepareStatement("INSERT INTO collector.sample_recent (instance_id, at, status, used_memory, connected_clients, "
                    + "plan, maxmemory, maxclients) VALUES (?, ?, 'ok', ?, ?, 'rediscloud:100', 100000000, 256)")) {
                for (int i = 1; i <= days * 1_440 && i < trace.size(); i++) {
                    String[] row = trace.get(i).split(",");
                    ps.setObject(1, id);
                    ps.setObject(2, java.time.OffsetDateTime.ofInstant(start.plusSeconds(60L * (i - 1)), java.time.ZoneOffset.UTC));
                    ps.setLong(3, Long.parseLong(row[1]) / 50);
                    ps.setInt(4, Math.min(Integer.parseInt(row[2]), 200));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (var ps = c.prepareStatement("UPDATE collector.plan_history SET from_at = ? WHERE instance_id = ?")) {
                ps.setObject(1, java.time.OffsetDateTime.ofInstant(start, java.time.ZoneOffset.UTC));
                ps.setObject(2, id);
                ps.executeUpdate();
            }
        }
        return id;
    }

    /** Waits until the page at {@code path} (after a submit or a redirect) is shown. */
    private static void onPage(String pathPattern) {
        await("page " + pathPattern).atMost(Duration.ofSeconds(15)).until(() -> browser.getCurrentUrl().matches(".*" + pathPattern));
    }

    @Test
    void aPersonSignsInRegistersARedisWatchsItScaleAndRunsAWhatIf() throws Exception {
        int port = servers.startRedis(SMALL_PLAN);
        TestServers.fill(port, 24_000);

        // Sign in: a wrong token is refused on the page, the right one opens the fleet.
        browser.get(url("/ui"));
        assertTrue(browser.getCurrentUrl().contains("/ui/sign-in"), browser.getCurrentUrl());
        browser.findElement(By.id("token")).sendKeys("not-a-token");
        browser.findElement(By.cssSelector("#sign-in button")).click();
        assertTrue(text("#error-token").contains("not one of the API tokens"));
        shot("sign-in");
        browser.findElement(By.id("token")).sendKeys(TestServers.API_TOKEN);
        browser.findElement(By.cssSelector("#sign-in button")).click();
        onPage("/ui");
        assertTrue(text("h1").contains("Fleet"), browser.getPageSource());
        assertFalse(browser.getCurrentUrl().contains(TestServers.API_TOKEN), "no token in a URL");

        // Register the Redis from the page.
        browser.findElement(By.linkText("Register")).click();
        browser.findElement(By.id("name")).sendKeys("browser-orders");
        new Select(browser.findElement(By.id("provider"))).selectByValue("local");
        browser.findElement(By.id("redisUrl")).sendKeys("redis://127.0.0.1:" + port);
        new Select(browser.findElement(By.id("plan"))).selectByValue("rediscloud:30");
        new Select(browser.findElement(By.id("maxPlan"))).selectByValue("rediscloud:1000");
        browser.findElement(By.id("recipients")).sendKeys("ops@example.com");
        browser.findElement(By.id("save")).click();
        onPage("/ui/instances/[0-9a-f-]{36}$");
        UUID id = UUID.fromString(browser.getCurrentUrl().replaceAll(".*/ui/instances/", ""));

        // It scales up: the fleet shows the new plan, the instance page the change on the chart.
        await("scale-up").atMost(Duration.ofSeconds(90)).until(() ->
                TestServers.redis(port, "CONFIG", "GET", "maxmemory").split("\n")[1].trim().equals("100000000"));
        // Polls come every 30 s (the shortest rate): wait for a second point on the chart.
        await("two samples on the instance page").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            browser.get(url("/ui/instances/" + id + "?range=hour"));
            return plotted("memory-chart").size() >= 2;
        });
        assertEquals(List.of("up: rediscloud:30 → rediscloud:100"), changeLabels(), "the change marked on the chart");
        assertEquals("rediscloud:100", text("#plan"));
        // The chart's points are the stored samples: every answered poll between its first and last point.
        List<List<Number>> points = plotted("memory-chart");
        long first = points.get(0).get(0).longValue();
        long last = points.get(points.size() - 1).get(0).longValue();
        String csv = servers.get("collector", "/api/v1/instances/" + id + "/metrics.csv?from="
                + java.time.Instant.ofEpochMilli(first) + "&to=" + java.time.Instant.ofEpochMilli(last + 1)).body(); // stored to the microsecond, drawn to the millisecond
        List<String> stored = csv.lines().skip(1).map(l -> l.split(",")[0] + "," + l.split(",")[1]).toList();
        List<String> drawn = new ArrayList<>();
        points.forEach(p -> drawn.add(p.get(0).longValue() / 1000 + "," + p.get(1).longValue()));
        assertEquals(stored, drawn);
        // The change's explanation is the decision's, and the decision is listed with its reason code.
        // A first day's breach scales at once (rise_room); later ones once held for the up window (sustained_breach).
        assertTrue(text("#changes").matches("(?s).*(breach|rise_room|rise as large).*"), text("#changes"));
        assertTrue(text("#decisions").contains("up"), text("#decisions"));
        assertTrue(text("#actions").contains("succeeded"), text("#actions"));
        // The change's availability, probed while it ran, beside it; and by provider and plan step on a page of its own.
        assertTrue(text("#actions").contains("Availability: changed in"), text("#actions"));
        assertTrue(text("#savings").contains("saved"), text("#savings"));
        shot("instance");
        browser.get(url("/ui/providers"));
        assertTrue(text("#provider-stats tr[data-provider='local']").contains("→"), text("#provider-stats"));
        shot("providers");

        browser.get(url("/ui"));
        WebElement row = browser.findElement(By.cssSelector("tr[data-instance='" + id + "']"));
        assertTrue(row.getText().contains("rediscloud:100"), row.getText());
        assertTrue(row.getText().matches("(?s).*\\b(ok|breach|changing)\\b.*"), "a state in words: " + row.getText());
        shot("fleet");

        // A bad threshold is refused beside its field; a good one is saved.
        browser.get(url("/ui/instances/" + id + "/settings"));
        WebElement threshold = browser.findElement(By.id("memoryThresholdPercent"));
        threshold.clear();
        threshold.sendKeys("150");
        browser.findElement(By.id("save")).click();
        assertTrue(text("#error-memoryThresholdPercent").length() > 3, browser.getPageSource());
        assertEquals("true", browser.findElement(By.id("memoryThresholdPercent")).getAttribute("aria-invalid"));
        shot("settings-refused");
        threshold = browser.findElement(By.id("memoryThresholdPercent"));
        threshold.clear();
        threshold.sendKeys("75");
        browser.findElement(By.id("save")).click();
        onPage("/ui/instances/" + id + "\\?saved=memoryThresholdPercent");
        assertEquals("Settings saved: memory threshold.", text("#saved"), "says what was saved");
        assertTrue(servers.get("collector", "/api/v1/instances/" + id).body().contains("\"memoryThresholdPercent\":75"));

        // A plan schedule typed as JSON is saved and drawn as the coming week (a minimum of the plan it is on: no change).
        browser.get(url("/ui/instances/" + id + "/settings"));
        WebElement schedule = browser.findElement(By.id("schedule"));
        schedule.clear();
        schedule.sendKeys("{\"ranges\": [{\"name\": \"nightly\", \"days\": [\"MON\", \"TUE\", \"WED\", \"THU\", \"FRI\", \"SAT\", \"SUN\"],"
                + " \"from\": \"02:00\", \"to\": \"04:00\", \"minPlan\": \"rediscloud:100\"}]}");
        browser.findElement(By.id("save")).click();
        onPage("/ui/instances/" + id + "\\?saved=schedule");
        browser.get(url("/ui/instances/" + id + "/settings"));
        assertEquals(14, browser.findElements(By.cssSelector("#schedule-week td.min")).size(), "two hours a day for a week");
        shot("settings-schedule");

        // The register form starts from the API's defaults and shows only the chosen provider's fields.
        browser.get(url("/ui/instances/new"));
        assertEquals("80", browser.findElement(By.id("memoryThresholdPercent")).getAttribute("value"));
        for (String box : List.of("thresholdBreach", "scalingSuccess", "scalingFailure")) {
            assertTrue(browser.findElement(By.id(box)).isSelected(), box + " ticked, as the API's default");
        }
        assertFalse(browser.findElement(By.id("herokuApp")).isDisplayed(), "a local instance has no Heroku app");
        assertTrue(browser.findElement(By.id("redisUrl")).isDisplayed());
        browser.findElement(By.id("showRedisUrl")).click();
        assertEquals("text", browser.findElement(By.id("redisUrl")).getAttribute("type"), "the URL shown as typed");
        new Select(browser.findElement(By.id("provider"))).selectByValue("heroku");
        assertTrue(browser.findElement(By.id("herokuApp")).isDisplayed());
        assertFalse(browser.findElement(By.id("redisUrl")).isDisplayed());

        // What-if on the instance's own history, minutes long: said to be too short to judge, not priced at $0.00.
        browser.get(url("/ui/what-if?instance=" + id));
        browser.findElement(By.id("run")).click();
        assertTrue(text("#what-if-too-short").startsWith("Too short to judge"), text("#what-if-too-short"));
        assertTrue(text("#what-if-settings").contains("poll every 60 s"), text("#what-if-settings"));
        assertTrue(browser.findElements(By.id("what-if-table")).isEmpty());
        assertTrue(plotted("what-if-chart").size() >= 2);

        // And on an uploaded trace: a sample day of diurnal load on the Redis Cloud plans.
        browser.get(url("/ui/what-if"));
        browser.findElement(By.id("trace")).sendKeys(Path.of("..", "samples", "traces", "synthetic-diurnal.csv").toAbsolutePath().normalize().toString());
        new Select(browser.findElement(By.id("service"))).selectByValue("rediscloud");
        browser.findElement(By.id("run")).click();
        assertTrue(text("#what-if-result h2").contains("uploaded trace synthetic-diurnal.csv"), text("#what-if-result h2"));
        assertTrue(text("#what-if-settings").contains("poll every 60 s and scale-downs at most every 300 s"), text("#what-if-settings"));
        List<String> policies = browser.findElements(By.cssSelector("#what-if-table tbody tr")).stream()
                .map(r -> r.getAttribute("data-policy")).toList();
        assertEquals(List.of("autoscaler", "static-peak", "original", "hourly-oracle", "oracle-at-thr", "safe-bound"), policies);
        String autoscaler = text("#what-if-table tr[data-policy='autoscaler']");
        String staticPeak = text("#what-if-table tr[data-policy='static-peak']");
        assertTrue(cost(autoscaler) > 0 && cost(autoscaler) < cost(staticPeak), autoscaler + " / " + staticPeak);
        assertTrue(plotted("what-if-chart").size() > 100);
        shot("what-if");
        // The same trace under a schedule tried from the form: a floor half of every day costs more.
        browser.get(url("/ui/what-if"));
        browser.findElement(By.id("trace")).sendKeys(Path.of("..", "samples", "traces", "synthetic-diurnal.csv").toAbsolutePath().normalize().toString());
        new Select(browser.findElement(By.id("service"))).selectByValue("rediscloud");
        browser.findElement(By.id("schedule")).sendKeys("{\"ranges\": [{\"name\": \"mornings\", \"cron\": \"0 0 * * *\", \"durationMinutes\": 720,"
                + " \"minPlan\": \"rediscloud:10000\"}]}");
        browser.findElement(By.id("run")).click();
        // A replay on a loaded machine can take longer than a page: wait for its answer, whichever it is.
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(90)).until(org.openqa.selenium.support.ui.ExpectedConditions.or(
                org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(By.id("what-if-schedule")),
                org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(By.id("what-if-problem"))));
        assertTrue(browser.findElements(By.id("what-if-problem")).isEmpty(), browser.getPageSource());
        assertTrue(text("#what-if-schedule").contains("mornings"), text("#what-if-settings"));
        assertTrue(cost(text("#what-if-table tr[data-policy='autoscaler']")) > cost(autoscaler), text("#what-if-table"));

        // What it looks like in use: an instance with three days of history (a diurnal sample trace, scaled to a
        // 100 MB plan), its page over the whole history and the what-if on it, for the screenshots in docs/.
        UUID seeded = seededHistory(port, 3);
        browser.get(url("/ui/instances/" + seeded + "?range=all"));
        assertTrue(plotted("memory-chart").size() > 3 * 1_000, "three days drawn");
        shot("instance-history");
        browser.get(url("/ui/what-if?instance=" + seeded));
        browser.findElement(By.id("run")).click();
        assertTrue(text("#what-if-settings").contains(" days, judged"), text("#what-if-settings"));
        assertEquals(6, browser.findElements(By.cssSelector("#what-if-table tbody tr")).size(), "days of history are judged");
        shot("what-if-history");

        // On a phone: the page fits its width (wide tables scroll inside their box).
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(url("/ui"));
        assertTrue((Boolean) js("return document.documentElement.scrollWidth <= window.innerWidth + 1;"));
        shot("fleet-phone");
        browser.manage().window().setSize(new Dimension(1280, 1400));

        // LOG_JSON=true: the collector logged JSON lines, and the token used to sign in is in none of them.
        List<String> log = Files.readAllLines(servers.log("collector"));
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertTrue(log.stream().filter(l -> l.startsWith("{")).map(l -> {
            try {
                return json.readTree(l);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).anyMatch(n -> n.has("level") && n.has("message") && n.path("loggerName").asText().startsWith("io.")), "JSON log lines");
        assertTrue(log.stream().noneMatch(l -> l.contains(TestServers.API_TOKEN)), "no token in the log");
    }

    /** The first dollar figure of a table row's text. */
    private static double cost(String row) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$([0-9,]+\\.[0-9]{2})").matcher(row);
        assertTrue(m.find(), row);
        return Double.parseDouble(m.group(1).replace(",", ""));
    }

    /** The first series' points as the chart holds them. */
    @SuppressWarnings("unchecked")
    private static List<List<Number>> plotted(String chart) {
        Object data = js("var c = window.dashboardCharts && window.dashboardCharts[arguments[0]];"
                + "return c ? c.getOption().series[0].data : [];", chart);
        return (List<List<Number>>) data;
    }

    @SuppressWarnings("unchecked")
    private static List<String> changeLabels() {
        Object labels = js("var c = window.dashboardCharts && window.dashboardCharts['memory-chart'];"
                + "if (!c) return []; var m = c.getOption().series[0].markLine; return m ? m.data.map(function (d) { return d.short || (d[0] && d[0].short); }) : [];");
        return (List<String>) labels;
    }
}
