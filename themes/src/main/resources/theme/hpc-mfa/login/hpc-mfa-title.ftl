<#-- The header of the hpc-mfa login pages: where the person is going. Keycloak's own account clients are the
     MFA portal ("Sign in to the MFA portal"); every other client is named ("Sign in to CISM JupyterLab"). -->
<#macro forClient>
    <#if client?? && client.name?has_content && !["account", "account-console", "security-admin-console"]?seq_contains(client.clientId)>
        ${msg("themes.loginTo", advancedMsg(client.name))}
    <#else>
        ${msg("loginAccountTitle")}
    </#if>
</#macro>
