package io.redisscale.events;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How every service writes a size and a price for people (decision sentences, emails, the dashboard):
 * megabytes with one decimal ({@code 1,234.5 MB}) and dollars with cents ({@code $1,234.50}), thousands
 * grouped, rounded half up. Built by hand rather than with a {@code Formatter}: the decision loop writes a
 * sentence per judged sample.
 */
public final class Figures {
    private Figures() {}

    /** Bytes as decimal megabytes with one decimal: {@code 1,234.5 MB}. */
    public static String mb(double bytes) {
        return fixed(bytes / 1e6, 10, 1) + " MB";
    }

    /** A dollar amount with cents: {@code $1,234.50}, {@code -$3.00}. */
    public static String usd(double amount) {
        String digits = fixed(amount, 100, 2);
        return digits.startsWith("-") ? "-$" + digits.substring(1) : "$" + digits;
    }

    /** {@code value} rounded half up to {@code decimals} places ({@code scale} = 10^decimals), thousands grouped. */
    private static String fixed(double value, long scale, int decimals) {
        // The double's shortest decimal rounded half up, as the JDK's Formatter does (value * scale would drift).
        long units = BigDecimal.valueOf(Math.abs(value)).setScale(decimals, RoundingMode.HALF_UP).unscaledValue().longValueExact();
        StringBuilder out = new StringBuilder(24);
        if (value < 0 && units > 0) {
            out.append('-');
        }
        String whole = Long.toString(units / scale);
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(whole.charAt(i));
        }
        String fraction = Long.toString(scale + units % scale); // a leading 1 keeps the fraction's zeros
        return out.append('.').append(fraction, 1, 1 + decimals).toString();
    }
}
