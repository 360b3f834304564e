<#
.SYNOPSIS
    The whole flow against the emulator, visibly: build.ps1 -Task Demo runs this in a fresh pwsh.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $OutDir
)
$ErrorActionPreference = 'Stop'
$env:OKTASERVICEAPP_TEST_EMULATOR = $EmulatorPath
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

    Show-Step 'Done. The emulator now holds:'
    (Get-EmulatorState $emulator).clients | Select-Object client_id, client_name, application_type |
        Format-Table | Out-Host
}
finally {
    Stop-TestEmulator $emulator
}
