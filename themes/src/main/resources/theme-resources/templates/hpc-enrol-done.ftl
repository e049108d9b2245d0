<#-- "Enrol your second factor", last step: done, and a second factor suggested. Imports only template.ftl. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout; section>
    <#if section = "header">
        ${msg("required-action-registration-token.doneTitle")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <div class="${properties.kcFormGroupClass!}">
            <p id="enrol-done">${msg("required-action-registration-token.doneText")}</p>
        </div>
        <div class="${properties.kcFormGroupClass!}">
            <p id="enrol-suggest">${msg("required-action-registration-token.suggestSecondFactor")}</p>
            <p><a id="enrol-portal-link" href="${enrolPortalUrl}">${msg("required-action-registration-token.openPortal")}</a></p>
        </div>
        <form id="kc-enrol-done-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
                <input id="kc-enrol-finish" type="submit" value="${msg("doContinue")}"
                       class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
