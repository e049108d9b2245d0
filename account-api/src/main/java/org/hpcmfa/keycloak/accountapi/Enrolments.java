package org.hpcmfa.keycloak.accountapi;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hpcmfa.keycloak.common.compat.BruteForceReports;
import org.hpcmfa.keycloak.common.rest.ApiRefusal;
import org.hpcmfa.keycloak.common.selfservice.EnrolmentRefusal;
import org.hpcmfa.keycloak.common.selfservice.EnrolmentRequest;
import org.hpcmfa.keycloak.common.selfservice.EnrolmentStep;
import org.hpcmfa.keycloak.common.selfservice.FactorEnrolment;
import org.hpcmfa.keycloak.common.selfservice.SelfServiceCall;
import org.keycloak.events.Details;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * {@code mfa mk METHOD}: begin (the method's provider makes a secret or sends a code; its notes are kept under a
 * handle) and confirm (the person's code; the provider creates the credential, then a fresh set of recovery codes is
 * issued, voiding the old one). Wrong codes count towards Keycloak's brute-force lockout.
 */
final class Enrolments {

    private Enrolments() {
    }

    static Optional<FactorEnrolment> provider(SelfServiceCall call, String method) {
        return call.session().getAllProviders(FactorEnrolment.class).stream()
                .filter(p -> p.method().equalsIgnoreCase(method)).findFirst();
    }

    static Map<String, Object> begin(SelfServiceCall call, Bodies.Enrolment body) throws ApiRefusal {
        String method = body.method == null ? "" : body.method.trim().toUpperCase(java.util.Locale.ROOT);
        call.event().detail(Answers.METHOD, method);
        FactorEnrolment provider = provider(call, method).filter(p -> p.offeredIn(call.realm()))
                .orElseThrow(() -> Answers.methodNotOffered(method));
        call.event().detail(Details.CREDENTIAL_TYPE, provider.credentialType());
        call.requireSecondFactorIfEnrolled();
        call.limit("enrol");
        Map<String, String> parameters = new HashMap<>();
        if (body.phone != null) {
            parameters.put("phone", body.phone);
        }
        Map<String, String> notes = new HashMap<>();
        EnrolmentStep step;
        try {
            step = provider.begin(request(call, parameters, notes));
        } catch (EnrolmentRefusal refusal) {
            throw new ApiRefusal(refusal.status(), refusal.error(), refusal.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("method", provider.method());
        answer.putAll(step.shown());
        if (step.complete()) {
            answer.put("complete", true);
            answer.putAll(RecoveryCodes.freshSet(call));
            return answer;
        }
        String handle = new PendingEnrolments(call.session().singleUseObjects()).create(call.user(), provider.method(),
                notes, call.settings().enrolmentSeconds());
        answer.put("enrolment", handle);
        answer.put("complete", false);
        answer.put("expiresIn", call.settings().enrolmentSeconds());
        return answer;
    }

    static Map<String, Object> confirm(SelfServiceCall call, String handle, Bodies.Code body) throws ApiRefusal {
        PendingEnrolments pending = new PendingEnrolments(call.session().singleUseObjects());
        PendingEnrolments.Pending enrolment = pending.claim(call.user(), handle);
        call.event().detail(Answers.METHOD, enrolment.method());
        FactorEnrolment provider = provider(call, enrolment.method())
                .orElseThrow(() -> Answers.methodNotOffered(enrolment.method()));
        call.event().detail(Details.CREDENTIAL_TYPE, provider.credentialType());
        BruteForceProtector protector = call.session().getProvider(BruteForceProtector.class);
        if (protector.isTemporarilyDisabled(call.session(), call.realm(), call.user())
                || protector.isPermanentlyLockedOut(call.session(), call.realm(), call.user())) {
            pending.failed(enrolment);
            throw Answers.locked();
        }
        EnrolmentStep step;
        try {
            step = provider.confirm(request(call, Map.of(), enrolment.notes()), body.code == null ? "" : body.code.trim());
        } catch (EnrolmentRefusal refusal) {
            pending.failed(enrolment);
            if ("invalid_code".equals(refusal.error())) {
                BruteForceReports.failedLogin(protector, call.realm(), call.user(), call.session().getContext().getConnection(),
                        call.session().getContext().getUri(), provider.credentialType());
            }
            throw new ApiRefusal(refusal.status(), refusal.error(), refusal.getMessage());
        }
        pending.complete(enrolment);
        BruteForceReports.successfulLogin(protector, call.realm(), call.user(), call.session().getContext().getConnection(),
                call.session().getContext().getUri(), provider.credentialType());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("complete", true);
        answer.put("method", provider.method());
        answer.putAll(step.shown());
        Object credentialId = step.shown().get("credentialId");
        if (credentialId != null) {
            call.event().detail(Details.CREDENTIAL_ID, credentialId.toString());
        }
        answer.putAll(RecoveryCodes.freshSet(call));
        return answer;
    }

    private static EnrolmentRequest request(SelfServiceCall call, Map<String, String> parameters, Map<String, String> notes) {
        return new EnrolmentRequest(call.session(), call.realm(), call.user(),
                call.session().getContext().getConnection().getRemoteAddr(), parameters, notes);
    }

    /** The methods the realm offers to set up, in a stable order. */
    static List<String> offered(SelfServiceCall call) {
        return call.session().getAllProviders(FactorEnrolment.class).stream().filter(p -> p.offeredIn(call.realm()))
                .map(FactorEnrolment::method).sorted().toList();
    }
}
