package org.hpcmfa.keycloak.registrationtoken.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.hpcmfa.keycloak.common.totp.ClockSkewSettings;
import org.junit.jupiter.api.Test;

/** The portal's secret field is named for exactly what the form's settings let in, in words the bundle has. */
class PortalSecretLabelTest {

    private static final Path ENGLISH = Path.of("../themes/src/main/resources/theme-resources/messages/messages_en.properties");

    @Test
    void theLabelNamesWhatTheFieldTakes() throws Exception {
        assertEquals("Registration token, authenticator code or recovery code", label(true, true));
        assertEquals("Registration token or authenticator code", label(true, false));
        assertEquals("Registration token or recovery code", label(false, true));
        assertEquals("Registration token", label(false, false));
    }

    private static String label(boolean totp, boolean recoveryCodes) throws Exception {
        OneTimeSecretConfig config = new OneTimeSecretConfig(totp, recoveryCodes, ClockSkewSettings.from(key -> null, ""));
        Properties english = new Properties();
        try (Reader in = Files.newBufferedReader(ENGLISH, StandardCharsets.UTF_8)) {
            english.load(in);
        }
        return english.getProperty(PortalSecretLabel.messageKey(config), "missing: " + PortalSecretLabel.messageKey(config));
    }
}
