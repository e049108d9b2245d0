<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("authenticator-email-otp.mailBodyHtml", code, ttlMinutes, realmName))?no_esc}
</@layout.emailLayout>
