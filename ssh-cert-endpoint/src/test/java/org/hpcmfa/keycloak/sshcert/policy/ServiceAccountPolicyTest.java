package org.hpcmfa.keycloak.sshcert.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;

class ServiceAccountPolicyTest {

    private static SshCertPolicy policy(Map<String, List<String>> config) {
        MultivaluedHashMap<String, String> map = new MultivaluedHashMap<>();
        config.forEach(map::put);
        return SshCertPolicy.from(map);
    }

    /** A user whose attributes answer by name; {@code link} is the service-account client link (null: a person). */
    private static UserModel user(String username, String link, Map<String, List<String>> attributes) {
        return (UserModel) Proxy.newProxyInstance(ServiceAccountPolicyTest.class.getClassLoader(),
                new Class<?>[] {UserModel.class}, (p, m, a) -> switch (m.getName()) {
                    case "getUsername" -> username;
                    case "getId" -> "id-" + username;
                    case "getServiceAccountClientLink" -> link;
                    case "getAttributeStream" -> attributes.getOrDefault((String) a[0], List.of()).stream();
                    case "getGroupsStream" -> Stream.empty();
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static CertificateRequester.Caller caller(UserModel user, String clientId) {
        AccessToken token = new AccessToken();
        token.issuedFor(clientId);
        return new CertificateRequester.Caller(token, user, null, null);
    }

    @Test
    void withoutSettingsNoServiceAccountIsAllowedAndTheDefaultsAreStrict() {
        ServiceAccountPolicy accounts = policy(Map.of()).serviceAccounts();
        assertEquals(List.of(), accounts.clients());
        assertFalse(accounts.allows("ci-deploy"));
        assertFalse(accounts.allows(null));
        assertEquals(3600, accounts.maxTtlSeconds());
        assertEquals("ssh-principals", accounts.principalsAttribute());
        assertEquals("{realm}:service-account:{clientId}:{serial}", accounts.keyIdTemplate());
    }

    @Test
    void clientsAsTheConsoleAndKcadmWriteThem() {
        ServiceAccountPolicy accounts = policy(Map.of("service-account-clients", List.of("ci-deploy##backup, nightly"),
                "service-account-max-ttl-seconds", List.of("600"),
                "service-account-principals-attribute", List.of(" cluster_login "))).serviceAccounts();
        assertEquals(List.of("ci-deploy", "backup", "nightly"), accounts.clients());
        assertTrue(accounts.allows("backup"));
        assertEquals(600, accounts.maxTtlSeconds());
        assertEquals("cluster_login", accounts.principalsAttribute());
    }

    @Test
    void serviceAccountTermsComeOnlyFromItsAttributeWithTheirOwnCap() throws Exception {
        SshCertPolicy policy = policy(Map.of("service-account-clients", List.of("ci-deploy"),
                "principals-attribute", List.of("cluster_login"),
                "group-principals", List.of("/ops=ops")));
        UserModel account = user("service-account-ci-deploy", "client-uuid",
                Map.of("ssh-principals", List.of("deploy", "bad name"), "cluster_login", List.of("root")));
        CertificateTerms terms = CertificateTerms.of(policy, caller(account, "ci-deploy"));
        assertTrue(terms.serviceAccount());
        assertEquals(List.of("deploy"), terms.principals(), "not the username, not the people's attribute");
        assertEquals(3600, terms.maxTtlSeconds());
        assertEquals(3600, terms.defaultTtlSeconds());
        assertNull(terms.sessionLimit());
        assertEquals("principal_not_allowed", assertThrows(SignRefusal.class,
                () -> Principals.narrow(terms.principals(), List.of("deploy", "root"))).error());
        assertEquals("ttl_too_long", assertThrows(SignRefusal.class,
                () -> Validity.of(terms, 7200, null, 1_000_000)).error());
        Validity hour = Validity.of(terms, null, null, 1_000_000);
        assertEquals(1_000_000 + 3600, hour.validBefore());
    }

    @Test
    void aServiceAccountWithoutPrincipalsIsRefused() {
        SshCertPolicy policy = policy(Map.of("service-account-clients", List.of("ci-deploy")));
        UserModel account = user("service-account-ci-deploy", "client-uuid", Map.of());
        SignRefusal refusal = assertThrows(SignRefusal.class, () -> CertificateTerms.of(policy, caller(account, "ci-deploy")));
        assertEquals("no_principals", refusal.error());
        assertEquals(403, refusal.status());
        assertTrue(refusal.getMessage().contains("'ssh-principals'"), refusal.getMessage());
    }

    @Test
    void aPersonKeepsThePeoplesTerms() throws Exception {
        SshCertPolicy policy = policy(Map.of("service-account-clients", List.of("ci-deploy"),
                "max-ttl-seconds", List.of("7200")));
        UserModel person = user("ada", null, Map.of("ssh-principals", List.of("deploy")));
        CertificateTerms terms = CertificateTerms.of(policy, caller(person, "ci-deploy"));
        assertFalse(terms.serviceAccount());
        assertEquals(List.of("ada"), terms.principals(), "the service-account attribute means nothing for people");
        assertEquals(7200, terms.maxTtlSeconds());
        assertEquals("{realm}:{username}:{serial}:{clientId}", terms.keyIdTemplate());
    }
}
