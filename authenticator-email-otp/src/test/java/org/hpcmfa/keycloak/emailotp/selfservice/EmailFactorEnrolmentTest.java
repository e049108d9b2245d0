package org.hpcmfa.keycloak.emailotp.selfservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.hpcmfa.keycloak.common.selfservice.EnrolmentRefusal;
import org.hpcmfa.keycloak.common.selfservice.EnrolmentRequest;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** {@code mfa mk EMAIL}: refused before any mail when there is no address or the realm's domains exclude it. */
class EmailFactorEnrolmentTest {

    private static <T> T fake(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(EmailFactorEnrolmentTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Object answer = answers.get(method.getName());
                    return answer instanceof Stream<?> stream ? Stream.of(stream.toArray()) : answer;
                }));
    }

    private static RealmModel realmAllowing(String domains) {
        AuthenticationFlowModel flow = new AuthenticationFlowModel();
        flow.setId("flow-1");
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setAuthenticator("hpc-email-otp");
        execution.setRequirement(AuthenticationExecutionModel.Requirement.ALTERNATIVE);
        execution.setAuthenticatorConfig("config-1");
        AuthenticatorConfigModel config = new AuthenticatorConfigModel();
        config.setConfig(Map.of("allowed-domains", domains));
        return fake(RealmModel.class, Map.of("getAuthenticationFlowsStream", Stream.of(flow),
                "getAuthenticationExecutionsStream", Stream.of(execution), "getAuthenticatorConfigById", config));
    }

    private static EnrolmentRefusal refusal(RealmModel realm, String email) {
        Map<String, Object> user = new HashMap<>();
        user.put("getEmail", email);
        EnrolmentRequest request = new EnrolmentRequest(null, realm, fake(UserModel.class, user), "192.0.2.1", Map.of(),
                new HashMap<>());
        return assertThrows(EnrolmentRefusal.class, () -> new EmailFactorEnrolment().begin(request));
    }

    @Test
    void anAccountWithoutAnAddressIsToldToAddOne() {
        EnrolmentRefusal refused = refusal(realmAllowing(""), null);
        assertEquals("no_email", refused.error());
        assertEquals(400, refused.status());
    }

    @Test
    void anAddressOutsideTheRealmsDomainsGetsNoCode() {
        EnrolmentRefusal refused = refusal(realmAllowing("mila.quebec##*.kuleuven.be"), "eve@example.org");
        assertEquals("address_not_allowed", refused.error());
    }
}
