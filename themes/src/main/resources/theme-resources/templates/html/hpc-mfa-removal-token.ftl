<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("account-recovery.removalMailBodyHtml", username, token, tokenValidityMinutes?c, realmName, factors))?no_esc}
</@layout.emailLayout>
