# Style anchors §2: the module shares a session with modules that load another Microsoft.IdentityModel (Az, Microsoft.Graph).
# Each order runs in its own fresh pwsh against this file's emulator: IdentityModel 7.7.1 first and then the module, or the module
# first and then 7.7.1. Both must work, the session's IdentityModel must stay 7.7.1, and nothing from the module's Dependencies/
# folder may land in the default load context.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $SavedEnvironment = Save-TestEnvironment
    $NuGetRoot = Get-LifecycleNuGetRoot -HomePath $SavedEnvironment.Home
    $ModuleManifest = (Resolve-Path (Join-Path (Get-TestModulePath) 'OktaServiceApp.psd1')).ProviderPath
    $Emulator = Start-TestEmulator

    # Shared by both child scripts: load 7.7.1 and use a type from it; run the seed pipeline and get a token; report what is loaded.
    $Functions = @'
$ErrorActionPreference = 'Stop'
function Add-IdentityModel771 {
    foreach ($name in 'Microsoft.IdentityModel.Abstractions', 'Microsoft.IdentityModel.Logging', 'Microsoft.IdentityModel.Tokens') {
        $lib = Join-Path $env:ISO_NUGET "$($name.ToLowerInvariant())/7.7.1/lib"
        $dll = @('net8.0', 'netstandard2.0' | ForEach-Object { Join-Path $lib "$_/$name.dll" } | Where-Object { Test-Path -LiteralPath $_ })[0]
        if (-not $dll) { throw "$name 7.7.1 is not in $env:ISO_NUGET; run: dotnet restore tests/pester/Pester.Download.proj" }
        Add-Type -Path $dll
    }
    [Microsoft.IdentityModel.Tokens.JsonWebKey]::new() | Out-Null
    $jwk = [Microsoft.IdentityModel.Tokens.JsonWebKey]::new('{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}')
    'JWK_KTY=' + $jwk.Kty
}
function Invoke-SeedFlow([string] $Name) {
    $null = Connect-Okta -OrgUrl $env:ISO_ORGURL -ApiToken $env:ISO_TOKEN
    $jwks = New-OktaJwks -Algorithm ES256
    $grants = @($jwks | New-OktaServiceApp -Name $Name | Grant-OktaScope okta.users.read, okta.groups.read)
    $token = Get-OktaAccessToken -ClientId $grants[0].ClientId -Jwks $jwks -Scope okta.users.read
    "GRANTS_$Name=" + $grants.Count
    "TOKEN_$Name=" + $token.TokenType + ' ' + $token.ClientId
}
function Write-LoadState([string] $When) {
    "VERSION_$When=" + [Microsoft.IdentityModel.Tokens.JsonWebKey].Assembly.GetName().Version
    $deps = [System.IO.Path]::GetFullPath((Join-Path (Get-Module OktaServiceApp).ModuleBase 'Dependencies'))
    $default = [System.Runtime.Loader.AssemblyLoadContext]::Default
    $fromDeps = @(foreach ($context in [System.Runtime.Loader.AssemblyLoadContext]::All) {
            foreach ($assembly in $context.Assemblies) {
                if (-not $assembly.IsDynamic -and $assembly.Location -and
                    $assembly.Location.StartsWith($deps, [System.StringComparison]::OrdinalIgnoreCase)) {
                    $tfm = $assembly.GetCustomAttributes([System.Runtime.Versioning.TargetFrameworkAttribute], $false) | Select-Object -First 1
                    [pscustomobject]@{
                        Name = $assembly.GetName().Name; InDefault = [object]::ReferenceEquals($context, $default)
                        Folder = Split-Path (Split-Path $assembly.Location -Parent) -Leaf
                        Framework = $(if ($tfm) { $tfm.FrameworkName } else { '' })
                    }
                }
            }
        })
    "DEPS_LOADED_$When=" + $fromDeps.Count
    "DEPS_IN_DEFAULT_$When=" + @($fromDeps | Where-Object InDefault).Count
    "DEPS_BUILDS_$When=" + (@($fromDeps | ForEach-Object { "$($_.Folder)/$($_.Name)@$($_.Framework)" }) -join ';')
    $tokensInDefault = @($default.Assemblies | Where-Object { $_.GetName().Name -eq 'Microsoft.IdentityModel.Tokens' })
    "TOKENS_IN_DEFAULT_$When=" + (@($tokensInDefault | ForEach-Object { $_.GetName().Version }) -join ',')
}
'@
    # A settings file in the (temporary) home, so the module reads it with its own YAML parser from Dependencies/. Connect-Okta's
    # parameters win over it.
    # ($HOME keeps the real home; the children inherit HOME = the temporary one.)
    $oktaDir = Join-Path $SavedEnvironment.FakeHome '.okta'
    $null = New-Item -ItemType Directory -Path $oktaDir -Force
    Set-Content -LiteralPath (Join-Path $oktaDir 'okta.yaml') -Value "okta:`n  client:`n    orgUrl: `"$($Emulator.OrgUrl)`"`n    requestTimeout: 60`n"
    $ChildEnvironment = @{
        ISO_NUGET  = $NuGetRoot
        ISO_ORGURL = $Emulator.OrgUrl
        ISO_TOKEN  = $Emulator.ApiToken
    }

    # Both orders, each in its own fresh pwsh, at the same time.
    $IdentityModelFirst = Start-TestPwsh -Environment $ChildEnvironment -Script @"
$Functions
Add-IdentityModel771
'VERSION_BEFORE=' + [Microsoft.IdentityModel.Tokens.JsonWebKey].Assembly.GetName().Version
Import-Module '$ModuleManifest'
Invoke-SeedFlow 'first-identitymodel'
Write-LoadState 'AFTER'
'DONE=yes'
"@
    $ModuleFirst = Start-TestPwsh -Environment $ChildEnvironment -Script @"
$Functions
Import-Module '$ModuleManifest'
Invoke-SeedFlow 'module-first'
Add-IdentityModel771
Write-LoadState 'AFTER'
Invoke-SeedFlow 'module-again'
'DONE=yes'
"@
    $IdentityModelFirstResult = Wait-TestPwsh $IdentityModelFirst
    $ModuleFirstResult = Wait-TestPwsh $ModuleFirst
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator $Emulator }
    Restore-TestEnvironment $SavedEnvironment
}

Describe 'Sharing a session with Microsoft.IdentityModel 7.7.1' {
    It 'has Microsoft.IdentityModel 7.7.1 in the NuGet cache' {
        Join-Path $NuGetRoot 'microsoft.identitymodel.tokens/7.7.1/lib' | Should -Exist
    }

    Context 'IdentityModel 7.7.1 loaded first, then the module' {
        BeforeAll {
            $Result = $IdentityModelFirstResult
        }

        It 'runs to the end' {
            $Result.ExitCode | Should -Be 0 -Because ($Result.ErrorText + ($Result.Output -join "`n"))
            Get-LifecycleChildValue $Result 'DONE' | Should -Be 'yes'
            Get-LifecycleChildValue $Result 'JWK_KTY' | Should -Be 'EC'
        }

        It 'runs the seed pipeline and gets a token with the module' {
            Get-LifecycleChildValue $Result 'GRANTS_first-identitymodel' | Should -Be '2'
            Get-LifecycleChildValue $Result 'TOKEN_first-identitymodel' | Should -BeLike 'Bearer 0oa*'
        }

        It 'keeps 7.7.1 as the session''s Microsoft.IdentityModel.Tokens' {
            ([version](Get-LifecycleChildValue $Result 'VERSION_BEFORE')).ToString(3) | Should -Be '7.7.1'
            ([version](Get-LifecycleChildValue $Result 'VERSION_AFTER')).ToString(3) | Should -Be '7.7.1'
            Get-LifecycleChildValue $Result 'TOKENS_IN_DEFAULT_AFTER' | Should -Be '7.7.1.0'
        }

        It 'loads its dependencies from its Dependencies folder outside the default load context' {
            [int](Get-LifecycleChildValue $Result 'DEPS_LOADED_AFTER') | Should -BeGreaterOrEqual 1
            Get-LifecycleChildValue $Result 'DEPS_IN_DEFAULT_AFTER' | Should -Be '0'
        }

        It 'loads only the Core edition''s net8.0 builds' {
            $builds = @((Get-LifecycleChildValue $Result 'DEPS_BUILDS_AFTER') -split ';')
            $builds | Should -Not -BeNullOrEmpty
            foreach ($build in $builds) { $build | Should -BeLike 'Core/*@.NETCoreApp,Version=v8.0' }
        }
    }

    Context 'the module first, then IdentityModel 7.7.1' {
        BeforeAll {
            $Result = $ModuleFirstResult
        }

        It 'runs to the end' {
            $Result.ExitCode | Should -Be 0 -Because ($Result.ErrorText + ($Result.Output -join "`n"))
            Get-LifecycleChildValue $Result 'DONE' | Should -Be 'yes'
            Get-LifecycleChildValue $Result 'JWK_KTY' | Should -Be 'EC'
        }

        It 'runs the seed pipeline and gets a token before and after 7.7.1 is loaded' {
            Get-LifecycleChildValue $Result 'GRANTS_module-first' | Should -Be '2'
            Get-LifecycleChildValue $Result 'TOKEN_module-first' | Should -BeLike 'Bearer 0oa*'
            Get-LifecycleChildValue $Result 'GRANTS_module-again' | Should -Be '2'
            Get-LifecycleChildValue $Result 'TOKEN_module-again' | Should -BeLike 'Bearer 0oa*'
        }

        It 'lets 7.7.1 load as the session''s Microsoft.IdentityModel.Tokens' {
            ([version](Get-LifecycleChildValue $Result 'VERSION_AFTER')).ToString(3) | Should -Be '7.7.1'
            Get-LifecycleChildValue $Result 'TOKENS_IN_DEFAULT_AFTER' | Should -Be '7.7.1.0'
        }

        It 'loads its dependencies from its Dependencies folder outside the default load context' {
            [int](Get-LifecycleChildValue $Result 'DEPS_LOADED_AFTER') | Should -BeGreaterOrEqual 1
            Get-LifecycleChildValue $Result 'DEPS_IN_DEFAULT_AFTER' | Should -Be '0'
        }

        It 'loads only the Core edition''s net8.0 builds' {
            $builds = @((Get-LifecycleChildValue $Result 'DEPS_BUILDS_AFTER') -split ';')
            $builds | Should -Not -BeNullOrEmpty
            foreach ($build in $builds) { $build | Should -BeLike 'Core/*@.NETCoreApp,Version=v8.0' }
        }
    }

    It 'the three apps exist in the org with two grants each' {
        $clients = @((Get-EmulatorState $Emulator).clients | Where-Object client_name -in 'first-identitymodel', 'module-first', 'module-again')
        $clients.Count | Should -Be 3
        foreach ($client in $clients) { @($client.grants).Count | Should -Be 2 }
    }
}
