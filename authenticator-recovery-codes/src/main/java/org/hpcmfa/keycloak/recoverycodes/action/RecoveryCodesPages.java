package org.hpcmfa.keycloak.recoverycodes.action;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodeFormat;
import org.keycloak.authentication.RequiredActionContext;

/** The pages of the recovery-codes action (templates in the themes jar; they import only template.ftl). */
final class RecoveryCodesPages {

    static final String TEMPLATE_CODES = "hpc-recovery-codes.ftl";
    static final String TEMPLATE_LOW = "hpc-recovery-codes-low.ftl";

    private RecoveryCodesPages() {
    }

    /** The codes, with the file name the seed's CLI uses and the same text as a download. */
    static Response codes(RequiredActionContext context, List<String> codes) {
        List<String> shown = codes.stream().map(RecoveryCodeFormat::display).toList();
        // The issuer is the realm's name (as in mfa-demo): stable, file-safe, the same as the terminal command's.
        String issuer = context.getRealm().getName();
        String text = String.join("\n", shown) + "\n";
        return context.form().setAttribute("recoveryCodes", Map.of(
                        "codes", shown,
                        "count", shown.size(),
                        "fileName", RecoveryCodeFormat.fileName(context.getUser().getUsername(), issuer),
                        "download", "data:text/plain;charset=utf-8,"
                                + URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20")))
                .createForm(TEMPLATE_CODES);
    }

    static Response low(RequiredActionContext context, int remaining) {
        return context.form().setAttribute("recoveryCodes", Map.of("remaining", remaining)).createForm(TEMPLATE_LOW);
    }
}
