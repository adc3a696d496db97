package io.redisscale.collector.dashboard;

import io.redisscale.collector.polling.SampleEntity;
import io.redisscale.collector.registry.Instances;
import io.redisscale.collector.registry.Requests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.MetricSample;
import io.redisscale.testsupport.ApiAuth;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dashboard over HTTP on the real database: the sign-in and its cookie, the pages behind it, and
 * settings refused with the API's own field errors. (The browser suite in e2e drives it in Chromium.)
 */
@QuarkusTest
class DashboardIT {
    @Inject
    Instances instances;

    @BeforeEach
    void noToken() {
        ApiAuth.noToken();
    }

    @AfterEach
    void token() {
        ApiAuth.useTestToken();
    }

    private static String signIn() {
        Response r = given().redirects().follow(false).formParam("token", "test-token").formParam("next", "/ui")
                .post("/ui/sign-in");
        r.then().statusCode(303).header("Location", containsString("/ui"));
        return r.getCookie(SessionCookie.NAME);
    }

    @Test
    void theRootLeadsToTheDashboard() {
        // Heroku's "Open app" opens /: the dashboard (its sign-in when there is no session), not a 404.
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/ui"));
        given().redirects().follow(false).get("/nothing-here").then().statusCode(404);
    }

    @Test
    void signingInSetsAStrictHttpOnlyCookieThatHoldsNoToken() {
        Response r = given().redirects().follow(false).formParam("token", "test-token").formParam("next", "/ui/what-if")
                .post("/ui/sign-in");
        r.then().statusCode(303).header("Location", containsString("/ui/what-if"));
        String setCookie = r.getHeader("Set-Cookie");
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/ui"), setCookie);
        assertFalse(setCookie.contains("test-token"), setCookie);

        given().redirects().follow(false).formParam("token", "wrong").post("/ui/sign-in").then().statusCode(401)
                .body(containsString("not one of the API tokens")).header("Set-Cookie", org.hamcrest.Matchers.nullValue());
    }

    @ParameterizedTest(name = "{0} without a session -> sign-in")
    @CsvSource({"/ui", "/ui/what-if", "/ui/instances/new"})
    void pagesWithoutASessionGoToTheSignIn(String path) {
        given().redirects().follow(false).get(path).then().statusCode(303)
                .header("Location", containsString("/ui/sign-in?next=" + java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8)));
        given().redirects().follow(false).cookie(SessionCookie.NAME, "0102.99999999999.forged").get(path).then().statusCode(303);
    }

    @ParameterizedTest(name = "next={0} -> {1}")
    @CsvSource(value = {"/ui/what-if|/ui/what-if", "https://evil.example/|/ui", "//evil.example/ui|/ui", "/uix\\..|/ui", "''|/ui"},
            delimiter = '|', emptyValue = "")
    void onlyDashboardPathsAreFollowedAfterSignIn(String next, String expected) {
        assertEquals(expected, SignInPage.safeNext(next.isEmpty() ? null : next));
    }

    @Test
    void theFleetShowsLoadStateAndPriceAndTheInstancePageItsHistory() {
        UUID id = instances.create(Requests.local("dash-fleet", "redis://:s3cret@127.0.0.1:1").plan("rediscloud:100")
                .memoryThresholdPercent(80).build(), false).id;
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        QuarkusTransaction.requiringNew().run(() -> {
            SampleEntity.of(sample(id, t.minusSeconds(60), 50_000_000L)).persist();
            SampleEntity.of(sample(id, t.minusSeconds(30), 90_000_000L)).persist();
        });
        String cookie = signIn();
        String fleet = given().cookie(SessionCookie.NAME, cookie).get("/ui?sort=memory&dir=desc").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertTrue(fleet.contains("dash-fleet"), fleet);
        // 90 MB of 100 MB, over the 80 % threshold: a word, not only a colour.
        String row = fleet.substring(fleet.indexOf("data-instance=\"" + id + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertTrue(row.contains(">breach<") && row.contains("90%"), row);
        assertFalse(fleet.contains("s3cret"));
        // A fleet of thousands is read a page at a time, or by name: the filter keeps the sort in its links.
        String found = given().cookie(SessionCookie.NAME, cookie).queryParam("q", "DASH-fl").queryParam("sort", "memory")
                .get("/ui").then().statusCode(200).extract().asString();
        assertTrue(found.contains("data-instance=\"" + id + "\"") && found.contains("1–1 of 1 whose name contains “DASH-fl”"), found);
        assertTrue(found.contains("href=\"/ui?sort=memory&dir=desc&q=DASH-fl\""), found);
        String edited = given().cookie(SessionCookie.NAME, cookie).queryParam("q", "dash-fleet").queryParam("page", "two")
                .get("/ui").then().statusCode(200).extract().asString();
        assertTrue(edited.contains("1–1 of 1"), edited);
        String none = given().cookie(SessionCookie.NAME, cookie).queryParam("q", "no-such-<name>").get("/ui").then().statusCode(200)
                .extract().asString();
        assertFalse(none.contains("data-instance="), none);
        assertTrue(none.contains("No instance's name contains “no-such-&lt;name&gt;”"), none);

        String page = given().cookie(SessionCookie.NAME, cookie).get("/ui/instances/" + id + "?range=hour").then().statusCode(200)
                .extract().asString();
        // The embedded chart data are the stored samples; the other services are not running here: said so.
        assertTrue(page.contains("[" + t.minusSeconds(60).toEpochMilli() + ",50000000]"), page);
        assertTrue(page.contains("[" + t.minusSeconds(30).toEpochMilli() + ",90000000]"), page);
        assertTrue(page.contains("the decision service did not answer"), page);
        assertFalse(page.contains("s3cret"));
        given().cookie(SessionCookie.NAME, cookie).get("/ui/instances/" + id + "/metrics.csv").then().statusCode(200)
                .body(containsString(t.minusSeconds(30).getEpochSecond() + ",90000000,"));
        instances.delete(id);
    }

    @Test
    void settingsAreSavedThroughTheApiRulesAndABadValueIsShownBesideItsField() {
        UUID id = instances.create(Requests.local("dash-settings", "redis://127.0.0.1:1").build(), false).id;
        String cookie = signIn();
        String form = given().cookie(SessionCookie.NAME, cookie).get("/ui/instances/" + id + "/settings").then().statusCode(200)
                .extract().asString();
        assertTrue(form.contains("name=\"memoryThresholdPercent\""), form);

        String refused = given().cookie(SessionCookie.NAME, cookie).redirects().follow(false)
                .formParam("memoryThresholdPercent", "150").formParam("connectionThresholdPercent", "80")
                .formParam("metricRateSeconds", "abc").formParam("scalingRateSeconds", "60").formParam("scalingEnabled", "on")
                .post("/ui/instances/" + id + "/settings").then().statusCode(422).extract().asString();
        assertTrue(refused.contains("id=\"error-metricRateSeconds\">must be a whole number"), refused);
        // The typed values stay in the form.
        assertTrue(refused.contains("value=\"150\""), refused);

        String outOfRange = given().cookie(SessionCookie.NAME, cookie).redirects().follow(false)
                .formParam("memoryThresholdPercent", "150").formParam("connectionThresholdPercent", "80")
                .formParam("metricRateSeconds", "30").formParam("scalingRateSeconds", "60").formParam("scalingEnabled", "on")
                .post("/ui/instances/" + id + "/settings").then().statusCode(422).extract().asString();
        String apiMessage = given().header("Authorization", "Bearer test-token").contentType("application/merge-patch+json")
                .body("{\"memoryThresholdPercent\":150}").patch("/api/v1/instances/" + id).then().statusCode(422)
                .extract().path("errors.find { it.field == 'memoryThresholdPercent' }.message");
        assertTrue(outOfRange.contains("id=\"error-memoryThresholdPercent\">" + apiMessage), outOfRange);

        given().cookie(SessionCookie.NAME, cookie).redirects().follow(false)
                .formParam("memoryThresholdPercent", "70").formParam("connectionThresholdPercent", "75")
                .formParam("metricRateSeconds", "30").formParam("scalingRateSeconds", "60").formParam("dryRun", "on")
                .formParam("recipients", "a@example.com, b@example.com")
                .post("/ui/instances/" + id + "/settings").then().statusCode(303);
        given().header("Authorization", "Bearer test-token").get("/api/v1/instances/" + id).then().statusCode(200)
                .body("memoryThresholdPercent", equalTo(70)).body("connectionThresholdPercent", equalTo(75))
                .body("scalingEnabled", equalTo(false)).body("dryRun", equalTo(true))
                .body("recipients", equalTo(java.util.List.of("a@example.com", "b@example.com")));
        instances.delete(id);
    }

    /** A schedule typed into the settings is checked by the API's rules, saved, and drawn as the coming week. */
    @Test
    void aScheduleIsSetFromTheSettingsAndDrawnAsAWeek() {
        UUID id = instances.create(Requests.local("dash-schedule", "redis://127.0.0.1:1").build(), false).id;
        String cookie = signIn();
        String bad = given().cookie(SessionCookie.NAME, cookie).redirects().follow(false)
                .formParam("memoryThresholdPercent", "80").formParam("connectionThresholdPercent", "80")
                .formParam("metricRateSeconds", "30").formParam("scalingRateSeconds", "60")
                .formParam("schedule", "{\"ranges\": [{\"cron\": \"at two\", \"durationMinutes\": 60, \"minPlan\": \"rediscloud:100\"}]}")
                .post("/ui/instances/" + id + "/settings").then().statusCode(422).extract().asString();
        assertTrue(bad.contains("id=\"error-schedule\">ranges[0].cron: not a cron expression"), bad);

        given().cookie(SessionCookie.NAME, cookie).redirects().follow(false)
                .formParam("memoryThresholdPercent", "80").formParam("connectionThresholdPercent", "80")
                .formParam("metricRateSeconds", "30").formParam("scalingRateSeconds", "60")
                .formParam("schedule", "{\"timeZone\": \"Europe/Berlin\", \"ranges\": [{\"name\": \"nightly\", \"days\": "
                        + "[\"MON\", \"TUE\", \"WED\", \"THU\", \"FRI\", \"SAT\", \"SUN\"], \"from\": \"02:00\", \"to\": \"04:00\", \"minPlan\": \"rediscloud:100\"}]}")
                .post("/ui/instances/" + id + "/settings").then().statusCode(303)
                .header("Location", containsString("schedule"));
        given().header("Authorization", "Bearer test-token").get("/api/v1/instances/" + id).then().statusCode(200)
                .body("schedule.timeZone", equalTo("Europe/Berlin")).body("schedule.ranges[0].name", equalTo("nightly"));
        String page = given().cookie(SessionCookie.NAME, cookie).get("/ui/instances/" + id + "/settings").then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains("id=\"schedule-week\""), page);
        // Two hours a day, seven days.
        assertEquals(14, page.split("<td class=\"min\"", -1).length - 1, page);
        assertTrue(page.contains("02:00 at least rediscloud:100 (nightly)"), page);

        // Cleared: no schedule, no week.
        given().cookie(SessionCookie.NAME, cookie).redirects().follow(false)
                .formParam("memoryThresholdPercent", "80").formParam("connectionThresholdPercent", "80")
                .formParam("metricRateSeconds", "30").formParam("scalingRateSeconds", "60").formParam("schedule", "")
                .post("/ui/instances/" + id + "/settings").then().statusCode(303);
        given().header("Authorization", "Bearer test-token").get("/api/v1/instances/" + id).then()
                .body("schedule.ranges.size()", equalTo(0));
        instances.delete(id);
    }

    @Test
    void aFormPostedFromAnotherOriginIsRefused() {
        UUID id = instances.create(Requests.local("dash-origin", "redis://127.0.0.1:1").build(), false).id;
        given().cookie(SessionCookie.NAME, signIn()).header("Origin", "https://evil.example").redirects().follow(false)
                .formParam("memoryThresholdPercent", "10").post("/ui/instances/" + id + "/settings").then().statusCode(403);
        instances.delete(id);
    }

    /** Signing out ends the session on the server: the same cookie, copied before, opens nothing. An operator ends one too. */
    @Test
    void signingOutEndsTheSessionOnTheServerAndAnOperatorCanEndOne() {
        String copied = signIn();
        given().cookie(SessionCookie.NAME, copied).redirects().follow(false).get("/ui").then().statusCode(200);
        given().cookie(SessionCookie.NAME, copied).redirects().follow(false).post("/ui/sign-out").then().statusCode(303);
        given().cookie(SessionCookie.NAME, copied).redirects().follow(false).get("/ui").then().statusCode(303)
                .header("Location", containsString("/ui/sign-in"));

        String other = signIn();
        String id = SessionCookie.id(other);
        given().header("Authorization", "Bearer test-token").get("/api/v1/sessions").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem(id));
        given().header("Authorization", "Bearer viewer-token").delete("/api/v1/sessions/" + id).then().statusCode(403);
        given().header("Authorization", "Bearer test-token").delete("/api/v1/sessions/" + id).then().statusCode(204);
        given().cookie(SessionCookie.NAME, other).redirects().follow(false).get("/ui").then().statusCode(303);
        given().header("Authorization", "Bearer test-token").delete("/api/v1/sessions/" + id).then().statusCode(404);
    }

    /** A viewer token signs in and reads every page; a form that changes something answers 403. */
    @Test
    void aViewersSessionReadsButChangesNothing() {
        Response in = given().redirects().follow(false).formParam("token", "viewer-token").formParam("next", "/ui").post("/ui/sign-in");
        in.then().statusCode(303);
        String viewer = in.getCookie(SessionCookie.NAME);
        given().cookie(SessionCookie.NAME, viewer).redirects().follow(false).get("/ui").then().statusCode(200);
        given().cookie(SessionCookie.NAME, viewer).redirects().follow(false)
                .formParam("name", "viewer-new").formParam("provider", "local").formParam("redisUrl", "redis://127.0.0.1:1")
                .formParam("plan", "rediscloud:30").post("/ui/instances/new").then().statusCode(403);
        given().header("Authorization", "Bearer test-token").get("/api/v1/instances").then().statusCode(200)
                .body("name", not(org.hamcrest.Matchers.hasItem("viewer-new")));
    }

    @Test
    void anInstanceIsRegisteredFromThePageAndItsPasswordNeverComesBack() {
        String cookie = signIn();
        String refused = given().cookie(SessionCookie.NAME, cookie).redirects().follow(false)
                .formParam("name", "dash-new").formParam("provider", "local").formParam("redisUrl", "redis://:hunter2@127.0.0.1:1")
                .formParam("plan", "rediscloud:nope").formParam("scalingEnabled", "on")
                .post("/ui/instances/new").then().statusCode(422).extract().asString();
        assertTrue(refused.contains("id=\"error-plan\""), refused);
        assertFalse(refused.contains("hunter2"), "the URL's password is not sent back");

        Response ok = given().cookie(SessionCookie.NAME, cookie).redirects().follow(false)
                .formParam("name", "dash-new").formParam("provider", "local").formParam("redisUrl", "redis://:hunter2@127.0.0.1:1")
                .formParam("plan", "rediscloud:30").formParam("scalingEnabled", "on").post("/ui/instances/new");
        ok.then().statusCode(303);
        UUID id = UUID.fromString(ok.getHeader("Location").replaceAll(".*/ui/instances/", ""));
        given().header("Authorization", "Bearer test-token").get("/api/v1/instances/" + id).then().statusCode(200)
                .body("name", equalTo("dash-new")).body("redisUrl", not(containsString("hunter2")));
        instances.delete(id);
    }

    @Test
    void theChartLibraryIsServedFromTheJarInAVersionWithoutTheTooltipXss() {
        String library = given().get("/vendor/echarts-5.6.0/echarts.min.js").then().statusCode(200).extract().asString();
        java.util.regex.Matcher v = java.util.regex.Pattern.compile("version=\"(\\d+)\\.(\\d+)\\.(\\d+)\"").matcher(library);
        assertTrue(v.find(), "the library names its version");
        int[] version = {Integer.parseInt(v.group(1)), Integer.parseInt(v.group(2)), Integer.parseInt(v.group(3))};
        assertTrue(java.util.Arrays.compare(version, new int[] {5, 5, 1}) >= 0, "ECharts " + v.group() + " (SNYK-JS-ECHARTS-7300340 before 5.5.1)");
        // Tooltip text from the data is escaped before it becomes markup.
        given().get("/dashboard/dashboard.js").then().statusCode(200).body(containsString("dashboardCharts"))
                .body(containsString("echarts.format.encodeHTML(p.data.reason"));
    }

    @Test
    void everyPageSaysWhatTheBrowserMayRunAndThatNoOneMayFrameIt() {
        for (String page : java.util.List.of("/ui/sign-in", "/ui")) {
            given().redirects().follow(false).get(page).then()
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Frame-Options", "DENY").header("X-Content-Type-Options", "nosniff")
                    .header("Cache-Control", "no-store");
        }
        // And no template holds an inline script or handler that the policy would have to allow.
        try (var templates = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/templates/dashboard"))) {
            for (java.nio.file.Path t : templates.toList()) {
                String html = java.nio.file.Files.readString(t);
                assertFalse(html.matches("(?s).*<script(?![^>]*(src=|type=\"application/json\"))[^>]*>.*"), t + " has an inline script");
                assertFalse(html.matches("(?s).*\\son[a-z]+=.*"), t + " has an inline event handler");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static MetricSample sample(UUID id, Instant at, long memory) {
        return new MetricSample(UUID.randomUUID(), id, at, MetricSample.Status.ok, null, memory, 10, "rediscloud:100",
                100_000_000L, 256, null, null, null, null);
    }
}
