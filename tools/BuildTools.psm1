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
    $helpOut = Join-Path $Destination 'en-US'
    $null = New-Item -ItemType Directory -Path $helpOut -Force
    Copy-Item (Join-Path $moduleSource 'en-US/*.txt') $helpOut

    # MAML is generated from the XML doc comments of the cmdlet classes: one source of truth for help.
    & dotnet tool run pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'New-MamlHelp.ps1') `
        -ModulePath $Destination -DocXmlPath (Join-Path $staging 'module/OktaServiceApp.xml') `
        -OutputPath (Join-Path $helpOut 'OktaServiceApp.dll-Help.xml')
    if ($LASTEXITCODE -ne 0) { throw "Help generation failed with exit code $LASTEXITCODE" }

    foreach ($expected in 'OktaServiceApp.psd1', 'OktaServiceApp.dll', 'OktaServiceApp.Format.ps1xml',
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
    $packages = Get-PayloadPackageFolder -RepoRoot $RepoRoot
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

function Get-PayloadPackageFolder {
    param([Parameter(Mandatory)] [string] $RepoRoot)
    $assets = Join-Path $RepoRoot 'tools/Payload/obj/project.assets.json'
    if (-not (Test-Path $assets)) { throw "tools/Payload is not restored: $assets is missing" }
    $folders = (Get-Content $assets -Raw | ConvertFrom-Json).packageFolders
    @($folders.PSObject.Properties.Name)[0]
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

function New-ModulePackage {
    param([Parameter(Mandatory)] [string] $ModulePath, [Parameter(Mandatory)] [string] $Destination)
    if (Test-Path $Destination) { Remove-Item $Destination -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $Destination
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

Export-ModuleMember -Function Invoke-Dotnet, Publish-Module, Get-ModuleVersion, Read-JUnitCounts, New-ModulePackage
