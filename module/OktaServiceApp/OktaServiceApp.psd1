@{
    RootModule           = 'OktaServiceApp.dll'
    ModuleVersion        = '{{ModuleVersion}}'
    GUID                 = '3c0f6a52-8d4e-4f0a-9a4b-6f1e2b7d5c11'
    Author               = 'OktaServiceApp.PowerShell contributors'
    CompanyName          = 'OktaServiceApp.PowerShell contributors'
    Copyright            = '(c) OktaServiceApp.PowerShell contributors. MIT License.'
    Description          = 'Create Okta OAuth service apps and act as them: local key pairs and JWKS, Dynamic Client Registration, Okta API scope grants, client assertions, access tokens with DPoP, and rate-limit-aware calls to Okta.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('OktaServiceApp.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-Okta'
        'Disconnect-Okta'
        'Get-OktaConnection'
        'New-OktaJwks'
        'Export-OktaPrivateKey'
        'Import-OktaPrivateKey'
        'New-OktaServiceApp'
        'Get-OktaServiceApp'
        'Remove-OktaServiceApp'
        'Grant-OktaScope'
        'Get-OktaScopeGrant'
        'Revoke-OktaScope'
        'Set-OktaScopeGrant'
        'New-OktaClientAssertion'
        'Get-OktaAccessToken'
        'Invoke-OktaApi'
        'Get-OktaServiceAppKey'
        'Add-OktaServiceAppKey'
        'Enable-OktaServiceAppKey'
        'Disable-OktaServiceAppKey'
        'Remove-OktaServiceAppKey'
        'Update-OktaServiceAppKey'
        'Add-OktaServiceAppRole'
        'Get-OktaServiceAppRole'
        'Remove-OktaServiceAppRole'
        'Get-OktaRequiredScope'
        'Add-OktaServiceAppRoleTarget'
        'Get-OktaServiceAppRoleTarget'
        'Remove-OktaServiceAppRoleTarget'
        'Get-OktaServiceAppRateLimit'
        'Set-OktaServiceAppRateLimit'
        'Get-OktaServiceAppAccess'
        'Set-OktaServiceAppAccess'
        'Test-OktaServiceApp'
        'Get-OktaServiceAppReport'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Okta', 'OAuth', 'ServiceApp', 'DPoP', 'JWKS', 'JWT', 'Identity', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            # No ProjectUri or LicenseUri until the project has a public home: the LICENSE and CHANGELOG.md ship in the module folder.
            ReleaseNotes = 'See CHANGELOG.md in the module folder.'
        }
    }
}
