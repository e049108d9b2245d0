package org.hpcmfa.keycloak.common.factors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The two-factor rule on the steps real flows leave behind, including flows an admin got wrong. */
class TwoFactorEvidenceTest {

    private static final TwoFactorEvidence.Step USERNAME = new TwoFactorEvidence.Step("auth-username-form", "password");
    private static final TwoFactorEvidence.Step PASSWORD = new TwoFactorEvidence.Step("auth-username-password-form", "password");
    private static final TwoFactorEvidence.Step TOTP = new TwoFactorEvidence.Step("auth-otp-form", "otp");
    private static final TwoFactorEvidence.Step EMAIL = new TwoFactorEvidence.Step("hpc-email-otp", "otp");
    private static final TwoFactorEvidence.Step PUSH = new TwoFactorEvidence.Step("hpc-push", "otp");
    private static final TwoFactorEvidence.Step TOKEN_FORM = new TwoFactorEvidence.Step("hpc-registration-token-form", "password");
    private static final TwoFactorEvidence.Step CISM = new TwoFactorEvidence.Step("hpc-password-otp-form", "password");
    private static final TwoFactorEvidence.Step PASSKEY = new TwoFactorEvidence.Step("webauthn-authenticator-passwordless", "webauthn-passwordless");
    private static final TwoFactorEvidence.Step SECURITY_KEY = new TwoFactorEvidence.Step("webauthn-authenticator", "webauthn");
    private static final TwoFactorEvidence.Step RECOVERY = new TwoFactorEvidence.Step("auth-recovery-authn-code-form", "recovery-authn-codes");
    /** The pack's any-order form (authenticator-recovery-codes); recognised by its id, whatever its category. */
    private static final TwoFactorEvidence.Step PACK_RECOVERY = new TwoFactorEvidence.Step("hpc-recovery-code", null);
    private static final TwoFactorEvidence.Step COOKIE = new TwoFactorEvidence.Step("auth-cookie", "cookie");

    private static TwoFactorEvidence of(TwoFactorEvidence.Step... steps) {
        return TwoFactorEvidence.of(List.of(steps), null, false);
    }

    @Test
    void passwordAndTotpPushSecurityKeyOrRecoveryCodeAreTwoFactors() {
        for (TwoFactorEvidence.Step second : List.of(TOTP, PUSH, SECURITY_KEY, RECOVERY, PACK_RECOVERY)) {
            assertTrue(of(PASSWORD, second).missing(false).isEmpty(), second.authenticatorId());
        }
        assertEquals("password+recovery code", of(PASSWORD, PACK_RECOVERY).summary());
        assertTrue(of(PASSKEY, TOTP).missing(false).isEmpty(), "a passkey is a first factor");
        assertEquals("password+TOTP", of(PASSWORD, TOTP).summary());
    }

    @Test
    void usernamePlusOneCodeIsOneFactorWhateverItsCategorySays() {
        // Keycloak's username-only form declares the category "password": it must not count as one.
        for (TwoFactorEvidence.Step second : List.of(TOTP, EMAIL, PUSH, RECOVERY, PACK_RECOVERY)) {
            String why = of(USERNAME, second).missing(true).orElseThrow();
            assertTrue(why.startsWith("Access requires MFA: the login proved no first factor (password or passkey)."), why);
        }
        assertFalse(of(USERNAME, TOTP).firstFactorProven());
    }

    @Test
    void theRegistrationTokenIsNeitherAPasswordNorASecondFactor() {
        TwoFactorEvidence evidence = of(TOKEN_FORM);
        assertFalse(evidence.firstFactorProven());
        assertTrue(evidence.secondFactors(true).isEmpty());
        assertTrue(of(TOKEN_FORM, TOTP).missing(false).isPresent(), "token form + TOTP is not two factors");
    }

    @Test
    void emailCodesCountOnlyWhereTheCaAllowsThem() {
        String why = of(PASSWORD, EMAIL).missing(false).orElseThrow();
        assertTrue(why.contains("no second factor (TOTP, push, security key or recovery code); email codes do not "
                + "count for certificates in this realm"), why);
        assertFalse(why.contains("no first factor"), why);
        assertTrue(of(PASSWORD, EMAIL).missing(true).isEmpty());
        assertEquals(Set.of(LoginFactor.EMAIL_CODE), of(PASSWORD, EMAIL).secondFactors(true));
    }

    @Test
    void aPasswordAloneOrACookieAloneIsRefusedNamingTheMissingFactor() {
        String passwordOnly = of(PASSWORD).missing(false).orElseThrow();
        assertTrue(passwordOnly.contains("no second factor") && !passwordOnly.contains("no first factor"), passwordOnly);
        String nothing = of(COOKIE).missing(false).orElseThrow();
        assertTrue(nothing.contains("no first factor (password or passkey) and no second factor"), nothing);
        assertTrue(of().missing(true).isPresent());
    }

    @Test
    void aPasskeyIsNotAlsoTheSecondFactor() {
        assertTrue(of(PASSKEY).missing(false).orElseThrow().contains("no second factor"));
    }

    @Test
    void theOnePageFormsNoteCountsOnlyWithThatFormAmongTheSteps() {
        assertTrue(TwoFactorEvidence.of(List.of(CISM), "otp", false).missing(false).isEmpty());
        assertTrue(TwoFactorEvidence.of(List.of(CISM), null, false).missing(false).isPresent(), "password only");
        // A note left in the session by an earlier login does not complete a later password-only login.
        assertTrue(TwoFactorEvidence.of(List.of(PASSWORD), "otp", false).missing(false).isPresent());
    }

    @Test
    void aFirstFactorProvenByTheRequestCompletesASecondFactorLogin() {
        assertTrue(TwoFactorEvidence.of(List.of(USERNAME, TOTP), null, true).missing(false).isEmpty());
        assertTrue(TwoFactorEvidence.of(List.of(USERNAME, EMAIL), null, true).missing(false).isPresent());
        assertTrue(TwoFactorEvidence.of(List.of(USERNAME), null, true).missing(true).isPresent(), "the key alone");
    }

    @Test
    void secondFactorsOfOtherExtensionsAreRecognisedByCategoryButFirstFactorsNever() {
        assertEquals(LoginFactor.TOTP, LoginFactor.ofStep("vendor-otp", "otp").orElseThrow());
        assertTrue(LoginFactor.ofStep("vendor-login-form", "password").isEmpty());
        assertTrue(LoginFactor.ofStep("vendor-passkey", "webauthn-passwordless").isEmpty());
    }
}
