package org.hpcmfa.keycloak.accountrecovery.disable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.common.factors.EmailAddresses;
import org.hpcmfa.keycloak.common.factors.SecondFactors;
import org.hpcmfa.keycloak.common.rest.ApiRefusal;
import org.hpcmfa.keycloak.common.selfservice.FactorMethods;
import org.hpcmfa.keycloak.common.selfservice.SelfServiceCall;
import org.hpcmfa.keycloak.common.trust.TrustWithdrawal;
import org.hpcmfa.keycloak.common.trust.TrustWithdrawals;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.email.EmailException;
import org.keycloak.events.Details;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The two steps of {@code mfa rm}, with the browser path's rules ({@link DisableMfaRequest},
 * {@link DisableMfaConfirmation}): the realm must have "Disable two-factor login" enabled, the person needs a
 * (verified, unless the realm allows otherwise) address, the token works once, within the link validity of the
 * realm's setting, for its person, and removes only the factors it was issued for that still exist.
 */
final class RemovalSteps {

    private static final Logger LOG = Logger.getLogger(RemovalSteps.class);

    private RemovalSteps() {
    }

    static Map<String, Object> request(SelfServiceCall call, List<String> factorIds) throws ApiRefusal {
        KeycloakSession session = call.session();
        RealmModel realm = call.realm();
        UserModel user = call.user();
        requireEnabled(realm);
        List<CredentialModel> current = SecondFactors.of(user);
        List<CredentialModel> chosen = factorIds == null || factorIds.isEmpty() ? current
                : current.stream().filter(c -> factorIds.contains(c.getId())).toList();
        if (chosen.isEmpty() || (factorIds != null && chosen.size() != factorIds.stream().distinct().count())) {
            throw new ApiRefusal(400, "no_factor", current.isEmpty()
                    ? "You have no second factor to remove." : "Not all of those ids are second factors of yours; see 'mfa ls'.");
        }
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            throw new ApiRefusal(400, "no_email", "Your account has no email address to send the token to.");
        }
        DisableMfaSettings rules = DisableMfaSettings.of(realm);
        if (!user.isEmailVerified() && !rules.allowUnverifiedEmail()) {
            throw new ApiRefusal(400, "email_not_verified", "Your email address is not verified, so no "
                    + "token can be sent to it; verify it first.");
        }
        int slot = call.limit("removal-mail");
        RemovalTokens tokens = new RemovalTokens(session.singleUseObjects(), realm.getId());
        String[] issued = tokens.issue(user.getId(), chosen.stream().map(CredentialModel::getId).toList(),
                rules.linkValiditySeconds());
        call.event().detail(Details.EMAIL, user.getEmail()).detail(Details.TOKEN_ID, issued[1])
                .detail(DisableMfaEvents.BOUND, SecondFactors.types(chosen))
                .detail(DisableMfaEvents.LINK_VALID_MINUTES, String.valueOf(rules.linkValidityMinutes()));
        try {
            RemovalMailer.send(session, realm, user, issued[0], rules.linkValidityMinutes(), describe(chosen));
        } catch (EmailException e) {
            LOG.warnf("Could not mail the removal token to user %s of realm %s: %s", user.getId(), realm.getName(),
                    e.getMessage());
            tokens.claim(tokens.find(issued[0]));
            call.release("removal-mail", slot);
            throw new ApiRefusal(503, "email_send_failed", "The mail with the token could not be sent; "
                    + "try again in a moment.");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sentTo", EmailAddresses.masked(user.getEmail()));
        answer.put("expiresIn", rules.linkValiditySeconds());
        answer.put("factors", chosen.stream().map(RemovalSteps::view).toList());
        return answer;
    }

    static Map<String, Object> confirm(SelfServiceCall call, String typed) throws ApiRefusal {
        KeycloakSession session = call.session();
        RealmModel realm = call.realm();
        UserModel user = call.user();
        call.limit("removal-token");
        requireEnabled(realm);
        RemovalTokens tokens = new RemovalTokens(session.singleUseObjects(), realm.getId());
        RemovalTokens.Bound bound = tokens.find(typed);
        if (bound == null || !user.getId().equals(bound.userId())) {
            throw invalid();
        }
        call.event().detail(Details.TOKEN_ID, bound.tokenId());
        if (Time.currentTime() > bound.expires()) {
            tokens.claim(bound);
            throw new ApiRefusal(400, "expired_token", "The token has expired; run 'mfa rm' again.");
        }
        if (!tokens.claim(bound)) {
            throw invalid();
        }
        List<CredentialModel> removed = SecondFactors.remove(user, bound.credentialIds());
        if (removed.isEmpty()) {
            throw new ApiRefusal(400, "no_factor", "The factors this token was for are already gone.");
        }
        // In this transaction, before the event: what the removed factors' logins obtained goes with them.
        int revoked = TrustWithdrawals.announceCounting(session, realm, user, TrustWithdrawal.Reason.MFA_DISABLED,
                "user:" + user.getId());
        call.event().detail(Details.REASON, DisableMfaEvents.REASON)
                .detail(DisableMfaEvents.REMOVED, SecondFactors.types(removed));
        List<CredentialModel> kept = SecondFactors.of(user);
        if (!kept.isEmpty()) {
            call.event().detail(DisableMfaEvents.KEPT, SecondFactors.types(kept));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("removed", removed.stream().map(c -> Map.of("id", c.getId(), "method", method(c))).toList());
        answer.put("certificatesRevoked", revoked);
        return answer;
    }

    private static void requireEnabled(RealmModel realm) throws ApiRefusal {
        if (!DisableMfaActionTokenHandler.enabled(realm)) {
            throw new ApiRefusal(403, "disabling_not_allowed", "This realm does not let people remove "
                    + "their own second factors; ask IT support.");
        }
    }

    private static ApiRefusal invalid() {
        return new ApiRefusal(400, "invalid_token", "That token is not valid: check it, or run "
                + "'mfa rm' again for a new one.");
    }

    private static Map<String, Object> view(CredentialModel c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", c.getId());
        view.put("method", method(c));
        view.put("label", c.getUserLabel());
        return view;
    }

    private static String method(CredentialModel c) {
        return FactorMethods.ofType(c.getType()).orElse(c.getType());
    }

    /** The factors in the mail, e.g. "AUTHENTICATOR (phone), RECOVERY_CODES". */
    private static String describe(List<CredentialModel> factors) {
        return String.join(", ", factors.stream().map(c -> method(c) + (c.getUserLabel() == null
                || c.getUserLabel().isBlank() || "RECOVERY_CODES".equals(method(c)) ? "" : " (" + c.getUserLabel() + ")"))
                .toList());
    }
}
