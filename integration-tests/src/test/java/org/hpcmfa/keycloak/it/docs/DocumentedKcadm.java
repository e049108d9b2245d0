package org.hpcmfa.keycloak.it.docs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code kcadm.sh} blocks of the documentation that a reader runs as written against the demo: fenced code
 * blocks with the comment {@code <!-- test: kcadm -->} on the line above.
 */
public final class DocumentedKcadm {

    public static final String MARKER = "test: kcadm";

    /** A marked block: where it is, for messages, and its commands. */
    public record Block(String where, String commands) {
    }

    private DocumentedKcadm() {
    }

    /** Every marked block of the project's markdown files, in file order, then in order within each file. */
    public static List<Block> blocks(Path root) throws IOException {
        List<Block> blocks = new ArrayList<>();
        for (Path file : Markdown.projectFiles(root)) {
            for (Markdown.CodeBlock block : Markdown.read(file).codeBlocks) {
                if (MARKER.equals(block.marker())) {
                    blocks.add(new Block(root.relativize(file) + ":" + block.line(), dedent(block.text())));
                }
            }
        }
        return blocks;
    }

    /** A block inside a list item is indented as a whole; the shell does not mind, but messages read better without. */
    static String dedent(String text) {
        int indent = Integer.MAX_VALUE;
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString();
    }
}
