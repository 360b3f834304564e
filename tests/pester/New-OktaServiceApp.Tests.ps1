# New-OktaServiceApp: the seed pipeline, what Okta receives (Dynamic Client Registration, public key members only),
# key handling (-Jwks, generated keys, -PrivateKeyPath), refusals before any request, -WhatIf, -RequireDpop and -Role.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite
    $TempDir = New-TestTempDirectory
    $OwnerOnly = if ((Test-OnWindows)) { 'owner-only' } else { '600' }
    $PrivateMembers = 'd', 'p', 'q', 'dp', 'dq', 'qi'
    # One EC key for the tests where the key itself does not matter: EC keys are made in milliseconds, RSA keys take seconds.
    $SharedKey = New-OktaJwks -Algorithm ES256
}

AfterAll {
    Complete-TestSuite
}

Describe 'New-OktaServiceApp' {
    Context 'the seed pipeline, as typed' {
        BeforeAll {
            Reset-EmulatorStats $Emulator
            $Grants = @(New-OktaJwks | New-OktaServiceApp -Name reporting | Grant-OktaScope okta.users.read, okta.groups.read)
            $Stats = Get-EmulatorStats $Emulator
            $State = Get-EmulatorState $Emulator
        }

        It 'outputs two ACTIVE grants for one new app' {
            $Grants.Count | Should -Be 2
            $Grants | ForEach-Object { $_ | Should -BeOfType ([OktaServiceApp.PowerShell.OktaScopeGrant]) }
            @($Grants.ScopeId) | Should -Be @('okta.users.read', 'okta.groups.read')
            @($Grants.Status | Select-Object -Unique) | Should -Be @('ACTIVE')
            @($Grants.ClientId | Select-Object -Unique).Count | Should -Be 1
        }

        It 'registers exactly one client named reporting as a private_key_jwt service app' {
            $clients = @($State.clients | Where-Object client_name -ceq 'reporting')
            $clients.Count | Should -Be 1
            $client = $clients[0]
            $client.client_id | Should -Be $Grants[0].ClientId
            $client.application_type | Should -Be 'service'
            @($client.grant_types) | Should -Be @('client_credentials')
            $client.token_endpoint_auth_method | Should -Be 'private_key_jwt'
        }

        It 'sends only the public members of the key' {
            $client = $State.clients | Where-Object client_name -ceq 'reporting'
            @($client.keys).Count | Should -Be 1
            $key = @($client.keys)[0]
            $key.kty | Should -Be 'RSA'
            $key.n | Should -Not -BeNullOrEmpty
            $key.e | Should -Not -BeNullOrEmpty
            $names = @($key.PSObject.Properties.Name)
            foreach ($member in $PrivateMembers) { $names | Should -Not -Contain $member }
        }

        It 'leaves both grants ACTIVE in the org, issued by the org authorization server' {
            $client = $State.clients | Where-Object client_name -ceq 'reporting'
            $grants = @($client.grants)
            $grants.Count | Should -Be 2
            @($grants.scopeId | Sort-Object) | Should -Be @('okta.groups.read', 'okta.users.read')
            @($grants.status | Select-Object -Unique) | Should -Be @('ACTIVE')
            @($grants.issuer | Select-Object -Unique) | Should -Be @($Emulator.OrgUrl)
            @($grants.id | Sort-Object) | Should -Be @($Grants.Id | Sort-Object)
        }

        It 'makes one POST /oauth2/v1/clients for the one app, and one grant POST per scope' {
            Get-LifecycleRouteCount $Stats 'POST /oauth2/v1/clients' | Should -Be 1
            Get-LifecycleRouteCount $Stats 'POST /api/v1/apps/{appId}/grants' | Should -Be 2
            Get-LifecycleRouteCount $Stats 'POST /api/v1/apps' | Should -Be 0
        }
    }

    Context 'output' {
        BeforeAll {
            $App = New-OktaServiceApp -Name output-shape -Jwks $SharedKey
        }

        It 'declares and outputs OktaServiceApp.PowerShell.OktaServiceApp' {
            (Get-Command New-OktaServiceApp).OutputType.Name | Should -Contain 'OktaServiceApp.PowerShell.OktaServiceApp'
            $App | Should -BeOfType ([OktaServiceApp.PowerShell.OktaServiceApp])
            $App.PSObject.TypeNames[0] | Should -Be 'OktaServiceApp.PowerShell.OktaServiceApp'
        }

        It 'carries ClientId, Name, ApplicationType, GrantTypes, TokenEndpointAuthMethod, KeyIds, CreatedAt and OrgUrl' {
            $client = Get-LifecycleClient $Emulator $App.ClientId
            $client | Should -Not -BeNullOrEmpty
            $App.Name | Should -BeExactly 'output-shape'
            $App.ApplicationType | Should -Be 'service'
            @($App.GrantTypes) | Should -Be @('client_credentials')
            $App.TokenEndpointAuthMethod | Should -Be 'private_key_jwt'
            @($App.KeyIds) | Should -Be @(@($client.keys).kid)
            $App.CreatedAt | Should -BeOfType ([DateTimeOffset])
            $App.OrgUrl | Should -Be $Emulator.OrgUrl
        }
    }

    Context 'keys' {
        It 'makes an RS256 key pair itself when no -Jwks is given, and registers its public half' {
            $app = New-OktaServiceApp -Name generated-key
            $app.Jwks | Should -Not -BeNullOrEmpty
            $app.Jwks.HasPrivateKey | Should -BeTrue
            $app.Jwks.Algorithm | Should -Be 'RS256'
            @($app.KeyIds) | Should -Be @($app.Jwks.KeyId)
            $client = Get-LifecycleClient $Emulator $app.ClientId
            @($client.keys).kid | Should -Be $app.Jwks.KeyId
            $names = @(@($client.keys)[0].PSObject.Properties.Name)
            foreach ($member in $PrivateMembers) { $names | Should -Not -Contain $member }
        }

        It 'registers the piped key pair (EC) and no private member of it' {
            $jwks = New-OktaJwks -Algorithm ES256
            $app = $jwks | New-OktaServiceApp -Name piped-ec-key
            @($app.KeyIds) | Should -Be @($jwks.KeyId)
            $app.Jwks.KeyId | Should -Be $jwks.KeyId
            $key = @((Get-LifecycleClient $Emulator $app.ClientId).keys)[0]
            $key.kid | Should -Be $jwks.KeyId
            $key.kty | Should -Be 'EC'
            $key.crv | Should -Be 'P-256'
            @($key.PSObject.Properties.Name) | Should -Not -Contain 'd'
        }

        It '-PrivateKeyPath writes the private key owner-only as PKCS#8 PEM, matching the registered key' {
            $path = Join-Path $TempDir 'written.pem'
            $app = New-OktaServiceApp -Name with-key-file -PrivateKeyPath $path
            $path | Should -Exist
            Get-LifecycleFileMode $path | Should -Be $OwnerOnly
            (Get-Content -LiteralPath $path -TotalCount 1) | Should -Be '-----BEGIN PRIVATE KEY-----'
            $imported = Import-OktaPrivateKey -Path $path
            $imported.HasPrivateKey | Should -BeTrue
            $imported.Thumbprint | Should -Be $app.Jwks.Thumbprint
            @($app.KeyIds) | Should -Contain $imported.KeyId
        }

        It 'refuses an existing -PrivateKeyPath with OktaFileExists, and creates no app' {
            $path = Join-Path $TempDir 'already-there.pem'
            Set-Content -LiteralPath $path -Value 'keep me'
            $before = Get-LifecycleClientCount $Emulator
            Reset-EmulatorStats $Emulator

            $out = New-OktaServiceApp -Name must-not-exist -PrivateKeyPath $path -ErrorVariable err -ErrorAction SilentlyContinue

            $out | Should -BeNullOrEmpty
            @($err).Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Match '^OktaFileExists(,|$)'
            $err[0].TargetObject | Should -Be $path
            (Get-EmulatorStats $Emulator).totalRequests | Should -Be 0
            Get-LifecycleClientCount $Emulator | Should -Be $before
            Get-LifecycleClientCount $Emulator -Name must-not-exist | Should -Be 0
            Get-Content -LiteralPath $path | Should -Be 'keep me'
        }
    }

    Context 'refusals and -WhatIf' {
        It 'refuses the name <Label> with OktaAppNameInvalid before any request' -TestCases @(
            @{ Label = 'empty'; Name = '' }
            @{ Label = 'of spaces'; Name = '   ' }
            @{ Label = 'of a tab'; Name = "`t" }
        ) {
            Reset-EmulatorStats $Emulator
            $out = New-OktaServiceApp -Name $Name -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            @($err).Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Match '^OktaAppNameInvalid(,|$)'
            (Get-EmulatorStats $Emulator).totalRequests | Should -Be 0
        }

        It '-WhatIf sends nothing and outputs nothing' {
            $before = Get-LifecycleClientCount $Emulator
            Reset-EmulatorStats $Emulator
            $out = New-OktaServiceApp -Name what-if-app -WhatIf
            $out | Should -BeNullOrEmpty
            (Get-EmulatorStats $Emulator).totalRequests | Should -Be 0
            Get-LifecycleClientCount $Emulator | Should -Be $before
        }
    }

    Context '-RequireDpop and -Role' {
        It '-RequireDpop creates the app through the Apps API with dpop_bound_access_tokens' {
            Reset-EmulatorStats $Emulator
            $app = New-OktaServiceApp -Name dpop-app -RequireDpop -Jwks $SharedKey
            $stats = Get-EmulatorStats $Emulator

            $app.RequireDpop | Should -BeTrue
            $app.ApplicationType | Should -Be 'service'
            $app.TokenEndpointAuthMethod | Should -Be 'private_key_jwt'
            Get-LifecycleRouteCount $stats 'POST /api/v1/apps' | Should -Be 1
            Get-LifecycleRouteCount $stats 'POST /oauth2/v1/clients' | Should -Be 0
            $client = Get-LifecycleClient $Emulator $app.ClientId
            $client.dpop_bound_access_tokens | Should -BeTrue
            @($client.grant_types) | Should -Be @('client_credentials')
        }

        It 'a -RequireDpop app gets DPoP-bound tokens' {
            $app = New-OktaServiceApp -Name dpop-token-app -RequireDpop -Jwks $SharedKey | Grant-OktaScope okta.users.read -PassThru
            $token = $app | Get-OktaAccessToken okta.users.read
            $token.TokenType | Should -Be 'DPoP'
        }

        It 'an app made without -RequireDpop is not DPoP-bound' {
            $app = New-OktaServiceApp -Name bearer-app -Jwks $SharedKey
            $app.RequireDpop | Should -Not -BeTrue
            (Get-LifecycleClient $Emulator $app.ClientId).dpop_bound_access_tokens | Should -BeFalse
        }

        It '-Role READ_ONLY_ADMIN assigns the role to the new app' {
            $app = New-OktaServiceApp -Name with-role -Role READ_ONLY_ADMIN -Jwks $SharedKey
            $roles = @((Get-LifecycleClient $Emulator $app.ClientId).roles)
            $roles.Count | Should -Be 1
            $roles[0].type | Should -Be 'READ_ONLY_ADMIN'
            $roles[0].status | Should -Be 'ACTIVE'
        }
    }

    Context 'several names piped' {
        It 'never takes a name from a piped key pair: without -Name nothing is created' {
            # -Name binds by property name only, so a piped OktaJwks can't be coerced into a name like "RS256 <kid>".
            Reset-EmulatorStats $Emulator
            { $SharedKey | New-OktaServiceApp -ErrorAction Stop } | Should -Throw
            Get-LifecycleRouteCount (Get-EmulatorStats $Emulator) 'POST /oauth2/v1/clients' | Should -Be 0
        }

        It 'makes one app per piped object with a Name property (Import-Csv), one object each, in input order' {
            $csv = Join-Path $TempDir 'names.csv'
            @('pipe-csv-a', 'pipe-csv-b', 'pipe-csv-c') | ForEach-Object { [pscustomobject]@{ Name = $_; Owner = 'ops' } } |
                Export-Csv -LiteralPath $csv -NoTypeInformation
            Reset-EmulatorStats $Emulator

            $apps = @(Import-Csv -LiteralPath $csv | New-OktaServiceApp -Jwks $SharedKey)

            $apps.Count | Should -Be 3
            @($apps.Name) | Should -Be @('pipe-csv-a', 'pipe-csv-b', 'pipe-csv-c')
            @($apps.ClientId | Select-Object -Unique).Count | Should -Be 3
            Get-LifecycleRouteCount (Get-EmulatorStats $Emulator) 'POST /oauth2/v1/clients' | Should -Be 3
            foreach ($name in 'pipe-csv-a', 'pipe-csv-b', 'pipe-csv-c') { Get-LifecycleClientCount $Emulator -Name $name | Should -Be 1 }
        }
    }
}
