# What a user meets before any API call: help for every cmdlet, about_OktaServiceApp, the manifest, approved verbs, a quiet
# import, table views for every output type, and tab completion of scopes, algorithms, roles and key formats.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-TestModule
    $CmdletCases = @(Get-Command -Module OktaServiceApp -CommandType Cmdlet | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-TestModule
    $SavedEnvironment = Save-TestEnvironment
    $ModulePath = (Resolve-Path (Get-TestModulePath)).ProviderPath
    $ManifestPath = Join-Path $ModulePath 'OktaServiceApp.psd1'
    $CommonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

    # The cmdlet classes in the module's dll, by their [Cmdlet] attribute.
    $Module = Get-Module OktaServiceApp
    $CmdletTypes = @($Module.ImplementingAssembly.GetExportedTypes() | Where-Object {
            -not $_.IsAbstract -and $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).Count -gt 0 })

    function Get-ExampleText($Example) {
        (@($Example.code) + @($Example.remarks | ForEach-Object { $_.Text }) + @($Example.introduction | ForEach-Object { $_.Text })) -join "`n"
    }
}

AfterAll {
    Restore-TestEnvironment $SavedEnvironment
}

Describe 'Help for <Name>' -ForEach $CmdletCases {
    BeforeAll {
        $Help = Get-Help $Name -Full
        $Command = Get-Command $Name
    }

    It 'has a synopsis of its own, not the syntax' {
        $synopsis = "$($Help.Synopsis)".Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        $syntax = (Get-Command $Name -Syntax | Out-String).Trim()
        $synopsis | Should -Not -Be $syntax
        $synopsis | Should -Not -BeLike "$Name *"
        $synopsis | Should -Not -BeLike "$Name[[]*"
    }

    It 'has a description' {
        (@($Help.description | ForEach-Object { $_.Text }) -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter' {
        $undescribed = foreach ($parameter in $Command.Parameters.Keys | Where-Object { $_ -notin $CommonParameters }) {
            $entry = @($Help.parameters.parameter) | Where-Object { $_.name -eq $parameter }
            $text = if ($entry) { (@($entry.description | ForEach-Object { $_.Text }) -join '').Trim() } else { '' }
            if (-not $text) { $parameter }
        }
        @($undescribed) | Should -BeNullOrEmpty -Because 'every parameter needs a description'
    }

    It 'has at least two examples, each with code and remarks' {
        $examples = @($Help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            "$($example.code)".Trim() | Should -Not -BeNullOrEmpty
            (@($example.remarks | ForEach-Object { $_.Text }) -join '').Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'has an example for a runbook or CI job, using $env:' {
        $withEnv = @(@($Help.examples.example) | Where-Object { (Get-ExampleText $_) -match '\$env:' })
        $withEnv.Count | Should -BeGreaterOrEqual 1
    }
}

Describe 'Verbs' {
    It 'every cmdlet uses an approved verb' {
        $approved = (Get-Verb).Verb
        $unapproved = @(Get-Command -Module OktaServiceApp | Where-Object { $_.Verb -notin $approved } | ForEach-Object Name)
        $unapproved | Should -BeNullOrEmpty
        @(Get-Command -Module OktaServiceApp).Count | Should -BeGreaterThan 0
    }
}

Describe 'about_OktaServiceApp' {
    BeforeAll {
        $About = (Get-Help about_OktaServiceApp | Out-String)
    }

    It 'exists' {
        $About.Trim() | Should -Not -BeNullOrEmpty
        $About | Should -Match 'about_OktaServiceApp'
    }

    It 'covers <Topic>' -TestCases @(
        @{ Topic = 'DPoP'; Pattern = 'DPoP' }
        @{ Topic = 'rate limits'; Pattern = 'rate[ -]limit' }
        @{ Topic = 'configuration'; Pattern = 'configuration' }
        @{ Topic = 'security'; Pattern = 'security' }
    ) {
        $About | Should -Match $Pattern
    }
}

Describe 'The module manifest' {
    BeforeAll {
        $Manifest = Test-ModuleManifest -Path $ManifestPath -ErrorAction Stop
        $Data = Import-PowerShellDataFile -Path $ManifestPath
    }

    It 'passes Test-ModuleManifest' {
        $Manifest | Should -Not -BeNullOrEmpty
        $Manifest.Name | Should -Be 'OktaServiceApp'
        $Manifest.Version | Should -BeGreaterThan ([version]'0.0')
    }

    It 'supports Windows PowerShell 5.1 (Desktop) and PowerShell 7 (Core)' {
        @($Data.CompatiblePSEditions | Sort-Object) | Should -Be @('Core', 'Desktop')
        [version]$Data.PowerShellVersion | Should -Be ([version]'5.1')
    }

    It 'lists its cmdlets explicitly, exactly the cmdlets in the dll' {
        $listed = @($Data.CmdletsToExport)
        $listed.Count | Should -BeGreaterThan 0
        $listed | Should -Not -Contain '*'
        $listed | ForEach-Object { $_ | Should -Not -Match '[*?]' }
        $inDll = @($CmdletTypes | ForEach-Object {
                $attribute = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
                "$($attribute.VerbName)-$($attribute.NounName)"
            })
        @($listed | Sort-Object) | Should -Be @($inDll | Sort-Object)
        @((Get-Command -Module OktaServiceApp -CommandType Cmdlet).Name | Sort-Object) | Should -Be @($inDll | Sort-Object)
    }

    It 'exports no functions, aliases or variables' {
        $Data.ContainsKey('FunctionsToExport') | Should -BeTrue
        @($Data.FunctionsToExport).Count | Should -Be 0
        $Data.ContainsKey('AliasesToExport') | Should -BeTrue
        @($Data.AliasesToExport).Count | Should -Be 0
        @($Manifest.ExportedFunctions.Keys).Count | Should -Be 0
        @($Manifest.ExportedAliases.Keys).Count | Should -Be 0
    }

    It 'has Tags for the gallery, and a ProjectUri or LicenseUri only when it is a real address' {
        # Until the project has a public home the URIs are left out (a gallery shows a dead link otherwise);
        # the LICENSE and CHANGELOG.md ship in the module folder instead.
        $psData = $Data.PrivateData.PSData
        @($psData.Tags).Count | Should -BeGreaterThan 0
        foreach ($key in 'ProjectUri', 'LicenseUri') {
            if ($psData.ContainsKey($key)) {
                [uri]::IsWellFormedUriString($psData[$key], [System.UriKind]::Absolute) | Should -BeTrue -Because $key
            }
        }
        Join-Path (Split-Path $ManifestPath) 'LICENSE' | Should -Exist
    }
}

Describe 'Importing the module' {
    It 'prints no warning (or anything else) in a fresh pwsh' {
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ManifestPath' -WarningVariable importWarnings 3>&1
'WARNINGS=' + @(`$importWarnings).Count
'CMDLETS=' + @(Get-Command -Module OktaServiceApp).Count
"@
        $result = Invoke-TestPwsh -Script $script
        $result.ExitCode | Should -Be 0 -Because $result.ErrorText
        $result.ErrorText.Trim() | Should -BeNullOrEmpty
        Get-LifecycleChildValue $result 'WARNINGS' | Should -Be '0'
        [int](Get-LifecycleChildValue $result 'CMDLETS') | Should -Be $CmdletTypes.Count
        @($result.Output | Where-Object { $_ -notmatch '^(WARNINGS|CMDLETS)=' }) | Should -BeNullOrEmpty
    }
}

Describe 'Formatting' {
    BeforeAll {
        $FormatXml = [xml](Get-Content -LiteralPath (Join-Path $ModulePath 'OktaServiceApp.Format.ps1xml') -Raw)
        $TableTypes = @($FormatXml.Configuration.ViewDefinitions.View | Where-Object { $_.TableControl } |
                ForEach-Object { $_.ViewSelectedBy.TypeName })
        $OutputTypes = @($CmdletTypes | ForEach-Object {
                $_.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $false) | ForEach-Object { $_.Type.Name }
            } | Where-Object { $_ -like 'OktaServiceApp.*' } | Sort-Object -Unique)
    }

    It 'declares its output types' {
        $OutputTypes | Should -Contain 'OktaServiceApp.PowerShell.OktaServiceApp'
        $OutputTypes | Should -Contain 'OktaServiceApp.PowerShell.OktaScopeGrant'
        $OutputTypes | Should -Contain 'OktaServiceApp.PowerShell.OktaJwks'
    }

    It 'has a table view for every output type of every cmdlet' {
        $missing = @($OutputTypes | Where-Object { $_ -notin $TableTypes })
        $missing | Should -BeNullOrEmpty -Because 'each [OutputType] needs a table view in OktaServiceApp.Format.ps1xml'
    }

    Context 'default output of real objects' {
        BeforeAll {
            $Emulator = Start-TestEmulator
            $null = Connect-TestEmulator $Emulator
            $Jwks = New-OktaJwks -Algorithm ES256
            $App = $Jwks | New-OktaServiceApp -Name formatting -Role READ_ONLY_ADMIN
            $Grants = @($App | Grant-OktaScope okta.users.read, okta.groups.read)
            $Objects = [ordered]@{
                jwks  = $Jwks
                app   = $App
                grant = $Grants
                key   = @(Get-OktaServiceAppKey -ClientId $App.ClientId)
                role  = @(Get-OktaServiceAppRole -ClientId $App.ClientId)
                token = $App | Get-OktaAccessToken okta.users.read
            }
        }

        AfterAll {
            Disconnect-Okta -ErrorAction SilentlyContinue
            if ($Emulator) { Stop-TestEmulator $Emulator }
        }

        It 'shows a(n) <_> as a table with no @{...} text' -ForEach @('jwks', 'app', 'grant', 'key', 'role', 'token') {
            $object = $Objects[$_]
            $object | Should -Not -BeNullOrEmpty
            $text = $object | Out-String -Width 250
            $text | Should -Not -Match '@\{'
            # A table: a header line followed by a line of dashes.
            $text | Should -Match '(?m)^-+(\s+-+)+\s*$'
        }

        It 'shows the app''s client id and the grant''s scope in the default view' {
            ($App | Out-String -Width 250) | Should -Match ([regex]::Escape($App.ClientId))
            ($Grants | Out-String -Width 250) | Should -Match 'okta\.groups\.read'
        }
    }
}

Describe 'Tab completion' {
    It 'completes <Line> with <Expected>' -TestCases @(
        @{ Line = 'Grant-OktaScope -Scope okta.us'; Expected = 'okta.users.read' }
        @{ Line = 'New-OktaJwks -Algorithm E'; Expected = 'ES256' }
        @{ Line = 'Add-OktaServiceAppRole -Role READ'; Expected = 'READ_ONLY_ADMIN' }
        @{ Line = 'Export-OktaPrivateKey -Format J'; Expected = 'Jwk' }
    ) {
        $completion = TabExpansion2 -inputScript $Line -cursorColumn $Line.Length
        @($completion.CompletionMatches.CompletionText) | Should -Contain $Expected
    }
}
