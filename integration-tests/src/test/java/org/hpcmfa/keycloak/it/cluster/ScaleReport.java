package org.hpcmfa.keycloak.it.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The scale bench's table: aligned text for the console, Markdown for the docs, CSV, and the curves (SVG). */
final class ScaleReport {

    private final List<ScaleRow> rows;

    ScaleReport(List<ScaleRow> rows) {
        this.rows = rows;
    }

    String text() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(ScaleRow.HEADERS);
        rows.forEach(row -> lines.add(row.cells()));
        int[] widths = new int[ScaleRow.HEADERS.size()];
        lines.forEach(line -> {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                out.append(String.format("%" + widths[i] + "s", line.get(i))).append(i + 1 < line.size() ? " | " : "\n");
            }
        }
        return out.toString();
    }

    String markdown() {
        StringBuilder out = new StringBuilder("| " + String.join(" | ", ScaleRow.HEADERS) + " |\n");
        out.append(ScaleRow.HEADERS.stream().map(h -> "---:").collect(Collectors.joining("|", "|", "|\n")));
        rows.forEach(row -> out.append("| ").append(String.join(" | ", row.cells())).append(" |\n"));
        return out.toString();
    }

    String csv() {
        StringBuilder out = new StringBuilder(ScaleRow.HEADERS.stream().map(h -> "\"" + h + "\"")
                .collect(Collectors.joining(",")) + "\n");
        rows.forEach(row -> out.append(row.cells().stream().map(c -> c.contains("/") ? "\"" + c + "\"" : c)
                .collect(Collectors.joining(","))).append("\n"));
        return out.toString();
    }

    void write(Path directory) throws Exception {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("scale.md"), markdown());
        Files.writeString(directory.resolve("scale.csv"), csv());
        Files.writeString(directory.resolve("scale.svg"), new ScaleCurves(rows).svg());
    }
}
