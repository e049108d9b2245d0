package org.hpcmfa.keycloak.push.login;

import org.hpcmfa.keycloak.push.challenge.Challenges;
import org.hpcmfa.keycloak.push.challenge.PushDeclines;
import org.hpcmfa.keycloak.push.challenge.PushEvents;
import org.hpcmfa.keycloak.push.credential.PushDeviceCredentialModel;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;

/**
 * Code-to-phone on the login page: the code typed must be the one the phone showed after its Accept. One try per
 * approval (the code has two digits): a wrong code is a failed login, counted by the brute-force detector, and
 * voids the request. An empty field is asked again and not counted.
 */
final class PushCodeCheck {

    private final AuthenticationFlowContext context;
    private final PushLoginPage page;

    PushCodeCheck(AuthenticationFlowContext context, PushLoginPage page) {
        this.context = context;
        this.page = page;
    }

    void check(String nonces, String rawCode) {
        String code = rawCode == null ? "" : rawCode.replaceAll("\\s", "");
        Challenges challenges = new Challenges(context.getSession().singleUseObjects(), context.getRealm().getId());
        String shown = challenges.showingCode(nonces).orElse(null);
        if (shown == null) {
            // Typed before the phone accepted: there is no code yet, so nothing was guessed.
            context.challenge(page.enterCode(PushLoginPage.MSG_APPROVE_FIRST));
            return;
        }
        if (code.isEmpty()) {
            context.challenge(page.enterCode(PushLoginPage.MSG_CODE_MISSING));
            return;
        }
        Challenges.CodeCheck result = challenges.checkCode(shown, code, Time.currentTime());
        PushAuthenticator.forget(context.getAuthenticationSession());
        switch (result) {
            case ACCEPTED -> {
                PushDeclines.recordApproval(context.getSession(), context.getRealm(), context.getUser());
                context.success(PushDeviceCredentialModel.TYPE);
            }
            case EXPIRED -> {
                context.getEvent().detail(Details.REASON, "the code was typed too late").error(PushEvents.ERROR_CODE_EXPIRED);
                context.challenge(page.idle(PushLoginPage.MSG_CODE_EXPIRED));
            }
            default -> {
                // WRONG, or USED (the same code submitted twice at once): a failed login, and the request is void.
                context.getEvent().error(PushEvents.ERROR_WRONG_CODE);
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                        page.idle(PushLoginPage.MSG_WRONG_CODE));
            }
        }
    }
}
