package io.redisscale.collector.dashboard;

import io.redisscale.events.Events;

/** Data for a page's {@code <script type="application/json">} element (the charts read it). */
final class ScriptJson {
    private ScriptJson() {}

    /** The value as JSON with "<" escaped, so no value can end the element. */
    static String of(Object value) {
        return Events.write(value).replace("<", "\\u003c");
    }
}
