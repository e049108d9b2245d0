<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("ssh-cert-endpoint.notMeMailBodyHtml", username, clientName, requesterAddress, fingerprint, time, realmName))?no_esc}
</@layout.emailLayout>
