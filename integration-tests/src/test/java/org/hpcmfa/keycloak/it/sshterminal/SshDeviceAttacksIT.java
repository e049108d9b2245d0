package org.hpcmfa.keycloak.it.sshterminal;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.CHROMIUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.Mails;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.browser.Chromium;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.hpcmfa.keycloak.it.push.PushAdmin;
import org.hpcmfa.keycloak.it.sshcert.DeviceLogin;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;

/**
 * What a login node (or someone holding its client secret) could try at {@code ssh-terminal/device/finish} with
 * real device-grant tokens: the same token twice (a replay), and the token of a browser login whose second step was
 * only an email code (a gateway bound to a weaker flow by mistake). Both are refused with their codes and events.
 */
@Needs({CHROMIUM})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class SshDeviceAttacksIT {

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @Test
    void anAccessTokenAlreadyUsedAtFinishIsRefusedTheSecondTime() throws Exception {
        String user = TestUsers.create(realm.admin(), "da-replay", "example.org", false, true);
        TerminalApi api = new TerminalApi(realm.getBaseUrl());
        String secret = TerminalApi.secret(realm.admin(), "ssh-gateway");
        String gateway = api.gatewayToken("ssh-gateway", secret);
        String token = deviceToken(secret, user, false);

        TerminalApi.Reply first = api.call(gateway, "device/finish", Map.of("username", user, "access_token", token));
        assertEquals(200, first.status(), first.body().toString());
        TerminalApi.Reply replay = api.call(gateway, "device/finish", Map.of("username", user, "access_token", token));
        assertEquals(401, replay.status(), replay.body().toString());
        assertEquals("device_token_used", replay.text("error"));
        assertTrue(PushAdmin.events(realm.admin(), TestUsers.id(realm.admin(), user), "LOGIN_ERROR").stream()
                .anyMatch(e -> "ssh_terminal_device_token_used".equals(e.getError())), "a replay event");
    }

    @Test
    void aDeviceLoginWithOnlyAnEmailCodeIsNotASecondFactor() throws Exception {
        // The gateway bound to the web applications' flow (password, then TOTP, push or an email code): a user whose
        // only second factor is the mailbox completes the browser login, but the SSH login must not open.
        String user = TestUsers.create(realm.admin(), "da-email", "example.org", true);
        ClientRepresentation client = realm.admin().clients().findByClientId("ssh-gateway").get(0);
        Map<String, String> original = new HashMap<>(client.getAuthenticationFlowBindingOverrides());
        String mfaBrowser = realm.admin().flows().getFlows().stream().filter(f -> "mfa-browser".equals(f.getAlias()))
                .findFirst().orElseThrow().getId();
        client.setAuthenticationFlowBindingOverrides(Map.of("browser", mfaBrowser));
        realm.admin().clients().get(client.getId()).update(client);
        try {
            TerminalApi api = new TerminalApi(realm.getBaseUrl());
            String secret = TerminalApi.secret(realm.admin(), "ssh-gateway");
            String gateway = api.gatewayToken("ssh-gateway", secret);
            String token = deviceToken(secret, user, true);

            TerminalApi.Reply finished = api.call(gateway, "device/finish",
                    Map.of("username", user, "access_token", token));
            assertEquals(403, finished.status(), finished.body().toString());
            assertEquals("device_mfa_required", finished.text("error"));
            assertTrue(PushAdmin.events(realm.admin(), TestUsers.id(realm.admin(), user), "LOGIN_ERROR").stream()
                    .anyMatch(e -> "ssh_terminal_device_mfa_required".equals(e.getError())
                            && "password+email code".equals(e.getDetails().get("factors"))),
                    "a refusal naming the email code");
        } finally {
            client.setAuthenticationFlowBindingOverrides(original);
            realm.admin().clients().get(client.getId()).update(client);
        }
    }

    /** A device grant of the gateway, completed in Chromium (TOTP, or the mailed code), polled to its token. */
    private String deviceToken(String secret, String user, boolean emailCode) throws Exception {
        DeviceLogin device = new DeviceLogin(realm.getBaseUrl());
        JsonNode grant = device.start("ssh-gateway", secret); // names a key: the demo realm asks for one
        String link = grant.get("verification_uri_complete").asText();
        try (Chromium chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en")) {
            LoginDriver browser = new LoginDriver(chromium.managed(), realm);
            if (emailCode) {
                int before = mail.getReceivedMessages().length;
                DeviceLogin.openInBrowser(browser, link, user);
                chromium.waitFor(By.id("emailCode"));
                browser.emailCode(Mails.code(mailTo(user, before)));
                if (browser.isPresent(By.id("kc-oauth"))) {
                    browser.submit(chromium.driver().findElement(By.id("kc-login")));
                }
                chromium.waitUntil("Keycloak's device success page",
                        () -> chromium.driver().getPageSource().contains("Device Login Successful"));
            } else {
                SshDeviceModeIT.logInWithTotp(chromium, browser, link, user);
            }
        }
        return device.poll("ssh-gateway", secret, grant.get("device_code").asText());
    }

    private MimeMessage mailTo(String user, int before) throws Exception {
        for (int i = 0; i < 100; i++) {
            MimeMessage[] all = mail.getReceivedMessages();
            for (int j = all.length - 1; j >= before; j--) {
                if (all[j].getAllRecipients()[0].toString().startsWith(user + "@")) {
                    return all[j];
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no code mail to " + user + " among " + List.of(mail.getReceivedMessages()).size());
    }
}
