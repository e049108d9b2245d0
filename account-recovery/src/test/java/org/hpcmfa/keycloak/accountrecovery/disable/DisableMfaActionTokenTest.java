package org.hpcmfa.keycloak.accountrecovery.disable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.util.JsonSerialization;

class DisableMfaActionTokenTest {

    @Test
    void theLinkCarriesUserAddressClientAndFactorsAndReadsBackAsKeycloakDoes() throws Exception {
        DisableMfaActionToken token = new DisableMfaActionToken("user-1", "a@example.org", "research-app", 1_000_900,
                List.of("c1", "c2"));
        String json = JsonSerialization.writeValueAsString(token);
        DisableMfaActionToken read = JsonSerialization.readValue(json, DisableMfaActionToken.class);
        assertEquals("user-1", read.getUserId());
        assertEquals("hpc-disable-mfa", read.getActionId());
        assertEquals("a@example.org", read.getEmail());
        assertEquals("research-app", read.getIssuedFor());
        assertEquals(List.of("c1", "c2"), read.getCredentialIds());
        assertEquals(1_000_900, read.getValidUntil());
        assertNotNull(read.getActionVerificationNonce());
        assertEquals(token.serializeKey(), read.serializeKey(), "the single-use key survives the round trip");
        assertTrue(json.contains("\"hpc-until\":1000900") && json.contains("\"hpc-cids\""), json);
    }

    @Test
    void theLinkEndsAtItsValidityWhileTheJwtLivesADayLongerToExplainWhy() {
        DisableMfaActionToken token = new DisableMfaActionToken("u", "a@example.org", "c", 1_000_900, List.of("c1"));
        assertFalse(token.isPastValidity(1_000_900));
        assertTrue(token.isPastValidity(1_000_901));
        assertEquals(1_000_900L + 24 * 3600, token.getExp());
    }

    @Test
    void theSingleUseMarkLivesUntilKeycloakWouldRefuseTheLinkAnyway() {
        PendingConfirmation link = new PendingConfirmation("key", "id", 1_000_900, 1_087_300, List.of("c1"));
        assertEquals(87_300, link.markLifespanSeconds(1_000_000));
        assertEquals(1, link.markLifespanSeconds(2_000_000));
        assertFalse(link.isPastValidity(1_000_900));
        assertTrue(link.isPastValidity(1_000_901));
    }
}
