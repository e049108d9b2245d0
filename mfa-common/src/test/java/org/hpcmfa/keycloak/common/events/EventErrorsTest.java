package org.hpcmfa.keycloak.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hpcmfa.keycloak.common.events.EventErrors.Capability;
import org.junit.jupiter.api.Test;

class EventErrorsTest {

    @Test
    void aConditionGetsItsCapabilityPrefixOnce() {
        assertEquals("push_declined", Capability.PUSH.error("declined"));
        assertEquals("ssh_cert_mfa_required", Capability.SSH_CERT.error("mfa_required"));
        assertEquals("email_code_hourly_limit", Capability.EMAIL_CODE.error("email_code_hourly_limit"));
    }

    @Test
    void conditionsAreLowerSnakeCase() {
        for (String bad : new String[] {null, "", "Declined", "push-declined", "_x", "x__y", "x_", "no ca"}) {
            assertThrows(IllegalArgumentException.class, () -> Capability.PUSH.error(bad), String.valueOf(bad));
        }
    }

    @Test
    void packNamesAreRecognisedByTheirPrefix() {
        assertTrue(EventErrors.isPackName("registration_token_expired"));
        assertTrue(EventErrors.isPackName("ssh_terminal_handle_expired"));
        assertFalse(EventErrors.isPackName("hpc_push_declined"), "the old push prefix");
        assertFalse(EventErrors.isPackName("no_ca"));
        assertFalse(EventErrors.isPackName("invalid_user_credentials"), "Keycloak's own name");
    }
}
