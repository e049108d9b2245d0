package org.hpcmfa.keycloak.sshcert.policy;

import java.util.Map;
import java.util.Optional;

import org.hpcmfa.keycloak.common.compat.AuthResults;
import org.hpcmfa.keycloak.common.factors.LoginSteps;
import org.hpcmfa.keycloak.common.factors.TwoFactorEvidence;
import org.keycloak.TokenVerifier;
import org.keycloak.common.VerificationException;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Decides whether the caller of {@code sign} may get a certificate, one rule at a time, so a refusal names the
 * rule that failed: an active token, from an allowed client, whose login proved a first and a second factor by
 * its completed steps ({@link TwoFactorEvidence}), with a sufficient {@code acr} and a recent {@code auth_time}
 * (service accounts: see {@link ServiceAccountRule}). Revoking one's own certificate needs only the first rule, so a user who lost a
 * laptop can revoke from anywhere they can log in.
 */
public final class CertificateRequester {

    public record Caller(AccessToken token, UserModel user, UserSessionModel userSession, ClientModel client) {

        /** A client's service-account user (automation), not a person: judged by {@link ServiceAccountRule}. */
        public boolean serviceAccount() {
            return user.getServiceAccountClientLink() != null;
        }
    }

    private CertificateRequester() {
    }

    /** The caller behind an active token; who may then have a certificate is {@link #authorize}'s question. */
    public static Caller authenticate(KeycloakSession session, RealmModel realm) throws SignRefusal {
        String raw = AppAuthManager.extractAuthorizationHeaderToken(session.getContext().getRequestHeaders());
        if (raw == null) {
            throw SignRefusal.unauthorized("missing_token", "Send the access token as 'Authorization: Bearer <token>'.");
        }
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(realm).setTokenString(raw).authenticate();
        if (auth == null) {
            throw whyNotActive(raw);
        }
        return new Caller(AuthResults.token(auth), AuthResults.user(auth), AuthResults.session(auth),
                AuthResults.client(auth));
    }

    /**
     * Names the rule a token that Keycloak refused failed, from an unverified look at it (the decision was
     * Keycloak's): only on this path, so an accepted token is parsed once.
     */
    private static SignRefusal whyNotActive(String raw) {
        try {
            if (TokenVerifier.create(raw, AccessToken.class).getToken().isExpired()) {
                return SignRefusal.unauthorized("token_expired", "The access token has expired; log in again.");
            }
        } catch (VerificationException unreadable) {
            return SignRefusal.unauthorized("invalid_token", "The bearer value is not an access token.");
        }
        return SignRefusal.unauthorized("token_not_active", "The access token is not active: it was revoked, "
                + "its session ended, its user is disabled, or it belongs to another realm.");
    }

    /**
     * The client, two-factor, acr and freshness rules of the realm's policy, or for a service account the rule of
     * {@link ServiceAccountRule} instead: a person's token never takes that path, whatever client it comes from.
     *
     * @param keyProof what the sign request itself proved ({@link RegisteredKeyProof}): possession of an SSH key
     *        the person registered beforehand counts as the first factor where the realm allows it, and a login
     *        whose flow replaced the password with such a key gets a certificate only with that key's proof
     */
    public static void authorize(KeycloakSession session, RealmModel realm, SshCertPolicy policy, Caller caller,
            RegisteredKeyProof.Outcome keyProof) throws SignRefusal {
        if (caller.serviceAccount()) {
            ServiceAccountRule.authorize(session, policy.serviceAccounts(), caller);
            return;
        }
        AccessToken token = caller.token();
        ClientModel client = caller.client();
        if (!allowed(policy, token)) {
            throw SignRefusal.forbidden("client_not_allowed", "Client '" + token.getIssuedFor()
                    + "' may not exchange tokens for SSH certificates in this realm.");
        }
        // The completed steps first: whatever the flow and its acr, a login that proved fewer than two factors
        // gets no certificate, and the refusal says which factor is missing.
        TwoFactorEvidence evidence = LoginSteps.evidence(session, realm, caller.userSession(), keyProof.firstFactor());
        Optional<String> missing = evidence.missing(policy.emailCodesForCertificates());
        // No second factor: that is what the person must fix first, whatever stands in for the password.
        if (missing.isPresent() && evidence.secondFactors(policy.emailCodesForCertificates()).isEmpty()) {
            throw SignRefusal.forbidden("mfa_required", missing.get());
        }
        // A login that replaced the password with a registered key needs that key's proof (and the realm's consent).
        RegisteredKeyProof.requireForKeyLogin(caller, keyProof);
        if (missing.isPresent()) {
            throw SignRefusal.forbidden("mfa_required", missing.get());
        }
        int loa = levelOf(token.getAcr(), client);
        if (loa < policy.minLoa()) {
            throw SignRefusal.forbidden("mfa_required", "Access requires MFA: the token's acr '" + token.getAcr()
                    + "' is level " + loa + ", level " + policy.minLoa() + " (a second factor) is required.");
        }
        Long authTime = token.getAuth_time();
        if (authTime == null || Time.currentTime() - authTime > policy.maxAuthAgeSeconds()) {
            throw SignRefusal.forbidden("authentication_too_old", "The login behind this token is older than "
                    + policy.maxAuthAgeSeconds() + " s; log in again.");
        }
    }

    public static boolean allowed(SshCertPolicy policy, AccessToken token) {
        if (policy.allowedClients().contains(token.getIssuedFor())) {
            return true;
        }
        String[] audience = token.getAudience();
        if (audience != null) {
            for (String aud : audience) {
                if (policy.allowedClients().contains(aud)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The level an acr stands for: the client's or realm's ACR-to-LoA mapping, or the number itself. */
    static int levelOf(String acr, ClientModel client) {
        if (acr == null) {
            return 0;
        }
        Map<String, Integer> map = AcrUtils.getAcrLoaMap(client);
        if (map.containsKey(acr)) {
            return map.get(acr);
        }
        try {
            return Integer.parseInt(acr);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
