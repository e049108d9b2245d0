package org.hpcmfa.keycloak.common.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.common.events.EventErrors.Capability;
import org.hpcmfa.keycloak.common.selfservice.EnrolmentRefusal;
import org.hpcmfa.keycloak.common.selfservice.EnrolmentRequest;
import org.hpcmfa.keycloak.common.selfservice.EnrolmentStep;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The terminal set-up of a code factor (email, SMS) as the account API drives it: begin, then confirm. */
class CodeEnrolmentTest {

    private static final CodeRules RULES = new CodeRules(6, 300, 3, 30, 3);

    private final ClockedStore store = new ClockedStore();
    private final List<String> delivered = new ArrayList<>();
    private boolean gatewayDown;

    private final CodeChannel channel = new CodeChannel() {
        @Override
        public String keyPrefix() {
            return "hpc-test";
        }

        @Override
        public Capability capability() {
            return Capability.SMS_CODE;
        }

        @Override
        public String noun() {
            return "test";
        }

        @Override
        public EventBuilder sendEvent() {
            return new RecordedEvent();
        }

        @Override
        public String sendFailedError() {
            return "sms_code_send_failed";
        }

        @Override
        public void deliver(String code, CodeRules rules) throws DeliveryFailure {
            if (gatewayDown) {
                throw new DeliveryFailure("gateway answered HTTP 503", null);
            }
            delivered.add(code);
        }

        @Override
        public void recordSent(EventBuilder event) {
        }
    };

    private final List<String> errors = new ArrayList<>();

    /** An event that records its error instead of storing it (no transaction in a unit test). */
    private final class RecordedEvent extends EventBuilder {
        RecordedEvent() {
            super(realm, session);
            event(org.keycloak.events.EventType.UPDATE_CREDENTIAL);
        }

        @Override
        public void error(String error) {
            errors.add(error);
        }
    }

    private final KeycloakSessionFactory factory = Fakes.of(KeycloakSessionFactory.class, Map.of());
    private final KeycloakSession session = Fakes.of(KeycloakSession.class, Map.of("singleUseObjects", a -> store,
            "getKeycloakSessionFactory", a -> factory));
    private final RealmModel realm = Fakes.of(RealmModel.class, Map.of("getId", a -> "realm-1", "getName", a -> "demo"));

    private EnrolmentRequest request(String userId, Map<String, String> notes) {
        store.now = Time.currentTime();
        UserModel user = Fakes.of(UserModel.class, Map.of("getId", a -> userId));
        return new EnrolmentRequest(session, realm, user, "192.0.2.1", Map.of(), notes);
    }

    @Test
    void theCodeSentAtBeginConfirmsOnceAndIsNeverKeptInClear() throws EnrolmentRefusal {
        Map<String, String> notes = new HashMap<>();
        EnrolmentStep step = CodeEnrolment.begin(request("u1", notes), RULES, channel, "+32 *** *** 56");
        assertFalse(step.complete());
        assertEquals(Map.of("sentTo", "+32 *** *** 56", "expiresIn", 300), step.shown());
        String code = delivered.get(0);
        assertFalse(notes.containsValue(code), "the plain code is in the set-up's notes");

        Map<String, String> replayed = new HashMap<>(notes);
        CodeEnrolment.confirm(request("u1", notes), RULES, channel, code);
        EnrolmentRefusal again = assertThrows(EnrolmentRefusal.class,
                () -> CodeEnrolment.confirm(request("u1", replayed), RULES, channel, code));
        assertEquals("expired_enrolment", again.error());
    }

    @Test
    void wrongCodesAreRefusedAndKillTheCodeAtTheLimit() throws EnrolmentRefusal {
        Map<String, String> notes = new HashMap<>();
        CodeEnrolment.begin(request("u2", notes), RULES, channel, "x");
        String code = delivered.get(0);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 3; i++) {
            EnrolmentRefusal refused = assertThrows(EnrolmentRefusal.class,
                    () -> CodeEnrolment.confirm(request("u2", notes), RULES, channel, wrong));
            assertEquals("invalid_code", refused.error());
            assertEquals(400, refused.status());
        }
        EnrolmentRefusal dead = assertThrows(EnrolmentRefusal.class,
                () -> CodeEnrolment.confirm(request("u2", notes), RULES, channel, code));
        assertEquals("expired_enrolment", dead.error());
    }

    @Test
    void anotherSetUpsNotesProveNothing() throws EnrolmentRefusal {
        Map<String, String> mine = new HashMap<>();
        CodeEnrolment.begin(request("u3", mine), RULES, channel, "x");
        EnrolmentRefusal refused = assertThrows(EnrolmentRefusal.class,
                () -> CodeEnrolment.confirm(request("u4", new HashMap<>()), RULES, channel, delivered.get(0)));
        assertEquals("expired_enrolment", refused.error());
    }

    @Test
    void sendsAreThrottledAndAFailedSendKeepsTheEarlierCode() throws EnrolmentRefusal {
        Map<String, String> notes = new HashMap<>();
        CodeEnrolment.begin(request("u5", notes), RULES, channel, "x");
        EnrolmentRefusal cooldown = assertThrows(EnrolmentRefusal.class,
                () -> CodeEnrolment.begin(request("u5", notes), RULES, channel, "x"));
        assertEquals("rate_limited", cooldown.error());
        assertEquals(429, cooldown.status());
        assertEquals(List.of("sms_code_resend_cooldown"), errors);

        CodeRules noCooldown = new CodeRules(6, 300, 3, 0, 3);
        gatewayDown = true;
        EnrolmentRefusal failed = assertThrows(EnrolmentRefusal.class,
                () -> CodeEnrolment.begin(request("u5", notes), noCooldown, channel, "x"));
        assertEquals("delivery_failed", failed.error());
        assertEquals("sms_code_send_failed", errors.get(1));
        gatewayDown = false;
        CodeEnrolment.confirm(request("u5", notes), noCooldown, channel, delivered.get(0));

        CodeEnrolment.begin(request("u5", new HashMap<>()), noCooldown, channel, "x");
        CodeEnrolment.begin(request("u5", new HashMap<>()), noCooldown, channel, "x");
        EnrolmentRefusal hourly = assertThrows(EnrolmentRefusal.class,
                () -> CodeEnrolment.begin(request("u5", new HashMap<>()), noCooldown, channel, "x"));
        assertEquals("rate_limited", hourly.error());
        assertEquals("sms_code_hourly_limit", errors.get(2));
    }
}
