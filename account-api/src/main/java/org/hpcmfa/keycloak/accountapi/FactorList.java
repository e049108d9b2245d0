package org.hpcmfa.keycloak.accountapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.common.selfservice.SelfServiceCall;
import org.keycloak.credential.CredentialModel;

/** {@code mfa ls}: the person's second factors, what the realm offers to set up, the recovery codes left. */
final class FactorList {

    private FactorList() {
    }

    static Map<String, Object> of(SelfServiceCall call) {
        List<Map<String, Object>> factors = call.user().credentialManager().getStoredCredentialsStream()
                .filter(c -> Methods.ofType(c.getType()).isPresent())
                .map(FactorList::factor).toList();
        Map<String, Object> codes = RecoveryCodes.status(call);
        return Answers.of("username", call.user().getUsername(), "factors", factors,
                "methods", Enrolments.offered(call),
                "recoveryCodes", Answers.of("remaining", codes.get("remaining"), "count", codes.get("count"),
                        "warn", codes.get("warn")));
    }

    private static Map<String, Object> factor(CredentialModel credential) {
        Map<String, Object> factor = new LinkedHashMap<>();
        factor.put("id", credential.getId());
        factor.put("type", credential.getType());
        factor.put("method", Methods.ofType(credential.getType()).orElseThrow());
        factor.put("label", credential.getUserLabel());
        factor.put("created", credential.getCreatedDate());
        return factor;
    }
}
