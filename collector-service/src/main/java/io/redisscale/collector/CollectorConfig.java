package io.redisscale.collector;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "collector")
public interface CollectorConfig {
    /** Recipients for instances that name none (RECIPIENTS), comma-separated. */
    Optional<String> defaultRecipients();


    /**
     * Instances as code at start (COLLECTOR_INSTANCES_FILE): a file the collector applies when it starts (on
     * Kubernetes a ConfigMap mounted in the pod), its {@code ${VARIABLE}} references filled from the environment.
     */
    Optional<String> instancesFile();

    /** With {@link #instancesFile()}: delete the instances the file does not declare (COLLECTOR_INSTANCES_PRUNE). */
    @WithDefault("false")
    boolean instancesPrune();

    /** HEROKU_API_KEY, to resolve Heroku add-ons; never logged. */
    Optional<String> herokuApiKey();

    /**
     * Where the ElastiCache API is reached to check a registration (COLLECTOR_ELASTICACHE_ENDPOINT): unset, AWS's
     * endpoint of the group's region; set, a stand-in or LocalStack.
     */
    Optional<String> elasticacheEndpoint();

    /** Consecutive failed polls before an unreachable alert. */
    int unreachableAfter();

    /** Days of samples kept (N_RETENTION_DAYS); older ones are purged by a scheduled job. */
    int retentionDays();

    /**
     * Days of the savings ledger kept (COLLECTOR_LEDGER_KEEP_DAYS): the daily peaks and the plan history, one
     * row per instance and day or change, a savings report can look back this far (two years: a month against
     * the same month a year before, with room).
     */
    @WithDefault("730")
    int ledgerKeepDays();

    /**
     * How often the Redis Cloud catalogs are read again between registrations (COLLECTOR_REDISCLOUD_CATALOG_REFRESH;
     * "off" in the tests, which call it): RedisCloudCatalogRefresher.
     */
    @WithDefault("6h")
    String rediscloudCatalogRefresh();

    /** How often old samples are purged (COLLECTOR_RETENTION_INTERVAL; "off" in the tests, which call it). */
    @WithDefault("1h")
    String retentionInterval();

    /** How often the samples of closed hours are packed (COLLECTOR_PACK_INTERVAL; "off" in the tests, which call it). */
    @WithDefault("5m")
    String packInterval();

    /** How often URLs under an old key are re-sealed (COLLECTOR_RESEAL_INTERVAL). */
    @WithDefault("10m")
    String resealInterval();

    /** How often new samples are folded into the savings ledger (COLLECTOR_LEDGER_INTERVAL). */
    @WithDefault("1m")
    Duration ledgerInterval();

    /**
     * The poll periods, in seconds, an instance may choose (COLLECTOR_METRIC_RATES). 30 s is the floor a
     * production fleet should keep (each poll is an INFO call on the user's Redis); tests of replicas
     * run on a 5 s cycle.
     */
    @WithDefault("30,60,300")
    java.util.List<Integer> metricRates();

    /** Longest a single INFO poll may take. */
    Duration pollTimeout();

    /** How often a Heroku add-on's plan is read, to notice changes made by hand (stretched to fit the budget). */
    @WithDefault("15m")
    Duration herokuPlanRefresh();

    /** Calls an hour the collector may spend on plan reads, out of the account's 4,500. */
    @WithDefault("1800")
    int herokuHourlyCalls();

    /** Background plan reads wait while the account has fewer calls than this left (RateLimit-Remaining). */
    @WithDefault("900")
    int herokuBackgroundFloor();

    /** First pause after a 429; each further 429 in a row doubles it, up to ten minutes. */
    @WithDefault("60s")
    Duration herokuRateLimitPause();

    /** Consumer group through which collector replicas split the instances. */
    @WithDefault("collector-pollers")
    String ownershipGroup();

    /** How long a silent replica keeps its instances before the others take them over. */
    @WithDefault("10s")
    Duration ownershipSessionTimeout();

    /** How often the background plan reads look for add-ons whose turn it is. */
    @WithDefault("5s")
    Duration herokuRefreshTick();

    /** How long a dashboard sign-in lasts (DASHBOARD_SESSION). */
    Duration dashboardSession();
}
