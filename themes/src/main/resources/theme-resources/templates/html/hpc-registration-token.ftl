<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("required-action-registration-token.mailBodyHtml", username, token, expiresAt, portalUrl, realmName))?no_esc}
</@layout.emailLayout>
