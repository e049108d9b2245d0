package org.hpcmfa.keycloak.common.factors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Set;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.junit.jupiter.api.Test;

/**
 * One definition of the second factors for the places that act on them: enrolment (permanent factors), a reset
 * that removes them (lost phone, disable-MFA), and the withdrawal of trust when the last one goes.
 */
class SecondFactorsTest {

    @Test
    void permanentFactorsAreTheAppPushSmsAndSecurityKeys() {
        assertEquals(Set.of(CredentialTypes.OTP, CredentialTypes.PUSH, CredentialTypes.WEBAUTHN, CredentialTypes.PASSKEY,
                CredentialTypes.SMS),
                PermanentFactors.TYPES);
    }

    @Test
    void aResetAlsoRemovesRecoveryCodesButNeverThePasswordEmailOrToken() {
        assertEquals(Set.of(CredentialTypes.OTP, CredentialTypes.PUSH, CredentialTypes.WEBAUTHN, CredentialTypes.PASSKEY,
                CredentialTypes.SMS, CredentialTypes.RECOVERY_CODES), SecondFactors.TYPES);
        for (String stays : Set.of(CredentialTypes.PASSWORD, CredentialTypes.EMAIL_CODE, CredentialTypes.REGISTRATION_TOKEN,
                CredentialTypes.SSH_KEY)) {
            assertFalse(SecondFactors.TYPES.contains(stays), stays);
        }
    }

}
