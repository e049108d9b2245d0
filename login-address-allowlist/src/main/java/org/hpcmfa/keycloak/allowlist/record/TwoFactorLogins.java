package org.hpcmfa.keycloak.allowlist.record;

import java.util.Map;
import java.util.Optional;

import org.hpcmfa.keycloak.common.factors.LoginFactor;
import org.hpcmfa.keycloak.common.factors.LoginSteps;
import org.hpcmfa.keycloak.common.factors.TwoFactorEvidence;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

/**
 * Which successful LOGIN events are two-factor logins, and from which address the person made them. Two kinds:
 * <ul>
 * <li>the SSH terminal prompt (auth method {@code ssh-terminal}): sshd accepted the person's key (the first factor)
 * and the prompt accepted a second factor of the kind a certificate needs (TOTP, push, security key, recovery code;
 * an email code does not count); the address is the SSH client's, as the login node reported it;</li>
 * <li>the login node's device mode (auth method {@code ssh-terminal-device}): Keycloak accepted the browser login
 * behind the link only when it proved two factors by the CA's rule and was this account's; the address is again the
 * SSH client's;</li>
 * <li>any other login with a user session (browser, direct grant): the session's completed steps prove a first and
 * a second factor (the SSH CA's own rule, mfa-common's {@link LoginSteps}), and the event comes from the address
 * that session was created from, so a session cookie carried to another network allows nothing there.</li>
 * </ul>
 * Not recorded: the browser login that approves a device grant (OAuth 2.0 device authorization, e.g. the QR code of
 * the login node's device mode scanned with a phone). Its LOGIN event comes from the phone's address, often a
 * carrier's NAT shared by thousands; the device mode's own event already records the SSH client's address.
 * Keycloak marks such a login with the {@value #DEVICE_VERIFICATION_NOTE} client note, which it copies from the
 * authentication session to the client session of the event's client.
 */
public final class TwoFactorLogins {

    public static final String SOURCE_BROWSER = "browser";
    public static final String SOURCE_TERMINAL = "ssh-terminal";
    /** The terminal prompt's auth method and its detail naming the SSH client's address. */
    static final String TERMINAL_AUTH_METHOD = "ssh-terminal";
    /** The device mode's auth method: its LOGIN event exists only for a two-factor login of the account. */
    static final String DEVICE_AUTH_METHOD = "ssh-terminal-device";
    static final String REMOTE_ADDRESS = "remote_address";
    /** Keycloak's client note of a device grant's verification (DeviceGrantType.OAUTH2_DEVICE_VERIFIED_USER_CODE). */
    static final String DEVICE_VERIFICATION_NOTE = "OAUTH2_DEVICE_VERIFIED_USER_CODE";

    /** A two-factor login's user and address. */
    public record Login(String userId, String address, String source) {
    }

    private TwoFactorLogins() {
    }

    public static Optional<Login> of(KeycloakSession session, RealmModel realm, Event event) {
        if (event.getType() != EventType.LOGIN || event.getError() != null || event.getUserId() == null) {
            return Optional.empty();
        }
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        if (TERMINAL_AUTH_METHOD.equals(details.get(Details.AUTH_METHOD))) {
            boolean secondFactor = LoginFactor.ofCredentialType(details.get(Details.CREDENTIAL_TYPE))
                    .filter(f -> f.kind() == LoginFactor.Kind.SECOND).isPresent();
            return secondFactor ? LoginAddress.canonical(details.get(REMOTE_ADDRESS))
                    .map(a -> new Login(event.getUserId(), a, SOURCE_TERMINAL)) : Optional.empty();
        }
        if (DEVICE_AUTH_METHOD.equals(details.get(Details.AUTH_METHOD))) {
            return LoginAddress.canonical(details.get(REMOTE_ADDRESS))
                    .map(a -> new Login(event.getUserId(), a, SOURCE_TERMINAL));
        }
        if (event.getSessionId() == null) {
            return Optional.empty();
        }
        UserSessionModel userSession = session.sessions().getUserSession(realm, event.getSessionId());
        if (userSession == null || userSession.getUser() == null
                || !event.getUserId().equals(userSession.getUser().getId())) {
            return Optional.empty();
        }
        if (approvesADeviceGrant(realm, userSession, event.getClientId())) {
            return Optional.empty();
        }
        TwoFactorEvidence evidence = LoginSteps.evidence(session, realm, userSession, false);
        if (evidence.missing(false).isPresent()) {
            return Optional.empty();
        }
        Optional<String> address = LoginAddress.canonical(event.getIpAddress());
        if (address.isEmpty() || !address.equals(LoginAddress.canonical(userSession.getIpAddress()))) {
            return Optional.empty();
        }
        return Optional.of(new Login(event.getUserId(), address.get(), SOURCE_BROWSER));
    }

    private static boolean approvesADeviceGrant(RealmModel realm, UserSessionModel userSession, String clientId) {
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        AuthenticatedClientSessionModel clientSession = client == null ? null
                : userSession.getAuthenticatedClientSessionByClient(client.getId());
        return clientSession != null && isDeviceVerification(clientSession.getNotes());
    }

    /** Whether a client session's notes are those of a device grant's browser login (never an address to allow). */
    static boolean isDeviceVerification(Map<String, String> clientSessionNotes) {
        return clientSessionNotes != null && clientSessionNotes.get(DEVICE_VERIFICATION_NOTE) != null;
    }
}
