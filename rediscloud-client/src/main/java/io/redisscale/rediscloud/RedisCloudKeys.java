package io.redisscale.rediscloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Redis Cloud account's API keys: the account key and a user key. Sealed as their JSON in the instance's
 * settings ({@link #toJson}, {@link #fromJson}); never logged, never returned.
 */
public record RedisCloudKeys(String apiKey, String secretKey) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the keys", e);
        }
    }

    public static RedisCloudKeys fromJson(String json) {
        try {
            return JSON.readValue(json, RedisCloudKeys.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the sealed Redis Cloud keys cannot be read"); // never the text itself
        }
    }

    /** Which account, for logs and budgets: the first characters of the account key only. */
    public String account() {
        return apiKey == null ? "?" : apiKey.substring(0, Math.min(6, apiKey.length())) + "…";
    }

    @Override
    public String toString() {
        return "RedisCloudKeys[" + account() + "]";
    }
}
