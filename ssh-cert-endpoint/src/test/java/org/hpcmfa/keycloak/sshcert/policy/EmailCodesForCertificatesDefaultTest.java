package org.hpcmfa.keycloak.sshcert.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Email codes are not a second factor for certificates unless the admin turns them on: whoever reads a
 * person's mailbox must not get a certificate with the password alone. The policy is read from the CA
 * component's config as SshCaComponent reads it, so a CA created before the setting existed, or saved through
 * the REST API without it, has it off.
 */
class EmailCodesForCertificatesDefaultTest {

    private static SshCertPolicy policyOf(ComponentModel ca) {
        return SshCertPolicy.from(ca.getConfig());
    }

    @Test
    void aCaWithoutTheSettingDoesNotCountEmailCodes() {
        ComponentModel ca = new ComponentModel();
        assertTrue(ca.getConfig().isEmpty());
        assertFalse(policyOf(ca).emailCodesForCertificates());
    }

    @Test
    void aBlankValueIsOffAndOnlyAnExplicitTrueTurnsItOn() {
        ComponentModel ca = new ComponentModel();
        ca.put(SshCertPolicy.EMAIL_CODES_FOR_CERTIFICATES, " ");
        assertFalse(policyOf(ca).emailCodesForCertificates());
        ca.put(SshCertPolicy.EMAIL_CODES_FOR_CERTIFICATES, "yes");
        assertFalse(policyOf(ca).emailCodesForCertificates(), "only 'true' turns it on");
        ca.put(SshCertPolicy.EMAIL_CODES_FOR_CERTIFICATES, "false");
        assertFalse(policyOf(ca).emailCodesForCertificates());
        ca.put(SshCertPolicy.EMAIL_CODES_FOR_CERTIFICATES, "true");
        assertTrue(policyOf(ca).emailCodesForCertificates());
    }

    @Test
    void theAdminConsoleShowsASwitchThatIsOff() {
        List<ProviderConfigProperty> properties = SshCertPolicy.properties();
        ProviderConfigProperty setting = properties.stream()
                .filter(p -> SshCertPolicy.EMAIL_CODES_FOR_CERTIFICATES.equals(p.getName())).findFirst().orElseThrow();
        assertEquals(ProviderConfigProperty.BOOLEAN_TYPE, setting.getType());
        assertEquals("false", String.valueOf(setting.getDefaultValue()));
    }
}
