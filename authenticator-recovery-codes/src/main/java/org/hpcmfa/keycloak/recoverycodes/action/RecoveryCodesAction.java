package org.hpcmfa.keycloak.recoverycodes.action;

import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.core.MultivaluedMap;

import org.hpcmfa.keycloak.recoverycodes.RecoveryCodeEvents;
import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodeGenerator;
import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodeSettings;
import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodes;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.EventType;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Shows a new set of recovery codes once, in the realm's count, and stores it (voiding the old set) when the
 * person confirms they kept it. Runs after an enrolment ({@link EnrolmentTrigger}), on request
 * ({@code kc_action=hpc-recovery-codes}, the Account Console's "Set up" of recovery codes), and after a login that
 * left few codes, where it first warns and offers the new set now or later.
 */
public class RecoveryCodesAction implements RequiredActionProvider {

    /** The codes of the page being shown, until confirmed: reloading the page shows the same codes. */
    static final String NOTE_PENDING = "hpc-recovery-codes.pending";

    static final String PARAM_REGENERATE = "regenerate";
    static final String PARAM_LATER = "later";

    /** The portal and the Account Console may start it: {@code kc_action=hpc-recovery-codes} regenerates. */
    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        EnrolmentTrigger.evaluate(context.getAuthenticationSession(), context.getUser());
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String low = LowCodesNotice.pending(authSession);
        if (low != null && authSession.getAuthNote(NOTE_PENDING) == null) {
            context.challenge(RecoveryCodesPages.low(context, Integer.parseInt(low)));
            return;
        }
        context.challenge(RecoveryCodesPages.codes(context, pendingCodes(context)));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String pending = authSession.getAuthNote(NOTE_PENDING);
        if (pending == null) {
            if (form.containsKey(PARAM_LATER)) {
                LowCodesNotice.clear(authSession);
                context.success();
                return;
            }
            // "Get new codes now" on the warning page, or a form posted twice: show a set to keep.
            context.challenge(RecoveryCodesPages.codes(context, pendingCodes(context)));
            return;
        }
        List<String> codes = Arrays.asList(pending.split(","));
        RecoveryCodes.store(context.getUser(), codes, null);
        authSession.removeAuthNote(NOTE_PENDING);
        LowCodesNotice.clear(authSession);
        context.getEvent().event(EventType.UPDATE_CREDENTIAL)
                .detail(RecoveryCodeEvents.CREDENTIAL_TYPE, RecoveryCodes.TYPE)
                .detail(RecoveryCodeEvents.ISSUED, String.valueOf(codes.size()));
        context.success();
    }

    private static List<String> pendingCodes(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String pending = authSession.getAuthNote(NOTE_PENDING);
        if (pending != null) {
            return Arrays.asList(pending.split(","));
        }
        List<String> codes = RecoveryCodeGenerator.generate(RecoveryCodeSettings.of(context.getRealm()).count());
        authSession.setAuthNote(NOTE_PENDING, String.join(",", codes));
        return codes;
    }

    @Override
    public void close() {
    }
}
