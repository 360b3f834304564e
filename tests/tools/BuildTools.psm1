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

    # Everything the engine loads goes to Dependencies/, which default probing never looks at, so that
    # Microsoft.IdentityModel.* loads into our own AssemblyLoadContext (style-anchors §2). The engine itself sits at the root:
    # output types hold engine objects, so the type loader needs it before the module's resolve hook exists.
    Invoke-Dotnet publish (Join-Path $RepoRoot 'src/OktaServiceApp.Core/OktaServiceApp.Core.csproj') `
        -c $Configuration --no-build --nologo '-v:q' -o (Join-Path $staging 'core')
    Get-ChildItem (Join-Path $staging 'core') -Filter '*.dll' | Where-Object Name -ne 'OktaServiceApp.Core.dll' |
        Copy-Item -Destination $deps
    Copy-Item (Join-Path $staging 'core/OktaServiceApp.Core.dll') $Destination

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
        'OktaServiceApp.Core.dll', 'Dependencies/Microsoft.IdentityModel.Tokens.dll') {
        if (-not (Test-Path (Join-Path $Destination $expected))) { throw "Staged module is missing $expected" }
    }
    foreach ($stray in Get-ChildItem $Destination -Filter '*.dll') {
        if ($stray.Name -notin 'OktaServiceApp.dll', 'OktaServiceApp.Core.dll') { throw "Only the module's own assemblies may sit at the module root, found $($stray.Name)" }
    }
}

function Get-ModuleVersion {
    param([Parameter(Mandatory)] [string] $RepoRoot)
    $props = [xml](Get-Content (Join-Path $RepoRoot 'Directory.Build.props') -Raw)
    $node = $props.Project.PropertyGroup | Where-Object { $_['ModuleVersion'] } | Select-Object -First 1
    $node.ModuleVersion
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
