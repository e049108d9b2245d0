package org.hpcmfa.keycloak.push.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatorConfigModel;

/** The push settings an admin can enter, including those the console would not offer. */
class PushLoginConfigTest {

    private static PushLoginConfig config(Map<String, String> values) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(values);
        return PushLoginConfig.from(model);
    }

    @Test
    void theDefaultsDefeatABlindTapAndNameClientAndAddress() {
        PushLoginConfig defaults = config(Map.of());
        assertEquals(ApprovalMode.NUMBER_MATCHING, defaults.mode());
        assertTrue(defaults.presenceOptions() >= 3, "at least three options by default");
        assertTrue(defaults.question().contains("{client}") && defaults.question().contains("{client_ip}"),
                defaults.question());
        assertEquals(PushLoginConfig.DEFAULTS, PushLoginConfig.from(null));
    }

    @Test
    void approvalModes() {
        assertEquals(ApprovalMode.CODE_TO_PHONE, config(Map.of("approval-mode", "code-to-phone")).mode());
        assertEquals(ApprovalMode.APPROVE_ONLY, config(Map.of("approval-mode", "approve-only")).mode());
        assertEquals(ApprovalMode.NUMBER_MATCHING, config(Map.of("approval-mode", " Number-Matching ")).mode());
        assertEquals(ApprovalMode.APPROVE_ONLY, config(Map.of("number-matching", "false")).mode(),
                "the setting of earlier versions is still read");
        assertEquals(ApprovalMode.CODE_TO_PHONE, config(Map.of("number-matching", "false",
                "approval-mode", "code-to-phone")).mode(), "the mode wins over the older switch");
        assertEquals(ApprovalMode.NUMBER_MATCHING, config(Map.of("approval-mode", "approve")).mode(),
                "a typo must not switch the protection off");
    }

    @Test
    void optionCountsWithinTheProtocolsRangeAreKept() {
        for (int n = 2; n <= 10; n++) {
            assertEquals(n, config(Map.of("presence-options", String.valueOf(n))).presenceOptions());
        }
    }

    @Test
    void optionCountsOutsideTheRangeAreNeverWeakerThanTheDefault() {
        int fallback = PushLoginConfig.DEFAULTS.presenceOptions();
        assertEquals(fallback, config(Map.of("presence-options", "1")).presenceOptions(), "one option is a blind tap");
        assertEquals(fallback, config(Map.of("presence-options", "0")).presenceOptions());
        assertEquals(fallback, config(Map.of("presence-options", "-4")).presenceOptions());
        assertEquals(fallback, config(Map.of("presence-options", "many")).presenceOptions());
        assertEquals(10, config(Map.of("presence-options", "11")).presenceOptions(), "the protocol allows 10 at most");
        assertEquals(10, config(Map.of("presence-options", "100")).presenceOptions());
    }

    @Test
    void theConsoleOffersOnlyValidChoices() {
        var options = PushLoginConfig.properties().stream().filter(p -> "presence-options".equals(p.getName()))
                .findFirst().orElseThrow();
        assertEquals(List.of("2", "3", "4", "5", "6", "7", "8", "9", "10"), options.getOptions());
        var modes = PushLoginConfig.properties().stream().filter(p -> "approval-mode".equals(p.getName()))
                .findFirst().orElseThrow();
        assertEquals(List.of("number-matching", "code-to-phone", "approve-only"), modes.getOptions());
    }

    @Test
    void presenceOptionsAreDistinctTwoDigitNumbers() {
        for (int n = 2; n <= 10; n++) {
            List<String> options = ChallengeIssuer.presenceOptions(n);
            assertEquals(n, options.size());
            assertEquals(n, new HashSet<>(options).size(), "distinct: " + options);
            assertTrue(options.stream().allMatch(o -> o.matches("\\d\\d")), options.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> ChallengeIssuer.presenceOptions(1));
        assertThrows(IllegalArgumentException.class, () -> ChallengeIssuer.presenceOptions(11));
    }
}
