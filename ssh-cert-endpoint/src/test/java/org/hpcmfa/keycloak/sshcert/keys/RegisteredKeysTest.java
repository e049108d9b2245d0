package org.hpcmfa.keycloak.sshcert.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The name a registered key gets: its comment, cleaned and bounded, unique among the person's keys. */
class RegisteredKeysTest {

    private static SshKeyCredentialModel key(String label) {
        return SshKeyCredentialModel.create(new SshKeyCredentialModel.Data("ssh-ed25519", "SHA256:x", label, "k"), label);
    }

    @Test
    void theCommentIsPrintableAndBounded() {
        assertEquals("", RegisteredKeys.comment("ssh-ed25519 AAAA"));
        assertEquals("me@laptop work", RegisteredKeys.comment("ssh-ed25519 AAAA   me@laptop work  "));
        assertEquals("evil", RegisteredKeys.comment("ssh-ed25519 AAAA e\u0007vi\u202El"));
        assertEquals(RegisteredKeys.MAX_COMMENT, RegisteredKeys.comment("ssh-ed25519 AAAA " + "x".repeat(500)).length());
    }

    @Test
    void labelsStayUniquePerPerson() {
        assertEquals("SHA256:abc", RegisteredKeys.label("", "SHA256:abc", List.of()));
        assertEquals("laptop", RegisteredKeys.label("laptop", "SHA256:abc", List.of(key("desk"))));
        // Keycloak refuses two credentials of one type with the same label (case-insensitive).
        assertEquals("Laptop (SHA256:abc)", RegisteredKeys.label("Laptop", "SHA256:abc", List.of(key("laptop"))));
    }
}
