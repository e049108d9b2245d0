package org.hpcmfa.keycloak.it.docs;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the relative links of markdown files as GitHub would follow them: the file or folder exists inside the
 * repository, and an {@code #anchor} into a markdown file names one of its headings.
 */
public final class LinkCheck {

    private final Path root;
    private final Map<Path, Markdown> parsed = new HashMap<>();

    public LinkCheck(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** One line per broken link: {@code file:line: target: why}. */
    public List<String> problems(Markdown doc) throws IOException {
        parsed.put(doc.file.toAbsolutePath().normalize(), doc);
        List<String> problems = new ArrayList<>();
        for (Markdown.Link link : doc.links) {
            String why = check(doc, link.target());
            if (why != null) {
                problems.add(root.relativize(doc.file.toAbsolutePath().normalize()) + ":" + link.line() + ": "
                        + link.target() + ": " + why);
            }
        }
        return problems;
    }

    private String check(Markdown doc, String target) throws IOException {
        if (target.matches("(?i)^[a-z][a-z0-9+.-]*:.*")) {
            return null; // http:, https:, mailto: - outside the repository
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : URLDecoder.decode(target.substring(hash + 1), StandardCharsets.UTF_8);
        Path file = doc.file.toAbsolutePath().normalize();
        if (!path.isEmpty()) {
            if (path.startsWith("/")) {
                return "absolute path: GitHub resolves it against the site, not the repository";
            }
            file = file.getParent().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
            if (!file.startsWith(root)) {
                return "points outside the repository";
            }
            if (!Files.exists(file)) {
                return "no such file";
            }
        }
        if (anchor == null || !file.toString().endsWith(".md")) {
            return null;
        }
        Markdown linked = parsed.get(file);
        if (linked == null) {
            linked = Markdown.read(file);
            parsed.put(file, linked);
        }
        return linked.anchors.contains(anchor) ? null : "no heading with this anchor in " + root.relativize(file);
    }
}
