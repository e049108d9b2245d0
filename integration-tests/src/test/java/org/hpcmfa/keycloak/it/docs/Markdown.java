package org.hpcmfa.keycloak.it.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One markdown file of the documentation, read the way GitHub renders it: its headings' anchors, the links and
 * images outside code, and its fenced code blocks with the marker comment just above each.
 */
public final class Markdown {

    /** A link or image target as written, with the line it is on. */
    public record Link(int line, String target) {
    }

    /** A fenced code block: its first line number, the marker comment above it (or null), and its text. */
    public record CodeBlock(int line, String marker, String text) {
    }

    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern INLINE_CODE = Pattern.compile("(`+)(?:.+?)\\1");
    private static final Pattern LINK = Pattern.compile("!?\\[(?:[^\\]\\[]|\\[[^\\]]*\\])*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s+<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern HTML_TARGET = Pattern.compile("<(?:img|a|source)\\b[^>]*?\\s(?:src|href)=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\b[^>]*?\\s(?:id|name)=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*(.*?)\\s*-->\\s*$");

    public final Path file;
    public final Set<String> anchors = new LinkedHashSet<>();
    public final List<Link> links = new ArrayList<>();
    public final List<CodeBlock> codeBlocks = new ArrayList<>();

    private Markdown(Path file, List<String> lines) {
        this.file = file;
        Map<String, Integer> seen = new HashMap<>();
        StringBuilder block = null;
        String fence = null;
        int blockLine = 0;
        String marker = null;
        String previous = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher fenceMatch = FENCE.matcher(line);
            if (block != null) {
                if (fenceMatch.find() && fenceMatch.group(1).equals(fence) && line.trim().equals(fence)) {
                    codeBlocks.add(new CodeBlock(blockLine, marker, block.toString()));
                    block = null;
                } else {
                    block.append(line).append('\n');
                }
                continue;
            }
            if (fenceMatch.find()) {
                fence = fenceMatch.group(1);
                block = new StringBuilder();
                blockLine = i + 1;
                Matcher m = MARKER.matcher(previous);
                marker = m.matches() ? m.group(1) : null;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String anchor = anchor(heading.group(2));
                int n = seen.merge(anchor, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? anchor : anchor + "-" + n);
            }
            collect(i + 1, line);
            if (!line.isBlank()) {
                previous = line;
            }
        }
    }

    private void collect(int lineNumber, String line) {
        Matcher htmlAnchor = HTML_ANCHOR.matcher(line);
        while (htmlAnchor.find()) {
            anchors.add(htmlAnchor.group(1));
        }
        String text = INLINE_CODE.matcher(line).replaceAll("");
        for (Pattern pattern : List.of(LINK, REFERENCE, HTML_TARGET)) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                links.add(new Link(lineNumber, m.group(1)));
            }
        }
    }

    /** GitHub's heading anchor: rendered text, lower case, punctuation dropped, spaces as hyphens. */
    public static String anchor(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replaceAll("<[^>]+>", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
    }

    public static Markdown read(Path file) throws IOException {
        return new Markdown(file, Files.readAllLines(file));
    }

    public static Markdown parse(Path file, String text) {
        return new Markdown(file, List.of(text.split("\n", -1)));
    }

    /** Every markdown file of the project that a reader may open, outside build output and local state. */
    public static List<Path> projectFiles(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skipped = !dir.equals(root)
                        && (name.equals("target") || name.equals("node_modules") || name.startsWith("."));
                return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && file.toString().endsWith(".md")) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }
}
