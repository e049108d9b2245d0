package org.hpcmfa.keycloak.allowlist.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

/** The SSH logins' part of the rule (no user session involved): which events allow the SSH client's address. */
class TwoFactorLoginsTest {

    private static Event event(EventType type, String error, Map<String, String> details) {
        Event event = new Event();
        event.setType(type);
        event.setError(error);
        event.setUserId("u-1");
        event.setIpAddress("10.0.0.9"); // the login node's own address, which is never the one allowed
        event.setDetails(new HashMap<>(details));
        return event;
    }

    private static Optional<TwoFactorLogins.Login> of(Event event) {
        return TwoFactorLogins.of(null, null, event);
    }

    @Test
    void theTerminalPromptWithASecondFactorAllowsTheSshClientsAddress() {
        Optional<TwoFactorLogins.Login> login = of(event(EventType.LOGIN, null,
                Map.of("auth_method", "ssh-terminal", "credential_type", "otp", "remote_address", "2001:DB8::77")));
        assertEquals(Optional.of(new TwoFactorLogins.Login("u-1", "2001:db8::77", "ssh-terminal")), login);
    }

    @Test
    void theTerminalPromptWithAnEmailCodeAllowsNothing() {
        assertTrue(of(event(EventType.LOGIN, null, Map.of("auth_method", "ssh-terminal",
                "credential_type", "hpc-email-otp", "remote_address", "192.0.2.7"))).isEmpty());
    }

    @Test
    void theDeviceModesLoginAllowsTheSshClientsAddress() {
        Optional<TwoFactorLogins.Login> login = of(event(EventType.LOGIN, null,
                Map.of("auth_method", "ssh-terminal-device", "factors", "password+TOTP", "remote_address", "192.0.2.7")));
        assertEquals(Optional.of(new TwoFactorLogins.Login("u-1", "192.0.2.7", "ssh-terminal")), login);
    }

    @Test
    void aRefusedDeviceLoginOrAMalformedAddressAllowsNothing() {
        assertTrue(of(event(EventType.LOGIN_ERROR, "ssh_terminal_device_wrong_user",
                Map.of("auth_method", "ssh-terminal-device", "remote_address", "192.0.2.7"))).isEmpty());
        assertTrue(of(event(EventType.LOGIN, null,
                Map.of("auth_method", "ssh-terminal-device", "remote_address", "192.0.2.7; rm -rf /"))).isEmpty());
        assertTrue(of(event(EventType.LOGIN, null, Map.of("auth_method", "ssh-terminal-device"))).isEmpty());
    }

    @Test
    void theBrowserLoginThatApprovesADeviceGrantIsRecognised() {
        assertTrue(TwoFactorLogins.isDeviceVerification(Map.of("OAUTH2_DEVICE_VERIFIED_USER_CODE", "ABCD-EFGH",
                "iss", "https://id.example.org/realms/hpc")), "the phone's login behind the QR code");
        assertFalse(TwoFactorLogins.isDeviceVerification(Map.of("response_type", "code", "redirect_uri",
                "https://app.example.org/")), "an ordinary browser login");
        assertFalse(TwoFactorLogins.isDeviceVerification(null));
        assertEquals("OAUTH2_DEVICE_VERIFIED_USER_CODE",
                org.keycloak.protocol.oidc.grants.device.DeviceGrantType.OAUTH2_DEVICE_VERIFIED_USER_CODE,
                "the note Keycloak sets on a device verification");
    }
}
