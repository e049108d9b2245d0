<#-- keycloak.v2 renders this macro under every login page: the support hint the centres' guides give. -->
<#macro content>
    <div id="themes-support-hint" class="hpc-mfa-support-hint">
        <p>${msg("themes.supportHint")}</p>
    </div>
</#macro>
