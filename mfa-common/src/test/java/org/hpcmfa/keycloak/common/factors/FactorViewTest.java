package org.hpcmfa.keycloak.common.factors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;

/** What the pages print after a factor's type: the name the person gave it, nothing Keycloak made up. */
class FactorViewTest {

    private static CredentialModel credential(String type, String label) {
        CredentialModel model = new CredentialModel();
        model.setType(type);
        model.setUserLabel(label);
        return model;
    }

    @Test
    void thePersonsNameForTheirDeviceIsShownTrimmed() {
        FactorView phone = FactorView.of(List.of(credential(CredentialTypes.OTP, " Bob's phone "))).get(0);
        assertEquals(CredentialTypes.OTP, phone.getType());
        assertEquals("Bob's phone", phone.getLabel());
        assertNull(FactorView.of(List.of(credential(CredentialTypes.OTP, "  "))).get(0).getLabel());
    }

    @Test
    void recoveryCodesKeepNoLabelKeycloakNamedThemItselfAndThePageSaysRecoveryCodesOnce() {
        // Keycloak's set-up page posts its default name as the label, in the page's language.
        for (String keycloaksDefault : List.of("Recovery codes", "Codes de récupération")) {
            assertNull(FactorView.of(List.of(credential(CredentialTypes.RECOVERY_CODES, keycloaksDefault))).get(0)
                    .getLabel());
        }
    }
}
