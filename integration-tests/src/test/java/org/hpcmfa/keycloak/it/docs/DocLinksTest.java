package org.hpcmfa.keycloak.it.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hpcmfa.keycloak.it.PackJars;
import org.junit.jupiter.api.Test;

/**
 * The documentation as a reader follows it on GitHub: every relative link, anchor and image of every markdown
 * file leads somewhere, and every {@code kcadm.sh} block is one that {@code DocumentedKcadmIT} runs.
 */
class DocLinksTest {

    static final String KCADM_MARKER = DocumentedKcadm.MARKER;

    private final Path root = PackJars.rootDir();

    @Test
    void everyRelativeLinkAnchorAndImageOfEveryMarkdownFileExists() throws Exception {
        List<Path> files = Markdown.projectFiles(root);
        assertTrue(files.contains(root.resolve("README.md")) && files.contains(root.resolve("docs/user-guide.md")),
                "the scan looks in the wrong place: " + files);
        LinkCheck check = new LinkCheck(root);
        List<String> problems = new ArrayList<>();
        int links = 0;
        for (Path file : files) {
            Markdown doc = Markdown.read(file);
            links += doc.links.size();
            problems.addAll(check.problems(doc));
        }
        assertTrue(links > 100, "only " + links + " links found in " + files.size() + " files");
        assertEquals(List.of(), problems, "broken links in the documentation");
    }

    @Test
    void everyKcadmCommandInTheDocumentationIsOneTheTestsRun() throws Exception {
        List<String> unmarked = new ArrayList<>();
        int marked = 0;
        for (Path file : Markdown.projectFiles(root)) {
            for (Markdown.CodeBlock block : Markdown.read(file).codeBlocks) {
                boolean kcadm = block.text().contains("kcadm.sh ");
                boolean isMarked = KCADM_MARKER.equals(block.marker());
                if (kcadm && !isMarked) {
                    unmarked.add(root.relativize(file) + ":" + block.line());
                }
                marked += isMarked ? 1 : 0;
            }
        }
        assertEquals(List.of(), unmarked, "kcadm.sh blocks without <!-- " + KCADM_MARKER + " --> above them: "
                + "write them against the demo realm and mark them, so that DocumentedKcadmIT runs them");
        assertTrue(marked >= 3, "only " + marked + " marked kcadm.sh blocks");
    }

    @Test
    void theReadmeStaysOnePage() throws Exception {
        int lines = Files.readAllLines(root.resolve("README.md")).size();
        assertTrue(lines <= 250, "README.md has " + lines + " lines: move details to docs/");
    }

    @Test
    void theCheckFindsBrokenLinksAndAnchors() throws Exception {
        Path docs = root.resolve("docs");
        Markdown doc = Markdown.parse(docs.resolve("sample.md"), String.join("\n",
                "# Sample",
                "## Trust the realm's CA (`ssh-ca`)",
                "## Trust the realm's CA (`ssh-ca`)",
                "See [ok](#trust-the-realms-ca-ssh-ca), [twice](#trust-the-realms-ca-ssh-ca-1),",
                "[guide](user-guide.md#first-login-with-a-registration-token-mila), [readme](../README.md).",
                "Broken: [anchor](#no-such-heading), [file](no-such-file.md), [other](user-guide.md#nowhere),",
                "<img src=\"screenshots/none.png\" alt=\"x\">, ![y](../LICENSE), [out](../../x), [abs](/docs).",
                "`[in code](not-checked.md)`",
                "```",
                "[in a block](not-checked.md)",
                "```"));
        List<String> problems = new LinkCheck(root).problems(doc);
        assertEquals(6, problems.size(), String.join("\n", problems));
        for (String broken : List.of("#no-such-heading", "no-such-file.md", "user-guide.md#nowhere",
                "screenshots/none.png", "../../x", "/docs")) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(": " + broken + ": ")), broken + " not reported");
        }
    }

    @Test
    void anchorsFollowGitHubsRules() {
        assertEquals("registration-tokens-and-forced-enrolment-required-action-registration-token",
                Markdown.anchor("Registration tokens and forced enrolment (`required-action-registration-token`)"));
        assertEquals("trust-the-realms-ca", Markdown.anchor("Trust the realm's CA"));
        assertEquals("hpc_mfa-and-ssh--à-la-carte", Markdown.anchor("hpc_mfa and SSH — à la carte"));
        assertEquals("see-the-guide", Markdown.anchor("See [the guide](x.md)"));
    }
}
