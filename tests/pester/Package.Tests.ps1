# The package: out/package/OktaServiceApp.<version>.nupkg (the Test task builds it before Pester) installs from a repository
# with PSResourceGet and imports BY NAME in a fresh pwsh, complete with its dependencies and help.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $SavedEnvironment = Save-TestEnvironment
    $ModulePath = (Resolve-Path (Get-TestModulePath)).ProviderPath
    $ModuleVersion = (Import-PowerShellDataFile -Path (Join-Path $ModulePath 'OktaServiceApp.psd1')).ModuleVersion
    $PackageDir = Join-Path (Split-Path $ModulePath -Parent) 'package'
    $SaveDir = New-TestTempDirectory
    $RepositoryName = 'OktaServiceAppPester' + [guid]::NewGuid().ToString('n').Substring(0, 8)
    Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
}

AfterAll {
    if ($RepositoryName) { Unregister-PSResourceRepository -Name $RepositoryName -ErrorAction SilentlyContinue }
    if ($SaveDir) { Remove-Item -LiteralPath $SaveDir -Recurse -Force -ErrorAction SilentlyContinue }
    Restore-TestEnvironment $SavedEnvironment
}

Describe 'The OktaServiceApp package' {
    It 'exists as out/package/OktaServiceApp.VERSION.nupkg for the staged module''s version' {
        $PackageDir | Should -Exist
        @(Get-ChildItem -LiteralPath $PackageDir -Filter 'OktaServiceApp.*.nupkg').Count | Should -BeGreaterOrEqual 1
        Join-Path $PackageDir "OktaServiceApp.$ModuleVersion.nupkg" | Should -Exist
    }

    Context 'published to a local repository' {
        BeforeAll {
            Register-PSResourceRepository -Name $RepositoryName -Uri $PackageDir -Trusted -ErrorAction Stop
            $Found = @(Find-PSResource -Name OktaServiceApp -Repository $RepositoryName -ErrorAction SilentlyContinue)
            Save-PSResource -Name OktaServiceApp -Version $ModuleVersion -Repository $RepositoryName -Path $SaveDir -TrustRepository -ErrorAction Stop
            $Saved = Join-Path $SaveDir "OktaServiceApp/$ModuleVersion"
        }

        It 'is found in the repository with the module''s version' {
            $Found.Count | Should -BeGreaterOrEqual 1
            @($Found.Version | ForEach-Object { $_.ToString() }) | Should -Contain ([version]$ModuleVersion).ToString()
        }

        It 'saves as a complete module: manifest, dlls, format file, help, and its Dependencies folder' {
            Join-Path $Saved 'OktaServiceApp.psd1' | Should -Exist
            Join-Path $Saved 'OktaServiceApp.dll' | Should -Exist
            Join-Path $Saved 'OktaServiceApp.Core.dll' | Should -Exist
            Join-Path $Saved 'OktaServiceApp.Format.ps1xml' | Should -Exist
            Join-Path $Saved 'en-US/about_OktaServiceApp.help.txt' | Should -Exist
            Join-Path $Saved 'Dependencies/Core/Microsoft.IdentityModel.Tokens.dll' | Should -Exist
            @(Get-ChildItem -LiteralPath $Saved -Filter *.dll | ForEach-Object Name | Sort-Object) | Should -Be @('OktaServiceApp.Core.dll', 'OktaServiceApp.dll')
        }

        Context 'in a fresh pwsh with the saved folder first on PSModulePath' {
            BeforeAll {
                $modulePathEnv = $SaveDir + [System.IO.Path]::PathSeparator + $env:PSModulePath
                $Result = Invoke-TestPwsh -Environment @{ PSModulePath = $modulePathEnv } -Script @'
$ErrorActionPreference = 'Stop'
Import-Module OktaServiceApp
$module = Get-Module OktaServiceApp
'BASE=' + $module.ModuleBase
'VERSION=' + $module.Version
'CMDLETS=' + @(Get-Command -Module OktaServiceApp).Count
$jwks = New-OktaJwks -Algorithm ES256
'KEYID=' + $jwks.KeyId
'PRIVATE=' + $jwks.HasPrivateKey
'EXAMPLES=' + @((Get-Help New-OktaJwks).examples.example).Count
'DONE=yes'
'@
            }

            It 'imports OktaServiceApp by name from the saved folder' {
                $Result.ExitCode | Should -Be 0 -Because ($Result.ErrorText + ($Result.Output -join "`n"))
                Get-LifecycleChildValue $Result 'DONE' | Should -Be 'yes'
                $base = [System.IO.Path]::GetFullPath((Get-LifecycleChildValue $Result 'BASE'))
                $base | Should -BeLike ([System.IO.Path]::GetFullPath($SaveDir) + '*')
                Get-LifecycleChildValue $Result 'VERSION' | Should -Be ([version]$ModuleVersion).ToString()
                [int](Get-LifecycleChildValue $Result 'CMDLETS') | Should -Be @((Import-PowerShellDataFile (Join-Path $ModulePath 'OktaServiceApp.psd1')).CmdletsToExport).Count
            }

            It 'runs New-OktaJwks' {
                Get-LifecycleChildValue $Result 'KEYID' | Should -Not -BeNullOrEmpty
                Get-LifecycleChildValue $Result 'PRIVATE' | Should -Be 'True'
            }

            It 'has its cmdlet help' {
                [int](Get-LifecycleChildValue $Result 'EXAMPLES') | Should -BeGreaterOrEqual 2
            }
        }
    }
}
