<#
.SYNOPSIS
    Runs the Pester suite in this (fresh) pwsh against the staged module. Called by build.ps1 -Task Test.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string] $PesterVersion = '5.7.1',
    [string] $VaultEmulatorPath
)
$ErrorActionPreference = 'Stop'
$nuget = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
Import-Module (Join-Path $nuget "pester/$PesterVersion/tools/Pester.psd1") -Force

# Test files read these to find what they test; they start their own emulator processes.
$env:OKTASERVICEAPP_TEST_MODULE = $ModulePath
$env:OKTASERVICEAPP_TEST_EMULATOR = $EmulatorPath
if ($VaultEmulatorPath) { $env:OKTASERVICEAPP_TEST_VAULT_EMULATOR = $VaultEmulatorPath }

$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'JUnitXml'
$config.TestResult.OutputPath = $ResultPath
$result = Invoke-Pester -Configuration $config
"pester: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped"
exit ([int]($result.FailedCount -gt 0 -or $result.Result -ne 'Passed'))
