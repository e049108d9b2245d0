package org.hpcmfa.keycloak.it.cluster;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The scale bench's curves as one SVG (no plotting package needed): one small panel per figure, users on the x axis,
 * each panel's y axis from zero to its own maximum, so a flat cost reads as a flat line whatever its unit.
 */
final class ScaleCurves {

    /** One plotted figure: its title and how to read it from a row. */
    record Series(String title, ToDoubleFunction<ScaleRow> value) {
    }

    static final List<Series> SERIES = List.of(
            new Series("census, ms", r -> r.censusMillis()),
            new Series("heap after census, MB", r -> r.heapAfterCensusMb()),
            new Series("sign p50, ms", r -> r.signP50()),
            new Series("login p50, ms", r -> r.loginP50()),
            new Series("KRL build (5% revoked), ms", r -> r.krl5Millis()),
            new Series("1,000 nodes polling the KRL, % of a core", r -> r.polling().cpuPercent()));

    private static final int COLUMNS = 3;
    private static final int PANEL_W = 300;
    private static final int PANEL_H = 190;
    private static final int LEFT = 48;
    private static final int TOP = 30;
    private static final int PLOT_W = PANEL_W - LEFT - 16;
    private static final int PLOT_H = PANEL_H - TOP - 34;

    private final List<ScaleRow> rows;

    ScaleCurves(List<ScaleRow> rows) {
        this.rows = rows.stream().sorted((a, b) -> Integer.compare(a.users(), b.users())).toList();
    }

    String svg() {
        int panelRows = (SERIES.size() + COLUMNS - 1) / COLUMNS;
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
                        + "font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                COLUMNS * PANEL_W, panelRows * PANEL_H));
        for (int i = 0; i < SERIES.size(); i++) {
            panel(out, SERIES.get(i), (i % COLUMNS) * PANEL_W, (i / COLUMNS) * PANEL_H);
        }
        return out.append("</svg>\n").toString();
    }

    private void panel(StringBuilder out, Series series, int x0, int y0) {
        double maxX = rows.isEmpty() ? 1 : rows.get(rows.size() - 1).users();
        double maxY = rows.stream().mapToDouble(series.value()).max().orElse(0);
        maxY = maxY <= 0 ? 1 : maxY * 1.15;
        int left = x0 + LEFT;
        int bottom = y0 + TOP + PLOT_H;
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n",
                x0 + 8, y0 + 16, escape(series.title())));
        out.append(String.format(Locale.ROOT, "<path d=\"M%d %d V%d H%d\" stroke=\"#555\" fill=\"none\"/>%n",
                left, y0 + TOP, bottom, left + PLOT_W));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                left - 4, y0 + TOP + 4, number(maxY)));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>%n",
                left - 4, bottom + 4));
        StringBuilder line = new StringBuilder();
        for (ScaleRow row : rows) {
            double x = left + PLOT_W * row.users() / maxX;
            double y = bottom - PLOT_H * series.value().applyAsDouble(row) / maxY;
            line.append(line.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#1f5fa8\"/>%n", x, y));
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#1f5fa8\">"
                    + "%s</text>%n", x, y - 6, number(series.value().applyAsDouble(row))));
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x, bottom + 14, users(row.users())));
        }
        if (line.length() > 0) {
            out.append("<path d=\"").append(line).append("\" stroke=\"#1f5fa8\" stroke-width=\"2\" fill=\"none\"/>\n");
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">users"
                + "</text>%n", left + PLOT_W / 2, bottom + 28));
    }

    private static String users(int users) {
        return users >= 1000 && users % 1000 == 0 ? users / 1000 + "k" : String.valueOf(users);
    }

    private static String number(double value) {
        return value >= 10 || value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
