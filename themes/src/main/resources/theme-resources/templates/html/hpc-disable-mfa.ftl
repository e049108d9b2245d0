<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("account-recovery.disableMfaMailBodyHtml", username, link, linkValidityMinutes?c, realmName))?no_esc}
</@layout.emailLayout>
