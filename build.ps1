<#
.SYNOPSIS
    One front door for building, testing, demoing, benchmarking and packaging OktaServiceApp.

.DESCRIPTION
    Run through the repository's local PowerShell tool so that nothing beyond the .NET SDK is needed:

        dotnet tool restore
        dotnet pwsh ./build.ps1 -Task Demo

    Tasks:
      Build     (default) stage an importable module at out/OktaServiceApp
      Test      build, run every xunit project (net10.0, and the engine's net472 build under .NET Framework or Mono), then
                Pester in a fresh pwsh (or powershell.exe when build.ps1 itself runs in Windows PowerShell 5.1);
                prints "N passed, N failed, N skipped"
      Demo      build, start the emulator, run the whole flow visibly, stop the emulator
      Emulator  run the Okta org emulator in the foreground (prints {"orgUrl","apiToken"})
      Bench     benchmarks against the emulator, written to out/bench/results.md
      Package   build, then pack out/OktaServiceApp into out/package/OktaServiceApp.<version>.nupkg
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Emulator', 'Bench', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Emulator: the loopback port to listen on (0 picks a free one).
    [int] $Port = 0,

    # Bench: fewer and smaller runs.
    [switch] $Quick,

    # Bench: check that every suite can start, without measuring.
    [switch] $DryRun
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$RepoRoot = $PSScriptRoot
$OutDir = Join-Path $RepoRoot 'out'
$ModuleOut = Join-Path $OutDir 'OktaServiceApp'
$EmulatorOut = Join-Path $OutDir 'emulator'
$VaultEmulatorOut = Join-Path $OutDir 'keyvault-emulator'
$Solution = Join-Path $RepoRoot 'OktaServiceApp.PowerShell.sln'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

Import-Module (Join-Path $RepoRoot 'tools/BuildTools.psm1') -Force

function Invoke-Build {
    Write-Host "==> build ($Configuration)"
    Invoke-Dotnet build $Solution -c $Configuration --nologo '-v:q' '-clp:ErrorsOnly'
    Publish-Module -RepoRoot $RepoRoot -Configuration $Configuration -Destination $ModuleOut
    Invoke-Dotnet publish (Join-Path $RepoRoot 'tests/OktaEmulator/OktaEmulator.csproj') -c $Configuration --no-build --nologo '-v:q' -o $EmulatorOut
    Invoke-Dotnet publish (Join-Path $RepoRoot 'tests/KeyVaultEmulator/KeyVaultEmulator.csproj') -c $Configuration --no-build --nologo '-v:q' -o $VaultEmulatorOut
    Write-Host "==> module staged at $ModuleOut"
}

function Invoke-Test {
    Invoke-Build
    $results = Join-Path $OutDir 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $results
    $suites = [System.Collections.Generic.List[object]]::new()

    # OktaServiceApp.Release.Tests reads the module staged above: its payload closure per edition, 5.1-safe scripts, CI, release files.
    foreach ($project in 'OktaServiceApp.Core.Tests', 'OktaEmulator.Tests', 'KeyVaultEmulator.Tests', 'OktaServiceApp.Tests', 'OktaServiceApp.Release.Tests') {
        Write-Host "==> xunit $project (net10.0)"
        $xml = Join-Path $results "$project.xml"
        $path = Join-Path $RepoRoot "tests/$project/$project.csproj"
        & dotnet test $path -c $Configuration -f net10.0 --no-build --nologo `
            --logger "junit;LogFilePath=$xml" --logger 'console;verbosity=minimal'
        $suites.Add((Read-JUnitCounts -Path $xml -Name "xunit $project"))
    }

    # The engine on a .NET Framework runtime: natively on Windows, under Mono elsewhere (without the tests that need ECDsa).
    $frameworkXml = Join-Path $results 'OktaServiceApp.Core.Tests.net472.xml'
    $framework = Invoke-FrameworkTests -RepoRoot $RepoRoot -Configuration $Configuration -ResultPath $frameworkXml
    if ($framework) { $suites.Add((Read-XunitCounts -Path $frameworkXml -Name "xunit OktaServiceApp.Core.Tests (net472, $framework)")) }

    # The package-install test needs the .nupkg; Pester and an older IdentityModel (for the isolation test) come from NuGet.
    New-ModulePackage -ModulePath $ModuleOut -Destination (Join-Path $OutDir 'package')
    Invoke-Dotnet restore (Join-Path $RepoRoot 'tests/pester/Pester.Download.proj') --nologo '-v:q'
    $pesterXml = Join-Path $results 'pester.xml'
    $pesterArgs = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $RepoRoot 'tests/pester/run.ps1'),
        '-ModulePath', $ModuleOut, '-EmulatorPath', (Join-Path $EmulatorOut 'OktaEmulator.dll'), '-ResultPath', $pesterXml,
        '-VaultEmulatorPath', (Join-Path $VaultEmulatorOut 'KeyVaultEmulator.dll'))
    if ($PSVersionTable.PSEdition -eq 'Desktop') {
        # Run from Windows PowerShell 5.1: Pester runs there too, so the module is imported as Desktop.
        Write-Host '==> pester (fresh powershell.exe, Desktop edition)'
        & powershell.exe -ExecutionPolicy Bypass @pesterArgs
    }
    else {
        Write-Host '==> pester (fresh pwsh)'
        & dotnet tool run pwsh @pesterArgs
    }
    $suites.Add((Read-JUnitCounts -Path $pesterXml -Name "pester ($($PSVersionTable.PSEdition))"))

    Write-Host ''
    foreach ($s in $suites) { Write-Host ("{0}: {1} passed, {2} failed, {3} skipped" -f $s.Name, $s.Passed, $s.Failed, $s.Skipped) }
    $passed = ($suites | Measure-Object Passed -Sum).Sum
    $failed = ($suites | Measure-Object Failed -Sum).Sum
    $skipped = ($suites | Measure-Object Skipped -Sum).Sum
    Write-Host ("{0} passed, {1} failed, {2} skipped" -f $passed, $failed, $skipped)
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Emulator {
    Invoke-Dotnet build (Join-Path $RepoRoot 'tests/OktaEmulator/OktaEmulator.csproj') -c $Configuration --nologo '-v:q' '-clp:ErrorsOnly'
    Invoke-Dotnet publish (Join-Path $RepoRoot 'tests/OktaEmulator/OktaEmulator.csproj') -c $Configuration --no-build --nologo '-v:q' -o $EmulatorOut
    # Foreground: the emulator prints its one JSON line and runs until Ctrl+C.
    & dotnet (Join-Path $EmulatorOut 'OktaEmulator.dll') --port $Port
    exit $LASTEXITCODE
}

function Invoke-Demo {
    Invoke-Build
    & dotnet tool run pwsh -NoProfile -NonInteractive -File (Join-Path $RepoRoot 'tests/demo/Invoke-Demo.ps1') `
        -ModulePath $ModuleOut -EmulatorPath (Join-Path $EmulatorOut 'OktaEmulator.dll') -OutDir (Join-Path $OutDir 'demo') `
        -VaultEmulatorPath (Join-Path $VaultEmulatorOut 'KeyVaultEmulator.dll')
    if ($LASTEXITCODE -ne 0) { throw "Demo failed with exit code $LASTEXITCODE" }
}

function Invoke-Bench {
    $script:Configuration = 'Release'
    Invoke-Build
    $benchArgs = @{
        ModulePath   = $ModuleOut
        EmulatorPath = (Join-Path $EmulatorOut 'OktaEmulator.dll')
        OutDir       = (Join-Path $OutDir 'bench')
    }
    & dotnet tool run pwsh -NoProfile -NonInteractive -File (Join-Path $RepoRoot 'tests/bench/Invoke-Bench.ps1') @benchArgs -Quick:$Quick -DryRun:$DryRun
    if ($LASTEXITCODE -ne 0) { throw "Bench failed with exit code $LASTEXITCODE" }
}

function Invoke-Package {
    Invoke-Build
    $packageDir = Join-Path $OutDir 'package'
    New-ModulePackage -ModulePath $ModuleOut -Destination $packageDir
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Emulator' { Invoke-Emulator }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Package }
}
