package org.hpcmfa.keycloak.accountapi;

import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.common.rest.ApiRefusal;
import org.hpcmfa.keycloak.common.selfservice.RecoveryCodeIssuer;
import org.hpcmfa.keycloak.common.selfservice.SelfServiceCall;
import org.keycloak.events.Details;

/**
 * Recovery codes through mfa-common's {@link RecoveryCodeIssuer} (the module that owns them): a fresh set after
 * every completed set-up and on {@code mfa recovery-codes --regenerate}, and how many remain. Without that module
 * the answers say so with empty values, and regenerating is {@code method_not_offered}.
 */
final class RecoveryCodes {

    private RecoveryCodes() {
    }

    /** The new set's fields of an answer, voiding the old set; none without an issuer. */
    static Map<String, Object> freshSet(SelfServiceCall call) {
        RecoveryCodeIssuer issuer = call.session().getProvider(RecoveryCodeIssuer.class);
        if (issuer == null) {
            return Answers.of("recoveryCodes", List.of());
        }
        List<String> codes = issuer.issue(call.session(), call.realm(), call.user());
        call.event().detail("recovery_codes", Integer.toString(codes.size()));
        return Answers.of("recoveryCodes", codes, "recoveryCodesWarnAt", issuer.warnAt(call.realm()));
    }

    static Map<String, Object> status(SelfServiceCall call) {
        RecoveryCodeIssuer issuer = call.session().getProvider(RecoveryCodeIssuer.class);
        if (issuer == null) {
            return Answers.of("remaining", 0, "warn", false, "warnAt", 0, "count", 0);
        }
        int remaining = issuer.remaining(call.realm(), call.user());
        int warnAt = issuer.warnAt(call.realm());
        return Answers.of("remaining", remaining, "warn", remaining > 0 && remaining <= warnAt, "warnAt", warnAt,
                "count", issuer.count(call.realm()));
    }

    static Map<String, Object> regenerate(SelfServiceCall call) throws ApiRefusal {
        RecoveryCodeIssuer issuer = call.session().getProvider(RecoveryCodeIssuer.class);
        call.event().detail(Details.CREDENTIAL_TYPE, "recovery-authn-codes");
        if (issuer == null) {
            throw Answers.methodNotOffered("RECOVERY_CODES");
        }
        call.requireSecondFactorIfEnrolled();
        call.limit("recovery-codes");
        List<String> codes = issuer.issue(call.session(), call.realm(), call.user());
        return Answers.of("recoveryCodes", codes, "remaining", codes.size(), "warnAt", issuer.warnAt(call.realm()));
    }
}
