package org.hpcmfa.keycloak.sms.selfservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** {@code mfa mk SMS}: refused before anything is sent when the realm has no gateway or the number is not E.164. */
class SmsFactorEnrolmentTest {

    private static RealmModel realm(String gateway) {
        AuthenticationFlowModel flow = new AuthenticationFlowModel();
        flow.setId("flow-1");
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setAuthenticator("hpc-sms");
        execution.setRequirement(AuthenticationExecutionModel.Requirement.ALTERNATIVE);
        execution.setAuthenticatorConfig("config-1");
        AuthenticatorConfigModel config = new AuthenticatorConfigModel();
        config.setConfig(gateway == null ? Map.of() : Map.of("gateway", gateway));
        return (RealmModel) Proxy.newProxyInstance(SmsFactorEnrolmentTest.class.getClassLoader(),
                new Class<?>[] {RealmModel.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAuthenticationFlowsStream" -> Stream.of(flow);
                    case "getAuthenticationExecutionsStream" -> Stream.of(execution);
                    case "getAuthenticatorConfigById" -> config;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static EnrolmentRequest request(RealmModel realm, String phone, Map<String, String> notes) {
        return new EnrolmentRequest(null, realm, null, "192.0.2.1", phone == null ? Map.of() : Map.of("phone", phone), notes);
    }

    @Test
    void smsIsOfferedOnlyWhereAGatewayIsConfigured() {
        SmsFactorEnrolment sms = new SmsFactorEnrolment();
        assertEquals("SMS", sms.method());
        assertEquals("hpc-sms", sms.credentialType());
        assertTrue(sms.offeredIn(realm("webhook")));
        assertFalse(sms.offeredIn(realm(null)));
        EnrolmentRefusal refused = assertThrows(EnrolmentRefusal.class,
                () -> sms.begin(request(realm(null), "+32470123456", new HashMap<>())));
        assertEquals("method_not_offered", refused.error());
    }

    @Test
    void aNumberNotInInternationalFormIsInvalidPhoneAndNothingIsKept() {
        Map<String, String> notes = new HashMap<>();
        for (String phone : new String[] {null, "0470 12 34 56", "+32 470 12 34 56; rm -rf /", "+1"}) {
            EnrolmentRefusal refused = assertThrows(EnrolmentRefusal.class,
                    () -> new SmsFactorEnrolment().begin(request(realm("webhook"), phone, notes)));
            assertEquals("invalid_phone", refused.error());
            assertEquals(400, refused.status());
            assertTrue(refused.getMessage().contains("international form"), refused.getMessage());
        }
        assertTrue(notes.isEmpty(), "a refused number was kept: " + notes);
    }

    @Test
    void aConfirmWithoutAPendingPhoneIsAnExpiredEnrolment() {
        EnrolmentRefusal refused = assertThrows(EnrolmentRefusal.class,
                () -> new SmsFactorEnrolment().confirm(request(realm("webhook"), null, new HashMap<>()), "123456"));
        assertEquals("expired_enrolment", refused.error());
    }
}
