<#-- "Register an SSH key" (ssh-cert-endpoint, required action hpc-ssh-key-register): one public key line, pasted.
     Imports only template.ftl: works under keycloak and keycloak.v2. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("ssh-cert-endpoint.sshKeyRegisterTitle")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <p id="ssh-key-intro">${msg("ssh-cert-endpoint.sshKeyRegisterIntro")}</p>
        <form id="kc-ssh-key-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="publicKey" class="${properties.kcLabelClass!}">${msg("ssh-cert-endpoint.sshKeyField")}</label>
                <textarea id="publicKey" name="publicKey" rows="4" maxlength="8192" spellcheck="false" autocomplete="off"
                          class="${properties.kcInputClass!}" style="font-family: monospace; width: 100%"
                          aria-invalid="<#if message?? && message.type = 'error'>true<#else>false</#if>"
                          required>${(sshKey.value)!""}</textarea>
            </div>
            <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
                <button id="kc-ssh-key-register" type="submit" name="register" value="true"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">
                    ${msg("ssh-cert-endpoint.sshKeyRegister")}
                </button>
                <button id="kc-ssh-key-cancel" type="submit" name="cancel-aia" value="true" formnovalidate
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">
                    ${msg("doCancel")}
                </button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
