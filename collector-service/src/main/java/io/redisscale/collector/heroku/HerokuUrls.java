package io.redisscale.collector.heroku;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Redis URLs of Heroku instances, read from their apps' config vars and cached for polling. A URL may
 * rotate: the first failed poll reads it again at once; while polls keep failing (an outage, not a
 * rotation) the reads thin out, 1, 2, 4 ... up to 15 minutes apart, so a long outage costs a few Heroku
 * calls an hour, not one per poll.
 */
@ApplicationScoped
public class HerokuUrls {
    static final Duration FIRST_REREAD_WAIT = Duration.ofMinutes(1);
    static final Duration LONGEST_REREAD_WAIT = Duration.ofMinutes(15);

    private final HerokuResolver heroku;
    private final Map<UUID, String> urls = new ConcurrentHashMap<>();
    /** Per instance whose polls fail: when its URL may be forgotten again, and the wait after that. */
    private final Map<UUID, Instant> rereadNotBefore = new ConcurrentHashMap<>();
    private final Map<UUID, Duration> rereadBackoff = new ConcurrentHashMap<>();

    HerokuUrls(HerokuResolver heroku) {
        this.heroku = heroku;
    }

    /** The instance's URL as last read, or null when it is to be read. */
    public String cached(UUID id) {
        return urls.get(id);
    }

    /** Reads the URL from the app's config var (a Heroku call; throws when it fails) and keeps it. */
    public String read(UUID id, String app, String configVar) {
        String url = heroku.redisUrl(app, configVar);
        urls.put(id, url);
        return url;
    }

    /** A poll of the instance answered: the URL holds, and the next failure reads it again at once. */
    public void answered(UUID id) {
        rereadNotBefore.remove(id);
        rereadBackoff.remove(id);
    }

    /** A poll of the instance failed at {@code at}: the URL is read again before the next poll, unless one was read lately. */
    public void pollFailed(UUID id, Instant at) {
        if (!urls.containsKey(id) || at.isBefore(rereadNotBefore.getOrDefault(id, Instant.MIN))) {
            return;
        }
        urls.remove(id);
        Duration wait = rereadBackoff.merge(id, FIRST_REREAD_WAIT,
                (previous, first) -> previous.multipliedBy(2).compareTo(LONGEST_REREAD_WAIT) > 0
                        ? LONGEST_REREAD_WAIT : previous.multipliedBy(2));
        rereadNotBefore.put(id, at.plus(wait));
    }

    /** The instance is no longer polled here (deleted, or another replica's). */
    public void forget(UUID id) {
        urls.remove(id);
        rereadNotBefore.remove(id);
        rereadBackoff.remove(id);
    }
}
