<#-- "Review your SSH login": last step of an SSH device login (ssh-cert-endpoint, KeyReviewAuthenticator). Shows what
     the approval gives: client, requesting address, key fingerprint, principals, lifetime. Imports only template.ftl,
     so it renders under the keycloak and keycloak.v2 login themes; long values wrap (360 px screens). -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("ssh-cert-endpoint.keyReviewTitle")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <p id="key-review-intro">${msg("ssh-cert-endpoint.keyReviewIntro")}</p>
        <dl id="key-review" style="overflow-wrap: anywhere; word-break: break-word;">
            <dt>${msg("ssh-cert-endpoint.keyReviewClient")}</dt>
            <dd id="key-review-client">${advancedMsg(keyReview.clientName)} (${keyReview.clientId})</dd>
            <dt>${msg("ssh-cert-endpoint.keyReviewAddress")}</dt>
            <dd id="key-review-address"><#if keyReview.requesterAddress??><code>${keyReview.requesterAddress}</code><#else>${msg("ssh-cert-endpoint.keyReviewAddressUnknown")}</#if></dd>
            <#if keyReview.otherAddress>
                <dd id="key-review-other-address">${msg("ssh-cert-endpoint.keyReviewOtherAddress", keyReview.browserAddress)}</dd>
            </#if>
            <dt>${msg("ssh-cert-endpoint.keyReviewKey")}</dt>
            <dd id="key-review-fingerprint"><#if keyReview.fingerprint??><code>${keyReview.fingerprint}</code><#else>${msg("ssh-cert-endpoint.keyReviewAnyKey")}</#if></dd>
            <dt>${msg("ssh-cert-endpoint.keyReviewPrincipals")}</dt>
            <dd id="key-review-principals"><#if keyReview.principals?has_content><#list keyReview.principals as principal><code>${principal}</code><#sep>, </#list><#else>${msg("ssh-cert-endpoint.keyReviewNoPrincipals")}</#if></dd>
            <dt>${msg("ssh-cert-endpoint.keyReviewLifetime")}</dt>
            <dd id="key-review-lifetime">${keyReview.lifetime}</dd>
        </dl>
        <p id="key-review-check">${msg("ssh-cert-endpoint.keyReviewCheck")}</p>
        <form id="kc-key-review-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
                <button id="kc-key-review-approve" type="submit" name="approve" value="true"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">
                    ${msg("ssh-cert-endpoint.keyReviewApprove")}
                </button>
                <button id="kc-key-review-not-me" type="submit" name="not-me" value="true"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">
                    ${msg("ssh-cert-endpoint.keyReviewNotMe")}
                </button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
