# Shared by every Pester file: import the staged module, run an emulator process, read its stats.
Set-StrictMode -Version 3.0

function Get-TestModulePath {
    if ($env:OKTASERVICEAPP_TEST_MODULE) { return $env:OKTASERVICEAPP_TEST_MODULE }
    Join-Path $PSScriptRoot '../../out/OktaServiceApp'
}

function Import-TestModule {
    Import-Module (Join-Path (Get-TestModulePath) 'OktaServiceApp.psd1') -Force -Global
}

function Start-TestEmulator {
    param([string[]] $ArgumentList = @())
    $dll = if ($env:OKTASERVICEAPP_TEST_EMULATOR) { $env:OKTASERVICEAPP_TEST_EMULATOR } else { Join-Path $PSScriptRoot '../../out/emulator/OktaEmulator.dll' }
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($dll, '--port', '0', '--exit-on-stdin-close') + $ArgumentList) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardInput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $line = $process.StandardOutput.ReadLine()
    if (-not $line) { throw 'The emulator did not print its JSON line.' }
    $json = $line | ConvertFrom-Json
    [pscustomobject]@{ OrgUrl = $json.orgUrl; ApiToken = $json.apiToken; Process = $process }
}

function Stop-TestEmulator {
    param([Parameter(Mandatory)] $Emulator)
    if (-not $Emulator.Process.HasExited) {
        $Emulator.Process.StandardInput.Close()
        if (-not $Emulator.Process.WaitForExit(5000)) { $Emulator.Process.Kill($true) }
    }
}

function Get-EmulatorStats {
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod "$($Emulator.OrgUrl)/__emulator/stats"
}

function Get-EmulatorState {
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod "$($Emulator.OrgUrl)/__emulator/state"
}

function Reset-EmulatorStats {
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-RestMethod -Method Post "$($Emulator.OrgUrl)/__emulator/stats/reset"
}

function Set-EmulatorConfig {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Config)
    $null = Invoke-RestMethod -Method Put "$($Emulator.OrgUrl)/__emulator/config" -ContentType 'application/json' -Body ($Config | ConvertTo-Json -Depth 5)
}

function Connect-TestEmulator {
    param([Parameter(Mandatory)] $Emulator)
    Connect-Okta -OrgUrl $Emulator.OrgUrl -ApiToken $Emulator.ApiToken
}

Export-ModuleMember -Function *
