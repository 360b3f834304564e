<#
.SYNOPSIS
    Windows only: makes a NON-EXPORTABLE CNG certificate in Cert:\CurrentUser\My, runs CertificateStore.Windows.Tests.ps1
    against it (a token with -CertificateThumbprint from the emulator), and removes the certificate and its key again.
.DESCRIPTION
    The Windows CI step after the test task, which has staged out/OktaServiceApp and out/emulator and restored Pester. Runs in
    the shell that starts it, so from powershell.exe the module is imported as Desktop (.NET Framework's CNG path). Fails when
    any test fails or none ran: on Windows a skip here would hide the very path this step exists for.
#>
param([string] $PesterVersion = '5.7.1')
$ErrorActionPreference = 'Stop'
if ([System.Environment]::OSVersion.Platform -ne [System.PlatformID]::Win32NT) {
    throw 'Windows only: non-exportable CNG keys exist only in the Windows certificate store.'
}

$repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
$nuget = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
Import-Module (Join-Path $nuget "pester/$PesterVersion/tools/Pester.psd1") -Force
$env:OKTASERVICEAPP_TEST_MODULE = Join-Path $repo 'out/OktaServiceApp'
$env:OKTASERVICEAPP_TEST_EMULATOR = Join-Path $repo 'out/emulator/OktaEmulator.dll'

$made = New-SelfSignedCertificate -Subject "CN=okta-cng-nonexportable-$([guid]::NewGuid().ToString('n').Substring(0, 8))" `
    -CertStoreLocation Cert:\CurrentUser\My -KeyExportPolicy NonExportable -Provider 'Microsoft Software Key Storage Provider' `
    -KeyAlgorithm RSA -KeyLength 2048 -HashAlgorithm SHA256 -NotAfter (Get-Date).AddDays(2)
$thumbprint = $made.Thumbprint
$env:OKTASERVICEAPP_TEST_CNG_THUMBPRINT = $thumbprint
try {
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $PSScriptRoot 'CertificateStore.Windows.Tests.ps1'
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $result = Invoke-Pester -Configuration $config
}
finally {
    Remove-Item -LiteralPath "Cert:\CurrentUser\My\$thumbprint" -DeleteKey
    Remove-Item -LiteralPath env:OKTASERVICEAPP_TEST_CNG_THUMBPRINT
}

"cng certificate: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped"
if ($result.FailedCount -gt 0 -or $result.PassedCount -eq 0 -or $result.Result -ne 'Passed') { exit 1 }
