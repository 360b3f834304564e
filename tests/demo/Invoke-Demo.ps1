<#
.SYNOPSIS
    The whole flow against the emulator, visibly: build.ps1 -Task Demo runs this in a fresh pwsh.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $OutDir,
    # The Key Vault + managed identity emulator: with it, the demo also shows an app whose key signs in the vault.
    [string] $VaultEmulatorPath
)
$ErrorActionPreference = 'Stop'
$env:OKTASERVICEAPP_TEST_EMULATOR = $EmulatorPath
if ($VaultEmulatorPath) { $env:OKTASERVICEAPP_TEST_VAULT_EMULATOR = $VaultEmulatorPath }
Import-Module (Join-Path $PSScriptRoot '../pester/TestHelpers.psm1') -Force
Import-Module (Join-Path $ModulePath 'OktaServiceApp.psd1') -Force

function Show-Step([string] $Text) { Write-Host "`n>>> $Text" -ForegroundColor Cyan }

$emulator = Start-TestEmulator
try {
    if (Test-Path $OutDir) { Remove-Item $OutDir -Recurse -Force }
    $null = New-Item -ItemType Directory $OutDir
    $keyPath = Join-Path $OutDir 'demo.pem'

    Show-Step "Connect-Okta -OrgUrl $($emulator.OrgUrl) -ApiToken <emulator token>"
    Connect-Okta -OrgUrl $emulator.OrgUrl -ApiToken $emulator.ApiToken | Format-Table | Out-Host

    Show-Step "New-OktaJwks | New-OktaServiceApp -Name demo -PrivateKeyPath $keyPath | Grant-OktaScope okta.users.read, okta.apps.read"
    $grants = New-OktaJwks | New-OktaServiceApp -Name demo -PrivateKeyPath $keyPath | Grant-OktaScope okta.users.read, okta.apps.read
    $grants | Format-Table | Out-Host

    $clientId = $grants[0].ClientId
    Show-Step "Get-OktaScopeGrant -ClientId $clientId"
    Get-OktaScopeGrant -ClientId $clientId | Format-Table | Out-Host

    Show-Step "Get-OktaAccessToken -ClientId $clientId -PrivateKeyPath $keyPath -Scope okta.users.read"
    $token = Get-OktaAccessToken -ClientId $clientId -PrivateKeyPath $keyPath -Scope okta.users.read -OrgUrl $emulator.OrgUrl
    $token | Format-Table | Out-Host

    Show-Step "Connect-Okta -ClientId $clientId -PrivateKeyPath $keyPath -Scope okta.users.read; Invoke-OktaApi /api/v1/users"
    Connect-Okta -OrgUrl $emulator.OrgUrl -ClientId $clientId -PrivateKeyPath $keyPath -Scope okta.users.read | Format-Table | Out-Host
    Invoke-OktaApi /api/v1/users | ForEach-Object { [pscustomobject]@{ Id = $_.id; Status = $_.status; Login = $_.profile.login } } |
        Format-Table | Out-Host

    if ($VaultEmulatorPath) {
        # What Azure Automation or App Service gives a runbook with a managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER.
        $vault = Start-TestVaultEmulator
        $saved = @{ Endpoint = $env:IDENTITY_ENDPOINT; Header = $env:IDENTITY_HEADER }
        try {
            $env:IDENTITY_ENDPOINT = $vault.IdentityEndpoint
            $env:IDENTITY_HEADER = $vault.IdentityHeader
            $kid = New-TestVaultKey $vault 'okta-demo'
            Connect-Okta -OrgUrl $emulator.OrgUrl -ApiToken $emulator.ApiToken | Out-Null

            Show-Step "New-OktaJwks -KeyVaultKeyId $kid | New-OktaServiceApp -Name demo-vault | Grant-OktaScope okta.users.read"
            $vaultGrant = New-OktaJwks -KeyVaultKeyId $kid | New-OktaServiceApp -Name demo-vault | Grant-OktaScope okta.users.read
            $vaultGrant | Format-Table | Out-Host

            Show-Step "Connect-Okta -ClientId $($vaultGrant.ClientId) -KeyVaultKeyId <kid> -Scope okta.users.read; Invoke-OktaApi /api/v1/users, 3 times"
            Connect-Okta -OrgUrl $emulator.OrgUrl -ClientId $vaultGrant.ClientId -KeyVaultKeyId $kid -Scope okta.users.read | Format-Table | Out-Host
            1..3 | ForEach-Object { $null = Invoke-OktaApi /api/v1/users }
            $stats = Get-TestVaultStats $vault
            Write-Host "The private key never left the vault: $($stats.signatures) signature(s) made there (one per token), $($stats.keyGets) key read(s)."
        }
        finally {
            $env:IDENTITY_ENDPOINT = $saved.Endpoint
            $env:IDENTITY_HEADER = $saved.Header
            Stop-TestEmulator $vault
        }
    }

    Show-Step 'Done. The emulator now holds:'
    (Get-EmulatorState $emulator).clients | Select-Object client_id, client_name, application_type |
        Format-Table | Out-Host
}
finally {
    Stop-TestEmulator $emulator
}
