<#-- A new set of recovery codes, shown once (authenticator-recovery-codes). Element ids as Keycloak's own page. Imports only template.ftl. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout; section>
    <#if section = "header">
        ${msg("authenticator-recovery-codes.codesTitle")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <p id="recovery-codes-intro">${msg("authenticator-recovery-codes.codesIntro", recoveryCodes.count)}</p>
        <ol id="kc-recovery-codes-list" class="hpc-recovery-codes" dir="ltr">
            <#list recoveryCodes.codes as code>
                <li><code>${code}</code></li>
            </#list>
        </ol>
        <p>
            <a id="downloadRecoveryCodes" href="${recoveryCodes.download}" download="${recoveryCodes.fileName}">${msg("authenticator-recovery-codes.download", recoveryCodes.fileName)}</a>
        </p>
        <form id="kc-recovery-codes-settings-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <input type="checkbox" id="kcRecoveryCodesConfirmationCheck" name="kcRecoveryCodesConfirmationCheck" required/>
                <label for="kcRecoveryCodesConfirmationCheck">${msg("authenticator-recovery-codes.confirm")}</label>
            </div>
            <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
                <input id="saveRecoveryAuthnCodesBtn" type="submit" value="${msg("authenticator-recovery-codes.saved")}"
                       class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
