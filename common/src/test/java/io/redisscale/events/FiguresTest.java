package io.redisscale.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FiguresTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0            | 0.0 MB",
            "49_999       | 0.0 MB",
            "50_000       | 0.1 MB",
            "25_000_000   | 25.0 MB",
            "999_950_000  | 1,000.0 MB",
            "1_234_560_000 | 1,234.6 MB",
            "-1_500_000   | -1.5 MB",
            "-10_000      | 0.0 MB"})
    void megabytes(String bytes, String expected) {
        assertEquals(expected, Figures.mb(Long.parseLong(bytes.replace("_", ""))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0        | $0.00",
            "15       | $15.00",
            "0.005    | $0.01",
            "12.5     | $12.50",
            "1234.5   | $1,234.50",
            "1000000  | $1,000,000.00",
            "-3       | -$3.00"})
    void dollars(double amount, String expected) {
        assertEquals(expected, Figures.usd(amount));
    }

    /** The same figures as the JDK's formatter would write (ROOT locale, grouped), over a sweep of values. */
    @ParameterizedTest
    @CsvSource({"1", "7.31", "999.999", "123456.789", "98765432.1"})
    void agreesWithTheFormatter(double base) {
        for (int k = 1; k < 500; k++) {
            double v = base * k / 7;
            assertEquals(String.format(Locale.ROOT, "$%,.2f", v), Figures.usd(v), "usd " + v);
            assertEquals(String.format(Locale.ROOT, "%,.1f MB", v * 1000), Figures.mb(v * 1e9), "mb " + v);
        }
    }
}
