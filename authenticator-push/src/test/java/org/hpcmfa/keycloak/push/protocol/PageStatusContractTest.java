package org.hpcmfa.keycloak.push.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.hpcmfa.keycloak.push.challenge.LoginWatch;
import org.junit.jupiter.api.Test;

/**
 * Java is the single source of the status contract with {@code hpc-push.js}: the script reads every name from
 * the page, and both templates render every attribute the script reads from the model Java builds. Any name
 * the script spelled out itself, or an attribute a template forgot, fails here before a browser would hang.
 */
class PageStatusContractTest {

    /** Every name of the contract that only Java may spell (the enrolment's ending "true" is a literal check only). */
    private static List<String> contractNames() {
        List<String> names = new ArrayList<>(List.of(PageStatus.LOGIN_PATH, PageStatus.ENROLMENT_PATH,
                PageStatus.WATCH_PARAM, PageStatus.LOGIN_FIELD, PageStatus.ENROLMENT_FIELD));
        for (LoginWatch.State state : LoginWatch.State.values()) {
            names.add(state.wireName());
        }
        return names;
    }

    @Test
    void theScriptReadsTheUrlTheFieldAndTheEndingValuesFromThePage() {
        Set<String> read = WaitingPageFiles.attributesReadByScript();
        assertTrue(read.containsAll(List.of("data-status-url", "data-status-field", "data-done-values")), read.toString());
    }

    @Test
    void theScriptSpellsNoNameOfTheContract() {
        List<String> literals = WaitingPageFiles.scriptLiterals();
        String code = WaitingPageFiles.scriptCode();
        for (String name : contractNames()) {
            assertFalse(literals.contains(name), "hpc-push.js spells \"" + name + "\"; the page must give it");
            assertFalse(Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(code).find(),
                    "hpc-push.js names " + name + " in its code; the page must give it");
        }
        assertFalse(literals.contains(String.valueOf(true)), "the enrolment's ending value comes from the page");
    }

    @Test
    void bothTemplatesRenderEveryAttributeTheScriptReads() {
        for (String template : List.of(WaitingPageFiles.LOGIN_TEMPLATE, WaitingPageFiles.SETUP_TEMPLATE)) {
            String text = WaitingPageFiles.template(template);
            for (String attribute : WaitingPageFiles.attributesReadByScript()) {
                assertTrue(text.contains(attribute + "=\"${"), template + " does not render " + attribute);
            }
        }
    }

    @Test
    void theTemplatesRenderTheStatusAttributesFromTheModelJavaBuilds() {
        Map<String, String> rendered = Map.of("data-status-url", PageStatus.MODEL_URL,
                "data-status-field", PageStatus.MODEL_FIELD, "data-done-values", PageStatus.MODEL_DONE_VALUES);
        Map<String, String> models = Map.of(WaitingPageFiles.LOGIN_TEMPLATE, "push",
                WaitingPageFiles.SETUP_TEMPLATE, "pushSetup");
        models.forEach((template, model) -> rendered.forEach((attribute, key) ->
                assertTrue(WaitingPageFiles.template(template).contains(attribute + "=\"${" + model + "." + key + "}\""),
                        template + ": " + attribute + " from " + model + "." + key)));
    }

    @Test
    void theModelNamesTheUrlOfThePathWithTheWatchToken() {
        Map<String, Object> model = PageStatus.model(URI.create("https://idp.example.org/"), "demo",
                PageStatus.LOGIN_PATH, "W1", PageStatus.LOGIN_FIELD, List.of("a", "b"));
        assertEquals("https://idp.example.org/realms/demo/pipush/login-status?watch=W1&wait=2", model.get(PageStatus.MODEL_URL));
        assertEquals("state", model.get(PageStatus.MODEL_FIELD));
        assertEquals("a b", model.get(PageStatus.MODEL_DONE_VALUES));
    }
}
