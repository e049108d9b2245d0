package org.hpcmfa.keycloak.recoverycodes.directgrant;

import jakarta.ws.rs.core.MultivaluedMap;

import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodeFormat;
import org.keycloak.authentication.AuthenticationFlowContext;

/**
 * The one code field of a direct grant (the terminal's "Code from your second factor"): Keycloak's OTP step reads
 * {@code otp}, or {@code totp} for older clients, so a recovery code travels in the same field.
 */
final class DirectGrantCode {

    private DirectGrantCode() {
    }

    static String typed(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String otp = form.getFirst("otp");
        return otp != null ? otp : form.getFirst("totp");
    }

    /** A recovery code's shape, never a 6-digit TOTP code: which of the two steps the typed code is for. */
    static boolean isRecoveryCode(AuthenticationFlowContext context) {
        return RecoveryCodeFormat.looksLikeCode(RecoveryCodeFormat.normalise(typed(context)));
    }
}
