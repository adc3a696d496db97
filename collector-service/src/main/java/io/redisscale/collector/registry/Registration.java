package io.redisscale.collector.registry;

/**
 * A registration that passed {@link RegistrationRules}: {@code settings} has every default filled and
 * every field checked (its {@code redisUrl} is the full URL, password included); the add-on and service
 * are what Heroku or the catalog said.
 */
record Registration(InstanceRequest settings, String addonId, String service) {}
