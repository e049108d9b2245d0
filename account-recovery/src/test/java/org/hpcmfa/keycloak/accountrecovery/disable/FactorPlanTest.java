package org.hpcmfa.keycloak.accountrecovery.disable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hpcmfa.keycloak.common.factors.FactorView;
import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;

class FactorPlanTest {

    private static CredentialModel credential(String id, String type) {
        CredentialModel c = new CredentialModel();
        c.setId(id);
        c.setType(type);
        return c;
    }

    @Test
    void removesWhatTheLinkNamesAndKeepsWhatCameLater() {
        CredentialModel totp = credential("c1", "otp");
        CredentialModel codes = credential("c2", "recovery-authn-codes");
        CredentialModel laterPhone = credential("c3", "hpc-push");
        FactorPlan plan = FactorPlan.of(List.of(totp, codes, laterPhone), List.of("c1", "c2", "gone"));
        assertEquals(List.of(totp, codes), plan.remove());
        assertEquals(List.of(laterPhone), plan.keep());
        assertFalse(plan.nothingToRemove());
    }

    @Test
    void aLinkWhoseFactorsAreGoneRemovesNothing() {
        FactorPlan plan = FactorPlan.of(List.of(credential("new", "otp")), List.of("old"));
        assertTrue(plan.nothingToRemove());
        assertEquals(1, plan.keep().size());
    }

    @Test
    void factorsAreShownByTypeAndLabel() {
        CredentialModel labelled = credential("c1", "otp");
        labelled.setUserLabel(" my phone ");
        CredentialModel blank = credential("c2", "webauthn");
        blank.setUserLabel(" ");
        List<FactorView> views = FactorView.of(List.of(labelled, blank));
        assertEquals("otp", views.get(0).getType());
        assertEquals("my phone", views.get(0).getLabel());
        assertEquals(null, views.get(1).getLabel());
    }
}
