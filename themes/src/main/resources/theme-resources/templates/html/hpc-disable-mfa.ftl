<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("required-action-registration-token.disableMfaMailBodyHtml", username, link, linkValidityMinutes?c, realmName))?no_esc}
</@layout.emailLayout>
