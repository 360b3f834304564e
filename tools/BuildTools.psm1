# Helpers for build.ps1. Kept out of build.ps1 so the front door stays readable.
Set-StrictMode -Version 3.0

function Invoke-Dotnet {
    # Every dotnet call is checked: a failed step must stop the build, not scroll past.
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Publish-Module {
    param(
        [Parameter(Mandatory)] [string] $RepoRoot,
        [Parameter(Mandatory)] [string] $Configuration,
        [Parameter(Mandatory)] [string] $Destination
    )
    $staging = Join-Path $RepoRoot 'out/staging'
    foreach ($dir in $staging, $Destination) {
        if (Test-Path $dir) { Remove-Item $dir -Recurse -Force }
    }
    $deps = Join-Path $Destination 'Dependencies'
    $null = New-Item -ItemType Directory -Path $deps -Force

    # Our two assemblies are netstandard2.0 and serve both editions. Everything they load goes to Dependencies/<edition>, which
    # default probing never looks at, so that Microsoft.IdentityModel.* loads into our own AssemblyLoadContext (style-anchors §2);
    # the module initializer picks the folder by runtime. The engine itself sits at the root: output types hold engine objects, so
    # the type loader needs it before the module's resolve hook exists.
    Invoke-Dotnet publish (Join-Path $RepoRoot 'src/OktaServiceApp.Core/OktaServiceApp.Core.csproj') `
        -c $Configuration --no-build --nologo '-v:q' -o (Join-Path $staging 'core')
    Copy-Item (Join-Path $staging 'core/OktaServiceApp.Core.dll') $Destination
    foreach ($edition in Get-EditionPayloadSpec -RepoRoot $RepoRoot) {
        Publish-EditionPayload -RepoRoot $RepoRoot -Configuration $Configuration -Edition $edition `
            -Staging (Join-Path $staging $edition.Name) -Destination (Join-Path $deps $edition.Name)
    }

    # Only our own assemblies sit at the root: a dependency next to them would be found by default probing.
    Invoke-Dotnet publish (Join-Path $RepoRoot 'src/OktaServiceApp/OktaServiceApp.csproj') `
        -c $Configuration --no-build --nologo '-v:q' -o (Join-Path $staging 'module')
    Copy-Item (Join-Path $staging 'module/OktaServiceApp.dll') $Destination

    $moduleSource = Join-Path $RepoRoot 'module/OktaServiceApp'
    $version = Get-ModuleVersion -RepoRoot $RepoRoot
    (Get-Content (Join-Path $moduleSource 'OktaServiceApp.psd1') -Raw).Replace('{{ModuleVersion}}', $version) |
        Set-Content (Join-Path $Destination 'OktaServiceApp.psd1') -Encoding utf8
    Copy-Item (Join-Path $moduleSource 'OktaServiceApp.Format.ps1xml') $Destination
    Copy-Item (Join-Path $RepoRoot 'LICENSE'), (Join-Path $RepoRoot 'CHANGELOG.md') $Destination
    $helpOut = Join-Path $Destination 'en-US'
    $null = New-Item -ItemType Directory -Path $helpOut -Force
    Copy-Item (Join-Path $moduleSource 'en-US/*.txt') $helpOut

    # MAML is generated from the XML doc comments of the cmdlet classes: one source of truth for help.
    & dotnet tool run pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'New-MamlHelp.ps1') `
        -ModulePath $Destination -DocXmlPath (Join-Path $staging 'module/OktaServiceApp.xml') `
        -OutputPath (Join-Path $helpOut 'OktaServiceApp.dll-Help.xml')
    if ($LASTEXITCODE -ne 0) { throw "Help generation failed with exit code $LASTEXITCODE" }

    foreach ($expected in 'OktaServiceApp.psd1', 'OktaServiceApp.dll', 'OktaServiceApp.Format.ps1xml', 'LICENSE', 'CHANGELOG.md',
        'en-US/OktaServiceApp.dll-Help.xml', 'en-US/about_OktaServiceApp.help.txt',
        'OktaServiceApp.Core.dll', 'Dependencies/Desktop/Microsoft.IdentityModel.Tokens.dll',
        'Dependencies/Core/Microsoft.IdentityModel.Tokens.dll') {
        if (-not (Test-Path (Join-Path $Destination $expected))) { throw "Staged module is missing $expected" }
    }
    foreach ($stray in Get-ChildItem $Destination -Filter '*.dll') {
        if ($stray.Name -notin 'OktaServiceApp.dll', 'OktaServiceApp.Core.dll') { throw "Only the module's own assemblies may sit at the module root, found $($stray.Name)" }
    }
}

function Get-EditionPayloadSpec {
    # Desktop: Windows PowerShell 5.1 on .NET Framework 4.7.2 (the manifest's DotNetFrameworkVersion). Core: PowerShell 7.4 LTS on
    # .NET 8, the lowest PowerShell 7 we support. Each gets tools/Payload's build for its framework, minus what that runtime has in-box.
    param([Parameter(Mandatory)] [string] $RepoRoot)
    $packages = Get-ProjectPackageFolder -ProjectDirectory (Join-Path $RepoRoot 'tools/Payload')
    $netfx = Get-ChildItem (Join-Path $packages 'microsoft.netframework.referenceassemblies.net472') -Directory | Sort-Object Name | Select-Object -Last 1
    $netfxRef = Join-Path $netfx.FullName 'build/.NETFramework/v4.7.2'
    $coreRef = Join-Path $packages ("microsoft.netcore.app.ref/{0}/ref/net8.0" -f (Get-BuildProperty -RepoRoot $RepoRoot -Name 'LowestCoreRuntime'))
    [pscustomobject]@{ Name = 'Desktop'; Framework = 'net472'; InBox = @($netfxRef, (Join-Path $netfxRef 'Facades')) }
    [pscustomobject]@{ Name = 'Core'; Framework = 'net8.0'; InBox = @($coreRef) }
}

function Publish-EditionPayload {
    param(
        [Parameter(Mandatory)] [string] $RepoRoot,
        [Parameter(Mandatory)] [string] $Configuration,
        [Parameter(Mandatory)] [object] $Edition,
        [Parameter(Mandatory)] [string] $Staging,
        [Parameter(Mandatory)] [string] $Destination
    )
    Invoke-Dotnet publish (Join-Path $RepoRoot 'tools/Payload/OktaServiceApp.Payload.csproj') `
        -c $Configuration -f $Edition.Framework --no-build --nologo '-v:q' -o $Staging
    $inBox = @{}
    foreach ($folder in $Edition.InBox) {
        if (-not (Test-Path $folder)) { throw "In-box reference assemblies for $($Edition.Name) are missing: $folder (restore tools/Payload)" }
        foreach ($dll in Get-ChildItem $folder -Filter '*.dll') {
            # Two System.EnterpriseServices helpers in the Framework pack are native images, not assemblies.
            try { $name = [System.Reflection.AssemblyName]::GetAssemblyName($dll.FullName) } catch [System.BadImageFormatException] { continue }
            $inBox[$name.Name] = $name.Version
        }
    }
    $null = New-Item -ItemType Directory -Path $Destination -Force
    foreach ($dll in Get-ChildItem $Staging -Filter '*.dll') {
        $name = [System.Reflection.AssemblyName]::GetAssemblyName($dll.FullName)
        if ($name.Name -eq 'OktaServiceApp.Payload') { continue }
        # The runtime's own copy wins over ours when it is at least as new, so shipping ours would only cost bytes.
        if ($inBox.ContainsKey($name.Name) -and $inBox[$name.Name] -ge $name.Version) { continue }
        Copy-Item $dll.FullName $Destination
    }
}


function Get-BuildProperty {
    param([Parameter(Mandatory)] [string] $RepoRoot, [Parameter(Mandatory)] [string] $Name)
    $props = [xml](Get-Content (Join-Path $RepoRoot 'Directory.Build.props') -Raw)
    $node = $props.Project.PropertyGroup | Where-Object { $_[$Name] } | Select-Object -First 1
    $node[$Name].InnerText
}

function Get-ModuleVersion {
    param([Parameter(Mandatory)] [string] $RepoRoot)
    Get-BuildProperty -RepoRoot $RepoRoot -Name 'ModuleVersion'
}

function Read-JUnitCounts {
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $Name)
    if (-not (Test-Path $Path)) {
        # A runner that crashed before writing results counts as a failure, never as "nothing to see".
        return [pscustomobject]@{ Name = $Name; Passed = 0; Failed = 1; Skipped = 0 }
    }
    $xml = [xml](Get-Content $Path -Raw)
    $suites = @($xml.SelectNodes('//testsuite'))
    $total = 0; $failures = 0; $errors = 0; $skipped = 0
    foreach ($s in $suites) {
        $total += [int]$s.tests
        $failures += [int]$s.failures
        $errors += [int]$s.errors
        if ($s.HasAttribute('skipped')) { $skipped += [int]$s.skipped }
        elseif ($s.HasAttribute('disabled')) { $skipped += [int]$s.disabled }
    }
    $failed = $failures + $errors
    [pscustomobject]@{ Name = $Name; Passed = $total - $failed - $skipped; Failed = $failed; Skipped = $skipped }
}

function Read-XunitCounts {
    # xunit's console runner writes its own XML: one <assembly> with total, passed, failed, skipped and errors.
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $Name)
    if (-not (Test-Path $Path)) { return [pscustomobject]@{ Name = $Name; Passed = 0; Failed = 1; Skipped = 0 } }
    $xml = [xml](Get-Content $Path -Raw)
    $passed = 0; $failed = 0; $skipped = 0
    foreach ($assembly in @($xml.SelectNodes('//assembly'))) {
        # GetAttribute, not $assembly.errors: <assembly> also has an <errors> child element, and PowerShell would return both.
        $passed += [int]$assembly.GetAttribute('passed')
        $failed += [int]$assembly.GetAttribute('failed') + [int]$assembly.GetAttribute('errors')
        $skipped += [int]$assembly.GetAttribute('skipped')
    }
    [pscustomobject]@{ Name = $Name; Passed = $passed; Failed = $failed; Skipped = $skipped }
}

function Invoke-FrameworkTests {
    # Runs the engine tests' net472 build with xunit's console runner: natively on Windows (.NET Framework has ECDsa), under Mono
    # elsewhere (installed with apt-get when absent), where the tests marked Requires=ECDsa are left out because Mono has none.
    # Returns the runtime's name, or nothing when this machine has no way to run .NET Framework code.
    param(
        [Parameter(Mandatory)] [string] $RepoRoot,
        [Parameter(Mandatory)] [string] $Configuration,
        [Parameter(Mandatory)] [string] $ResultPath
    )
    $project = Join-Path $RepoRoot 'tests/OktaServiceApp.Core.Tests'
    $dll = Join-Path $project "bin/$Configuration/net472/OktaServiceApp.Core.Tests.dll"
    $packages = Get-ProjectPackageFolder -ProjectDirectory $project
    $runner = Join-Path $packages 'xunit.runner.console/2.4.1/tools/net472/xunit.console.exe'
    if (-not (Test-Path $runner)) { throw "xunit's console runner is not restored: $runner" }
    $onWindows = [System.IO.Path]::DirectorySeparatorChar -eq '\'
    if ($onWindows) {
        Write-Host '==> xunit OktaServiceApp.Core.Tests (net472, .NET Framework)'
        & $runner $dll -xml $ResultPath | Out-Host
        return '.NET Framework'
    }
    if (-not (Get-Command mono -ErrorAction SilentlyContinue)) {
        if (-not (Get-Command apt-get -ErrorAction SilentlyContinue)) {
            Write-Warning 'No Mono and no apt-get here: the net472 engine tests do not run on this machine.'
            return
        }
        Write-Host '==> installing Mono (apt-get install -y mono-devel)'
        $sudo = if ((& id -u) -ne '0') { 'sudo' } else { $null }
        $env:DEBIAN_FRONTEND = 'noninteractive'
        # To the host, not the pipeline: this function's output is the runtime's name.
        if ($sudo) { & $sudo apt-get update -qq | Out-Host; & $sudo apt-get install -y -qq mono-devel | Out-Host }
        else { & apt-get update -qq | Out-Host; & apt-get install -y -qq mono-devel | Out-Host }
        if ($LASTEXITCODE -ne 0) { throw "apt-get install mono-devel failed with exit code $LASTEXITCODE" }
    }
    Write-Host '==> xunit OktaServiceApp.Core.Tests (net472, Mono; without Requires=ECDsa)'
    & mono $runner $dll -xml $ResultPath -notrait 'Requires=ECDsa' | Out-Host
    'Mono'
}

function Get-ProjectPackageFolder {
    param([Parameter(Mandatory)] [string] $ProjectDirectory)
    $assets = Join-Path $ProjectDirectory 'obj/project.assets.json'
    if (-not (Test-Path $assets)) { throw "$ProjectDirectory is not restored: $assets is missing" }
    @((Get-Content $assets -Raw | ConvertFrom-Json).packageFolders.PSObject.Properties.Name)[0]
}

function New-ModulePackage {
    param([Parameter(Mandatory)] [string] $ModulePath, [Parameter(Mandatory)] [string] $Destination)
    if (Test-Path $Destination) { Remove-Item $Destination -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $Destination
    if ($PSVersionTable.PSEdition -eq 'Desktop') {
        # Windows PowerShell 5.1 has no PSResourceGet: pack from the repository's own PowerShell 7 instead.
        $self = Join-Path $PSScriptRoot 'BuildTools.psm1'
        & dotnet tool run pwsh -NoProfile -NonInteractive -Command "Import-Module '$self'; New-ModulePackage -ModulePath '$ModulePath' -Destination '$Destination'"
        if ($LASTEXITCODE -ne 0) { throw "Packaging failed with exit code $LASTEXITCODE" }
        return
    }
    $repoName = 'OktaServiceAppBuild' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    Register-PSResourceRepository -Name $repoName -Uri $Destination -Trusted
    try {
        Publish-PSResource -Path $ModulePath -Repository $repoName -SkipDependenciesCheck
    }
    finally {
        Unregister-PSResourceRepository -Name $repoName
    }
    Get-ChildItem $Destination -Filter '*.nupkg' | ForEach-Object { Write-Host "==> package $($_.FullName)" }
}

Export-ModuleMember -Function Invoke-Dotnet, Publish-Module, Get-ModuleVersion, Read-JUnitCounts, Read-XunitCounts, Invoke-FrameworkTests, New-ModulePackage
