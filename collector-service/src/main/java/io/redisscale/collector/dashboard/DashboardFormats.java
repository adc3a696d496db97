package io.redisscale.collector.dashboard;

import io.quarkus.qute.TemplateExtension;
import io.redisscale.events.Figures;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** How the dashboard writes figures: {@code {fmt:usd(x)}}, {@code {fmt:mb(x)}}, {@code {fmt:time(x)}}. */
@TemplateExtension(namespace = "fmt")
public final class DashboardFormats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** A sortable column of the fleet page. */
    public record Column(String key, String label) {}

    private static final List<Column> COLUMNS = List.of(new Column("name", "Instance"), new Column("provider", "Provider"),
            new Column("plan", "Plan"), new Column("memory", "Memory"), new Column("connections", "Connections"),
            new Column("state", "State"), new Column("price", "Price a month"), new Column("saved", "Saved this month"));

    private DashboardFormats() {}

    static List<Column> columns() {
        return COLUMNS;
    }

    /** A query parameter's value, encoded for a link ({@code q} is the user's text). */
    static String url(String value) {
        return java.net.URLEncoder.encode(value == null ? "" : value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A price, written as every service writes one ({@link Figures#usd}); a dash when there is none. */
    static String usd(Object amount) {
        return amount == null ? "–" : Figures.usd(((Number) amount).doubleValue());
    }

    static String mb(Object bytes) {
        return bytes == null ? "–" : Figures.mb(((Number) bytes).doubleValue());
    }

    static String num(Object value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.3f", ((Number) value).doubleValue());
    }

    /** An instant, or the ISO text another service sent, as a UTC time. */
    static String time(Object at) {
        if (at == null) {
            return "–";
        }
        Instant i = at instanceof Instant x ? x : Instant.parse(at.toString());
        return TIME.format(i);
    }

}
