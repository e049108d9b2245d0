<#-- After a login with a recovery code that left few (authenticator-recovery-codes): a new set now or later. Imports only template.ftl. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout; section>
    <#if section = "header">
        ${msg("authenticator-recovery-codes.lowTitle")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <p id="recovery-codes-low">${msg("authenticator-recovery-codes.lowText", recoveryCodes.remaining)}</p>
        <form id="kc-recovery-codes-low-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
                <input id="recovery-codes-regenerate" name="regenerate" type="submit" value="${msg("authenticator-recovery-codes.regenerate")}"
                       class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
                <input id="recovery-codes-later" name="later" type="submit" value="${msg("authenticator-recovery-codes.later")}"
                       class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
