package io.swarmhub.deploy.view;

import java.math.BigDecimal;
import java.math.MathContext;

/** Metric values as the browse views print them: six significant digits, no trailing zeros, "-" for none. */
public final class MetricText {
    private MetricText() {
    }

    /** {@code 4.12}, {@code 0.000123457}, {@code 1.23457e+09}, or {@code -} for NaN and infinities. */
    public static String format(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        if (v == 0) {
            return "0";
        }
        double abs = Math.abs(v);
        if (abs >= 1e7 || abs < 1e-4) {
            return String.format(java.util.Locale.ROOT, "%.5e", v).replaceFirst("\\.?0+e", "e");
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
