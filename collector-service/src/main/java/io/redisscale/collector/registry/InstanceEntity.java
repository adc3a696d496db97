package io.redisscale.collector.registry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import org.hibernate.annotations.DynamicUpdate;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One registered instance: the user's settings and the poller's state in one row. Updates write only the
 * columns they change ({@link DynamicUpdate}), so a poll that read the row before a user's edit cannot
 * write the old settings back, nor an edit the poll state.
 */
@Entity
@Table(name = "instance")
@DynamicUpdate
public class InstanceEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    public String provider;
    @Column(name = "heroku_app")
    public String herokuApp;
    @Column(name = "config_var")
    public String configVar;
    @Column(name = "addon_id")
    public String addonId;
    public String service;
    /** Redis Cloud subscription id (provider rediscloud). */
    @Column(name = "subscription_id")
    public String subscriptionId;
    @Column(name = "database_id")
    public String databaseId;
    /** The provider's API keys sealed (rediscloud); never shown. */
    @Column(name = "credentials_sealed")
    public String credentialsSealed;
    /** ElastiCache replication group and its AWS region (provider elasticache). */
    @Column(name = "replication_group_id")
    public String replicationGroupId;
    public String region;
    @Column(name = "redis_url_sealed")
    public String redisUrlSealed;
    @Column(name = "redis_url_display")
    public String redisUrlDisplay;
    public String plan;
    @Column(name = "metric_rate_seconds")
    public int metricRateSeconds;
    @Column(name = "scaling_rate_seconds")
    public int scalingRateSeconds;
    @Column(name = "memory_threshold_percent")
    public int memoryThresholdPercent;
    @Column(name = "connection_threshold_percent")
    public int connectionThresholdPercent;
    @Column(name = "scaling_enabled")
    public boolean scalingEnabled;
    @Column(name = "dry_run")
    public boolean dryRun;
    @Column(name = "min_plan")
    public String minPlan;
    @Column(name = "max_plan")
    public String maxPlan;
    /** The plan schedule as its JSON ({@code PlanSchedule}); null: none. */
    public String schedule;
    @Column(name = "notify_threshold_breach")
    public boolean notifyThresholdBreach;
    @Column(name = "notify_scaling_success")
    public boolean notifyScalingSuccess;
    @Column(name = "notify_scaling_failure")
    public boolean notifyScalingFailure;
    public String recipients;
    /** Accept a self-signed TLS certificate (Heroku Redis presents one); off unless the user opts in. */
    @Column(name = "tls_allow_self_signed")
    public boolean tlsAllowSelfSigned;
    @Column(name = "consecutive_failures")
    public int consecutiveFailures;
    public Boolean reachable;
    /** When the last poll started, by whichever replica: a replica taking the instance over goes on from it. */
    @Column(name = "last_polled_at")
    public Instant lastPolledAt;
    @Column(name = "last_decision_at")
    public Instant lastDecisionAt;
    /** The last scale command, as {@link DecisionView} JSON without its outcome. */
    @Column(name = "last_decision")
    public String lastDecision;
    @Column(name = "last_outcome_at")
    public Instant lastOutcomeAt;
    @Column(name = "last_outcome")
    public String lastOutcome;
    @Column(name = "last_outcome_command")
    public UUID lastOutcomeCommand;
    @Column(name = "last_outcome_note")
    public String lastOutcomeNote;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
