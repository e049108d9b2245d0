package org.hpcmfa.keycloak.sshterminal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hpcmfa.keycloak.common.compat.AuthResults;
import org.hpcmfa.keycloak.common.events.EventErrors;
import org.hpcmfa.keycloak.common.factors.LoginFactor;
import org.hpcmfa.keycloak.common.factors.LoginSteps;
import org.hpcmfa.keycloak.common.factors.TwoFactorEvidence;
import org.keycloak.common.util.Time;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * The device mode of the login node: the node runs the OAuth device grant as the gateway client and shows the
 * one-time link at the SSH prompt; this class judges the outcome. A login counts only when the token came from
 * this gateway's own device grant, names the account sshd accepted the key for, is used once, and its login
 * proved two factors by its completed steps (the rule the SSH CA applies, {@link TwoFactorEvidence}).
 */
final class DeviceLogins {

    /** The token's login must be this recent: the device code's lifespan, plus the node's polling. */
    private static final int FRESHNESS_MARGIN_SECONDS = 60;

    /** {@code factors}: the summary for events; {@code proven} and {@code authTime}: the certificate's evidence. */
    record Finished(UserModel user, String factors, Set<LoginFactor> proven, long authTime) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    DeviceLogins(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The account named by the node: known and enabled, else the prompt's own refusals. */
    UserModel account(String username) throws TerminalRefusal {
        UserModel user = username == null || username.isBlank() ? null
                : session.users().getUserByUsername(realm, username.trim());
        if (user == null) {
            throw TerminalRefusal.keycloak(404, Errors.USER_NOT_FOUND, "No user '" + username + "' in realm "
                    + realm.getName() + ".", TerminalPrompt.MSG_UNKNOWN_USER);
        }
        if (!user.isEnabled()) {
            throw TerminalRefusal.keycloak(403, Errors.USER_DISABLED, "User " + user.getUsername() + " is disabled.",
                    TerminalPrompt.MSG_LOCKED_OUT).forUser(user);
        }
        return user;
    }

    /** The device grant ended without a token: the node reports why, the user reads it in their language. */
    TerminalRefusal ended(UserModel account, String error) {
        TerminalRefusal refusal = switch (error == null ? "" : error) {
            case "access_denied" -> TerminalRefusal.prompt(401, "device_denied", "The person cancelled the login "
                    + "in the browser (\"This was not me\" or the consent screen).", TerminalPrompt.MSG_DEVICE_DENIED);
            case "expired_token", "timeout" -> TerminalRefusal.prompt(401, "device_expired", "The link was not used "
                    + "before the device code expired or the node stopped waiting (" + error + ").",
                    TerminalPrompt.MSG_DEVICE_EXPIRED);
            default -> TerminalRefusal.prompt(400, "invalid_request", "Send either 'access_token' or 'error' "
                    + "(access_denied, expired_token, timeout).", TerminalPrompt.MSG_UNAVAILABLE);
        };
        return refusal.forUser(account);
    }

    /** Checks the token the device grant gave the node for {@code account}. */
    Finished finish(GatewayClient gateway, UserModel account, String rawToken) throws TerminalRefusal {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(realm).setTokenString(rawToken).authenticate();
        // The authenticator makes the token's client the request's client: the gateway is, whatever the outcome.
        session.getContext().setClient(gateway.client());
        if (auth == null) {
            throw TerminalRefusal.prompt(401, "device_token_invalid", "The device grant's access token is not "
                    + "active (expired, revoked, or its session ended).", TerminalPrompt.MSG_DEVICE_EXPIRED)
                    .forUser(account);
        }
        AccessToken token = AuthResults.token(auth);
        UserModel person = AuthResults.user(auth);
        if (AuthResults.client(auth) == null || !gateway.client().getId().equals(AuthResults.client(auth).getId())
                || person.getServiceAccountClientLink() != null) {
            throw TerminalRefusal.prompt(403, "device_token_foreign", "The access token was not issued to this "
                    + "gateway by a person's device login.", TerminalPrompt.MSG_UNAVAILABLE).forUser(account);
        }
        if (!person.getId().equals(account.getId())) {
            // The other person's name goes to the event only: whoever sits at this terminal need not learn it.
            throw new TerminalRefusal(403, "device_wrong_user", terminalError("device_wrong_user"), "The link was "
                    + "completed by another account, not by " + account.getUsername() + " (the event's device_user "
                    + "names it).", TerminalPrompt.MSG_DEVICE_WRONG_USER, List.of(account.getUsername()),
                    Map.of("device_user", person.getUsername())).forUser(account);
        }
        claimOnce(token, account);
        int lifespan = realm.getOAuth2DeviceConfig().getLifespan(gateway.client());
        Long authTime = token.getAuth_time();
        if (authTime == null || Time.currentTime() - authTime > lifespan + FRESHNESS_MARGIN_SECONDS) {
            throw TerminalRefusal.prompt(403, "device_authentication_too_old", "The browser login behind this "
                    + "token is older than the device code's lifespan (" + lifespan + " s).",
                    TerminalPrompt.MSG_DEVICE_EXPIRED).forUser(account);
        }
        // Email codes do not count here, as for certificates by default: a mailbox is not a second device.
        TwoFactorEvidence evidence = LoginSteps.evidence(session, realm, AuthResults.session(auth), false);
        Optional<String> missing = evidence.missing(false);
        if (missing.isPresent()) {
            throw new TerminalRefusal(403, "device_mfa_required", terminalError("device_mfa_required"), missing.get(),
                    TerminalPrompt.MSG_DEVICE_ONE_FACTOR, List.of(), Map.of("factors", evidence.summary()))
                    .forUser(account);
        }
        return new Finished(account, evidence.summary(), evidence.proven(), authTime);
    }

    private static String terminalError(String code) {
        return EventErrors.Capability.SSH_TERMINAL.error(code);
    }

    /** A token counts for one SSH login: a second finish with it (a replay) is refused, on any node. */
    private void claimOnce(AccessToken token, UserModel account) throws TerminalRefusal {
        String id = token.getId();
        long lifetime = token.getExp() == null ? 600 : Math.max(1, token.getExp() - Time.currentTime());
        String key = "hpc-ssh-terminal-device:" + realm.getId() + ":" + id;
        if (id == null || !session.singleUseObjects().putIfAbsent(key, lifetime)) {
            throw TerminalRefusal.prompt(401, "device_token_used", "This device login was already used for an SSH "
                    + "login.", TerminalPrompt.MSG_DEVICE_EXPIRED).forUser(account);
        }
    }
}
