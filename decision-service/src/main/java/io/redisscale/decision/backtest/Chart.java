package io.redisscale.decision.backtest;

import io.redisscale.events.Plan;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An SVG of a backtest: memory used, each policy's plan memory as a step line, the threshold, overflows. */
final class Chart {
    private static final int W = 1200;
    private static final int H = 520;
    private static final int L = 80;
    private static final int R = 200;
    private static final int T = 40;
    private static final int B = 50;
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b"};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d").withLocale(Locale.ROOT).withZone(ZoneOffset.UTC);

    record Series(String name, Timeline timeline) {}

    static String svg(Trace trace, Map<String, Plan> plans, List<Series> series, double thresholdPercent) {
        List<Trace.Point> pts = trace.points();
        long t0 = pts.get(0).at();
        long t1 = pts.get(pts.size() - 1).at();
        double maxMb = pts.stream().mapToLong(Trace.Point::memory).max().orElse(1) / 1e6;
        for (Series s : series) {
            for (Timeline.Entry e : s.timeline().entries()) {
                maxMb = Math.max(maxMb, plans.get(e.plan()).memoryBytes() / 1e6);
            }
        }
        maxMb *= 1.05;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s: memory used and plan memory (threshold %.0f%%)</text>%n",
                L, esc(trace.name()), thresholdPercent));
        axes(svg, t0, t1, maxMb);
        // Memory used: the peak of each pixel column, so no spike is lost.
        int cols = W - L - R;
        double[] peak = new double[cols];
        for (Trace.Point p : pts) {
            int c = (int) Math.min(cols - 1, (p.at() - t0) * (double) cols / Math.max(1, t1 - t0));
            peak[c] = Math.max(peak[c], p.memory() / 1e6);
        }
        StringBuilder used = new StringBuilder();
        for (int c = 0; c < cols; c++) {
            used.append(c == 0 ? "M" : "L").append(L + c).append(',').append(fmt(y(peak[c], maxMb)));
        }
        svg.append("<path d=\"").append(used).append("\" fill=\"none\" stroke=\"#444\" stroke-width=\"1\"/>\n");
        int i = 0;
        for (Series s : series) {
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder step = new StringBuilder();
            StringBuilder thr = new StringBuilder();
            List<Timeline.Entry> es = s.timeline().entries();
            for (int k = 0; k < es.size(); k++) {
                long from = Math.max(es.get(k).at(), t0);
                long to = k + 1 < es.size() ? es.get(k + 1).at() : t1;
                double mb = plans.get(es.get(k).plan()).memoryBytes() / 1e6;
                step.append(k == 0 ? "M" : "L").append(fmt(x(from, t0, t1))).append(',').append(fmt(y(mb, maxMb)))
                        .append("L").append(fmt(x(to, t0, t1))).append(',').append(fmt(y(mb, maxMb)));
                if (i == 0) {
                    thr.append("M").append(fmt(x(from, t0, t1))).append(',').append(fmt(y(mb * thresholdPercent / 100, maxMb)))
                            .append("L").append(fmt(x(to, t0, t1))).append(',').append(fmt(y(mb * thresholdPercent / 100, maxMb)));
                }
            }
            svg.append("<path d=\"").append(step).append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.6\"/>\n");
            if (i == 0) {
                svg.append("<path d=\"").append(thr).append("\" fill=\"none\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>\n");
            }
            overflowMarks(svg, trace, plans, s.timeline(), t0, t1, maxMb, colour);
            int ly = T + 20 + i * 20;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">%s plan</text>%n",
                    W - R + 15, ly, W - R + 40, ly, colour, W - R + 45, ly + 4, esc(s.name())));
            i++;
        }
        int ly = T + 20 + i * 20;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"4 3\"/><text x=\"%d\" y=\"%d\">%s threshold</text>%n",
                W - R + 15, ly, W - R + 40, ly, COLOURS[0], W - R + 45, ly + 4, esc(series.get(0).name())));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/><text x=\"%d\" y=\"%d\">memory used</text>%n",
                W - R + 15, ly + 20, W - R + 40, ly + 20, W - R + 45, ly + 24));
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"red\"/><text x=\"%d\" y=\"%d\">over plan memory</text>%n",
                W - R + 27, ly + 40, W - R + 45, ly + 44));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void overflowMarks(StringBuilder svg, Trace trace, Map<String, Plan> plans, Timeline tl, long t0, long t1,
                                      double maxMb, String colour) {
        int j = 0;
        List<Timeline.Entry> es = tl.entries();
        int lastX = -1;
        for (Trace.Point p : trace.points()) {
            while (j + 1 < es.size() && es.get(j + 1).at() <= p.at()) {
                j++;
            }
            Plan plan = plans.get(es.get(j).plan());
            int px = (int) x(p.at(), t0, t1);
            if (p.memory() > plan.memoryBytes() && px != lastX) {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%s\" r=\"3\" fill=\"red\" stroke=\"%s\"/>%n",
                        px, fmt(y(p.memory() / 1e6, maxMb)), colour));
                lastX = px;
            }
        }
    }

    private static void axes(StringBuilder svg, long t0, long t1, double maxMb) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", L, H - B, W - R, H - B));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", L, T, L, H - B));
        double step = niceStep(maxMb / 6);
        for (double v = 0; v <= maxMb; v += step) {
            double yy = y(v, maxMb);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%s\" x2=\"%d\" y2=\"%s\" stroke=\"#eee\"/><text x=\"%d\" y=\"%s\" text-anchor=\"end\">%s</text>%n",
                    L, fmt(yy), W - R, fmt(yy), L - 6, fmt(yy + 4), v >= 1000 ? String.format(Locale.ROOT, "%.1f GB", v / 1000) : String.format(Locale.ROOT, "%.0f MB", v)));
        }
        long days = Math.max(1, (t1 - t0) / 86400 / 10);
        for (long t = t0 - Math.floorMod(t0, 86400L) + 86400; t <= t1; t += days * 86400) {
            double xx = x(t, t0, t1);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\" stroke=\"#eee\"/><text x=\"%s\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    fmt(xx), T, fmt(xx), H - B, fmt(xx), H - B + 18, DAY.format(Instant.ofEpochSecond(t))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">date (UTC)</text>%n", (L + W - R) / 2, H - 10));
    }

    private static double niceStep(double raw) {
        double mag = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= raw) {
                return m * mag;
            }
        }
        return 10 * mag;
    }

    private static double x(long t, long t0, long t1) {
        return L + (t - t0) * (double) (W - L - R) / Math.max(1, t1 - t0);
    }

    private static double y(double mb, double maxMb) {
        return H - B - mb / maxMb * (H - B - T);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;");
    }

    private Chart() {}
}
