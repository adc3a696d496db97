package io.redisscale.collector.registry;

/**
 * What the provider says an instance being registered is, when it was asked (Heroku's add-on, Redis Cloud's
 * subscription): its id there (the add-on's; null when the provider has none of ours to keep), the service of its
 * plans, and the plan it is on.
 */
record ProviderView(String addonId, String service, String plan) {}
