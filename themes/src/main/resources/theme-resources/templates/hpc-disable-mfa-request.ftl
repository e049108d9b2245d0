<#-- "Disable two-factor login", request mode (account-recovery): what will be removed, then the
     confirmation mail. Imports only template.ftl: works under keycloak and keycloak.v2. -->
<#import "template.ftl" as layout>
<#assign state = disableMfa.state>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        <#if state = "SENT">
            ${msg("account-recovery.disableMfaSentTitle")}
        <#else>
            ${msg("account-recovery.disableMfaTitle")}
        </#if>
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <#if state = "READY">
            <p id="disable-mfa-intro">${msg("account-recovery.disableMfaIntro", disableMfa.username)}</p>
            <ul id="disable-mfa-factors" class="hpc-factor-list">
                <#list disableMfa.factors as factor>
                    <li class="disable-mfa-factor" data-type="${factor.type}">${msg("mfa-common.factorType." + factor.type)}<#if factor.label??>: ${factor.label}</#if></li>
                </#list>
            </ul>
            <p id="disable-mfa-after">${msg("account-recovery.disableMfaAfter")}</p>
            <#if disableMfa.emailCodeStays>
                <p id="disable-mfa-email-code-stays">${msg("account-recovery.disableMfaEmailCodeStays")}</p>
            </#if>
            <p id="disable-mfa-email">${msg("account-recovery.disableMfaEmailIntro", disableMfa.email, disableMfa.linkValidityMinutes?c)}</p>
        <#elseif state = "SENT">
            <p id="disable-mfa-sent">${msg("account-recovery.disableMfaSent", disableMfa.email, disableMfa.linkValidityMinutes?c)}</p>
        <#elseif state = "NOTHING_TO_REMOVE">
            <p id="disable-mfa-refused" data-state="${state}">${msg("account-recovery.disableMfaNothing")}</p>
        <#elseif state = "NO_EMAIL">
            <p id="disable-mfa-refused" data-state="${state}">${msg("account-recovery.disableMfaNoEmail")}</p>
        <#else>
            <p id="disable-mfa-refused" data-state="${state}">${msg("account-recovery.disableMfaUnverifiedEmail", disableMfa.email)}</p>
        </#if>
        <form id="kc-disable-mfa-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
                <#if state = "READY">
                    <button id="kc-disable-mfa-send" type="submit" name="send" value="true"
                            class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">
                        ${msg("account-recovery.disableMfaSend")}
                    </button>
                    <button id="kc-disable-mfa-cancel" type="submit" name="cancel-aia" value="true"
                            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">
                        ${msg("doCancel")}
                    </button>
                <#elseif state = "SENT">
                    <button id="kc-disable-mfa-continue" type="submit" name="continue" value="true"
                            class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">
                        ${msg("doContinue")}
                    </button>
                <#else>
                    <button id="kc-disable-mfa-cancel" type="submit" name="cancel-aia" value="true"
                            class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">
                        ${msg("account-recovery.disableMfaBack")}
                    </button>
                </#if>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
