package org.hpcmfa.keycloak.it.sshcert;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_SERVER;
import org.hpcmfa.keycloak.it.prerequisites.Needs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Magento's "API token" path: a deployment job's confidential client gets a certificate with its service
 * account's client-credentials token, no second factor, for the principals an admin put on the service account
 * only; a real sshd accepts it for that login name and no other. People keep the MFA rule, whatever client
 * their token comes from.
 */
@Needs({OPENSSH_CLIENT, OPENSSH_SERVER})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class ServiceAccountCertificateIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @TempDir
    Path dir;

    DeviceLogin api;

    @BeforeEach
    void setUp() {
        api = new DeviceLogin(realm.getBaseUrl());
    }

    @AfterEach
    void demoPolicy() {
        SshAdminApi.configure(realm, Map.of("allowed-clients", List.of("ssh-cli", "ssh-gateway"),
                "service-account-clients", List.of("ci-deploy")));
        ClientRepresentation ciDeploy = ServiceAccounts.client(realm.admin(), "ci-deploy").toRepresentation();
        ciDeploy.setDirectAccessGrantsEnabled(false);
        ServiceAccounts.client(realm.admin(), "ci-deploy").update(ciDeploy);
    }

    private String key(String name) throws Exception {
        Sshd.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve(name).toString()), Map.of());
        return Files.readString(dir.resolve(name + ".pub")).trim();
    }

    private static String body(String publicKey, String extra) {
        return "{\"public_key\":\"" + publicKey + "\"" + (extra == null ? "" : "," + extra) + "}";
    }

    private static void assertRefused(DeviceLogin.Reply reply, int status, String error) {
        assertEquals(status, reply.status(), String.valueOf(reply.body()));
        assertEquals(error, reply.body().get("error").asText(), String.valueOf(reply.body()));
    }

    private List<EventRepresentation> events(String type, String userId) {
        return realm.admin().getEvents(List.of(type), null, userId, null, null, null, 0, 100);
    }

    /** The events of a user that are not in {@code before}, newest first: what this test caused. */
    private List<EventRepresentation> newEvents(String type, String userId, List<EventRepresentation> before) {
        List<String> old = before.stream().map(EventRepresentation::getId).toList();
        return events(type, userId).stream().filter(e -> !old.contains(e.getId())).toList();
    }

    @Test
    void theDemoDeployJobGetsACertificateForItsPrincipalOnlyThatARealSshdAccepts() throws Exception {
        String accountId = ServiceAccounts.userId(realm.admin(), "ci-deploy");
        List<EventRepresentation> before = new ArrayList<>(events("TOKEN_EXCHANGE", accountId));
        before.addAll(events("TOKEN_EXCHANGE_ERROR", accountId));
        String token = ServiceAccounts.token(realm.getBaseUrl(), realm.admin(), "ci-deploy");
        String publicKey = key("deploy");

        DeviceLogin.Reply signed = api.sign(token, body(publicKey, null));
        assertEquals(200, signed.status(), String.valueOf(signed.body()));
        JsonNode cert = signed.body();
        assertEquals("[\"deploy\"]", cert.get("principals").toString(), "only the service account's attribute");
        assertTrue(cert.get("service_account").asBoolean(), cert.toString());
        assertEquals("not_required", cert.get("mfa").asText());
        assertTrue(cert.get("key_id").asText().matches("mfa-demo:service-account:ci-deploy:\\d+"), cert.toString());
        assertEquals(3600 + 60, cert.get("valid_before").asLong() - cert.get("valid_after").asLong(),
                "the service accounts' 1 h cap, backdated 60 s");
        Path certFile = dir.resolve("deploy-cert.pub");
        Files.writeString(certFile, cert.get("certificate").asText() + "\n");
        String listed = Sshd.run(List.of("ssh-keygen", "-L", "-f", certFile.toString()), Map.of()).output();
        assertTrue(listed.matches("(?s).*Principals: \\s*deploy\\s+Critical Options: \\(none\\).*"), listed);

        // A request may narrow, never widen, and the service accounts' own validity cap holds.
        assertRefused(api.sign(token, body(publicKey, "\"principals\":[\"deploy\",\"service-account-ci-deploy\"]")),
                403, "principal_not_allowed");
        assertRefused(api.sign(token, body(publicKey, "\"principals\":[\"root\"]")), 403, "principal_not_allowed");
        assertRefused(api.sign(token, body(publicKey, "\"ttl\":7200")), 400, "ttl_too_long");
        DeviceLogin.Reply narrowed = api.sign(token, body(publicKey, "\"principals\":[\"deploy\"],\"ttl\":600"));
        assertEquals(200, narrowed.status(), String.valueOf(narrowed.body()));
        assertEquals(600 + 60, narrowed.body().get("valid_before").asLong() - narrowed.body().get("valid_after").asLong());

        String[] useCert = {"-i", dir.resolve("deploy").toString(), "-o", "CertificateFile=" + certFile,
                "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none"};
        try (Sshd sshd = Sshd.start(Files.createDirectories(dir.resolve("sshd")), api.caPub(), api.krl(), "deploy")) {
            Sshd.Result login = sshd.ssh(Map.of(), useCert);
            assertEquals(0, login.exitCode(), login.output() + sshd.log());
            assertTrue(login.output().contains("logged-in-as-" + sshd.account), login.output());
            assertTrue(sshd.log().contains("Accepted certificate ID \"" + cert.get("key_id").asText() + "\""), sshd.log());

            // The account now admits only another login name: the deploy certificate does not open it.
            sshd.principals("ops");
            assertNotEquals(0, sshd.ssh(Map.of(), useCert).exitCode(), "certificate accepted for another login name");
        }

        // One TOKEN_EXCHANGE per certificate, saying it went to a service account; refusals name their rule.
        List<EventRepresentation> issued = newEvents("TOKEN_EXCHANGE", accountId, before);
        List<String> serials = issued.stream().map(e -> e.getDetails().get("serial")).toList();
        assertEquals(List.of(narrowed.body().get("serial").asText(), cert.get("serial").asText()), serials);
        for (EventRepresentation event : issued) {
            assertEquals("ci-deploy", event.getClientId());
            assertEquals("true", event.getDetails().get("service_account"), event.getDetails().toString());
            assertEquals("ci-deploy", event.getDetails().get("client_id"));
            assertEquals("ssh-certificate", event.getDetails().get("requested_token_type"));
            assertEquals("deploy", event.getDetails().get("principals"));
            assertTrue(event.getDetails().get("key_id").startsWith("mfa-demo:service-account:ci-deploy:"));
        }
        List<EventRepresentation> refused = newEvents("TOKEN_EXCHANGE_ERROR", accountId, before);
        assertEquals(List.of("ssh_cert_ttl_too_long", "ssh_cert_principal_not_allowed", "ssh_cert_principal_not_allowed"),
                refused.stream().map(EventRepresentation::getError).toList());
        assertTrue(refused.stream().allMatch(e -> "true".equals(e.getDetails().get("service_account"))));
    }

    @Test
    void unlistedServiceAccountsAccountsWithoutPrincipalsAndPeopleWithoutMfaAreRefused() throws Exception {
        String publicKey = key("refused");

        // Listed among the people's clients is not enough: service accounts have their own list.
        String unlisted = ServiceAccounts.create(realm.admin(), "ci-unlisted", List.of("deploy"));
        SshAdminApi.configure(realm, Map.of("allowed-clients", List.of("ssh-cli", "ssh-gateway", unlisted)));
        DeviceLogin.Reply notAllowed = api.sign(ServiceAccounts.token(realm.getBaseUrl(), realm.admin(), unlisted),
                body(publicKey, null));
        assertRefused(notAllowed, 403, "service_account_not_allowed");
        assertEquals("The service account of client '" + unlisted + "' may not get SSH certificates in this realm: an "
                + "admin must list the client in 'Service accounts allowed to get certificates'.",
                notAllowed.body().get("error_description").asText());
        EventRepresentation refusedEvent = events("TOKEN_EXCHANGE_ERROR", ServiceAccounts.userId(realm.admin(), unlisted)).get(0);
        assertEquals("ssh_cert_service_account_not_allowed", refusedEvent.getError());
        assertEquals("true", refusedEvent.getDetails().get("service_account"));
        assertEquals(unlisted, refusedEvent.getDetails().get("client_id"));

        // Listed, but the admin gave its service account no principals.
        String bare = ServiceAccounts.create(realm.admin(), "ci-bare", List.of());
        SshAdminApi.configure(realm, Map.of("service-account-clients", List.of("ci-deploy", bare)));
        DeviceLogin.Reply noPrincipals = api.sign(ServiceAccounts.token(realm.getBaseUrl(), realm.admin(), bare),
                body(publicKey, null));
        assertRefused(noPrincipals, 403, "no_principals");
        assertTrue(noPrincipals.body().get("error_description").asText().contains("attribute 'ssh-principals'"),
                noPrincipals.body().toString());
        assertEquals("ssh_cert_no_principals",
                events("TOKEN_EXCHANGE_ERROR", ServiceAccounts.userId(realm.admin(), bare)).get(0).getError());

        // A person's password-only token from the allowed service-account client: the MFA rule still applies.
        ClientRepresentation ciDeploy = ServiceAccounts.client(realm.admin(), "ci-deploy").toRepresentation();
        ciDeploy.setDirectAccessGrantsEnabled(true);
        ServiceAccounts.client(realm.admin(), "ci-deploy").update(ciDeploy);
        String person = TestUsers.create(realm.admin(), "sa-person", "example.org", true);
        JsonNode password = api.post("/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "ci-deploy", "client_secret", TerminalApi.secret(realm.admin(), "ci-deploy"),
                "username", person, "password", TestUsers.PASSWORD)).body();
        String personToken = password.get("access_token").asText();
        assertRefused(api.sign(personToken, body(publicKey, null)), 403, "client_not_allowed");
        SshAdminApi.configure(realm, Map.of("allowed-clients", List.of("ssh-cli", "ssh-gateway", "ci-deploy")));
        DeviceLogin.Reply noMfa = api.sign(personToken, body(publicKey, null));
        assertRefused(noMfa, 403, "mfa_required");
        assertTrue(noMfa.body().get("error_description").asText().startsWith("Access requires MFA"), noMfa.body().toString());
        assertEquals("ssh_cert_mfa_required", events("TOKEN_EXCHANGE_ERROR", TestUsers.id(realm.admin(), person)).get(0).getError());

        // Real realms start with no service account allowed: the demo's own job is then refused too, at once.
        String deployToken = ServiceAccounts.token(realm.getBaseUrl(), realm.admin(), "ci-deploy");
        assertEquals(200, api.sign(deployToken, body(publicKey, null)).status());
        SshAdminApi.configure(realm, Map.of("service-account-clients", List.of()));
        assertRefused(api.sign(deployToken, body(publicKey, null)), 403, "service_account_not_allowed");
    }
}
