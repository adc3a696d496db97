/**
 * The registered instances: the {@code /api/v1/instances} API ({@code InstanceResource}), the rules a
 * registration is checked against ({@code RegistrationRules}), JSON merge patches, the instance rows and
 * their one mapper ({@code InstanceMapper}), sealed Redis URLs, and the listeners that keep each
 * instance's live state (its last command and outcome). {@code Instances} is the entry point: every
 * change of an instance goes through it and is published on {@code autoscaler.instances} by the outbox.
 *
 * <p>May use: {@code plans}, {@code polling} (a new instance's first poll, its samples for the API),
 * {@code heroku} (resolving an add-on), {@code savings} (the plan history). Not the dashboard.
 */
package io.redisscale.collector.registry;
