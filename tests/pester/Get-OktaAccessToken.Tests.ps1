BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite -Work

    $script:TokenRoute = 'POST /oauth2/v1/token'
    $script:KeyPath = Join-Path $Work 'svc.pem'
    $script:App = New-OktaServiceApp -Name svc -PrivateKeyPath $KeyPath | Grant-OktaScope okta.users.read -PassThru
    $script:DpopApp = New-OktaJwks -Algorithm ES256 | New-OktaServiceApp -Name 'svc-dpop' -RequireDpop | Grant-OktaScope okta.users.read -PassThru

    function script:Get-TokenPosts { Get-AuthRouteCount $Emulator $TokenRoute }

    # Calls /api/v1/users with a raw Bearer token, as another tool would.
    function script:Invoke-UsersWithBearer([string] $Token) {
        $response = Invoke-TestHttp -Uri "$($Emulator.OrgUrl)/api/v1/users" -Headers @{ Authorization = "Bearer $Token" }
        # Assigned first: Windows PowerShell's ConvertFrom-Json writes an array as one object.
        $users = $response.Content | ConvertFrom-Json
        [pscustomobject]@{ Status = $response.Status; Users = @($users) }
    }
}

AfterAll {
    Complete-TestSuite
}

Describe 'Get-OktaAccessToken' {
    Context 'a Bearer app made in this session' {
        It 'gets a Bearer token with one token request, as a SecureString with its scope' {
            $before = Get-TokenPosts
            $token = $App | Get-OktaAccessToken okta.users.read
            (Get-TokenPosts) - $before | Should -Be 1
            $token.TokenType | Should -BeExactly 'Bearer'
            $token.Token | Should -BeOfType [securestring]
            $token.Token.Length | Should -BeGreaterThan 0
            $token.Scope | Should -BeExactly 'okta.users.read'
            $token.ClientId | Should -BeExactly $App.ClientId
            $token.OrgUrl | Should -BeExactly $Emulator.OrgUrl
            $token.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(5))
        }

        It 'serves a second call from its cache (no token request), and -Force gets a new one (one request)' {
            $null = $App | Get-OktaAccessToken okta.users.read
            $before = Get-TokenPosts
            $cached = $App | Get-OktaAccessToken okta.users.read -AsPlainText
            (Get-TokenPosts) - $before | Should -Be 0
            $forced = $App | Get-OktaAccessToken okta.users.read -AsPlainText -Force
            (Get-TokenPosts) - $before | Should -Be 1
            $forced | Should -Not -Be $cached
        }

        It '-AsPlainText returns the raw token string, which Okta accepts as a Bearer token' {
            $raw = $App | Get-OktaAccessToken okta.users.read -AsPlainText
            $raw | Should -BeOfType [string]
            $raw | Should -Not -Match '\s'
            $result = Invoke-UsersWithBearer $raw
            $result.Status | Should -Be 200
            $expected = @(Invoke-AuthRawApi $Emulator '/api/v1/users').Count
            $expected | Should -BeGreaterThan 0
            $result.Users.Count | Should -Be $expected
        }
    }

    Context 'a DPoP app' {
        It 'gets a DPoP token in at most two token requests, never replaying a jti' {
            $replays = (Get-EmulatorState $Emulator).jtiReplays
            $before = Get-TokenPosts
            $token = $DpopApp | Get-OktaAccessToken okta.users.read -Force
            $token.TokenType | Should -BeExactly 'DPoP'
            $token.Scope | Should -BeExactly 'okta.users.read'
            (Get-TokenPosts) - $before | Should -BeLessOrEqual 2
            (Get-TokenPosts) - $before | Should -BeGreaterOrEqual 1
            (Get-EmulatorState $Emulator).jtiReplays | Should -Be $replays
            $replays | Should -Be 0
            $client = (Get-EmulatorState $Emulator).clients | Where-Object client_id -EQ $DpopApp.ClientId
            $client.dpop_bound_access_tokens | Should -BeTrue
        }
    }

    Context 'errors' {
        It 'an ungranted scope fails with the OAuth error id and the client id as TargetObject' {
            $failures = $null
            $out = $App | Get-OktaAccessToken okta.groups.read -ErrorVariable failures -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            @($failures).Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Match '^(OktaInvalidScope|OktaConsentRequired),'
            $failures[0].TargetObject | Should -BeExactly $App.ClientId
        }

        It 'refuses a malformed scope (<Name>) with OktaScopeMalformed before any request' -TestCases @(
            @{ Name = 'empty'; Scope = @('') }
            @{ Name = 'two scopes in one string'; Scope = @('okta.users.read okta.apps.read') }
        ) {
            $before = Get-AuthTotalRequests $Emulator
            $failures = $null
            $out = $App | Get-OktaAccessToken -Scope $Scope -ErrorVariable failures -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            @($failures).Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OktaScopeMalformed,*'
            Get-AuthTotalRequests $Emulator | Should -Be $before
        }

        It 'a key whose kid is not registered for the piped app fails with OktaKeyNotRegistered before any request' {
            $other = New-OktaJwks -Algorithm ES256
            $before = Get-AuthTotalRequests $Emulator
            $failures = $null
            $out = $App | Get-OktaAccessToken okta.users.read -Jwks $other -ErrorVariable failures -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            @($failures).Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OktaKeyNotRegistered,*'
            $failures[0].TargetObject | Should -BeExactly $App.ClientId
            Get-AuthTotalRequests $Emulator | Should -Be $before
        }

        It 'a key the org does not know, without the app''s key ids, is refused by Okta as OktaInvalidClient' {
            $other = New-OktaJwks -Algorithm ES256
            $failures = $null
            $out = Get-OktaAccessToken -ClientId $App.ClientId -Jwks $other -Scope okta.users.read -ErrorVariable failures -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            @($failures).Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OktaInvalidClient,*'
            $failures[0].TargetObject | Should -BeExactly $App.ClientId
        }
    }

    Context 'settings from environment variables' {
        BeforeEach {
            Disconnect-Okta
            Clear-TestOktaVariables
        }

        AfterEach {
            Clear-TestOktaVariables
            $null = Connect-TestEmulator $Emulator
        }

        It 'uses OKTA_CLIENT_ORGURL, OKTA_CLIENT_CLIENTID and a key file path in OKTA_CLIENT_PRIVATEKEY with only -Scope' {
            $exported = Join-Path $Work 'exported.pem'
            $App | Export-OktaPrivateKey -Path $exported
            $env:OKTA_CLIENT_ORGURL = $Emulator.OrgUrl
            $env:OKTA_CLIENT_CLIENTID = $App.ClientId
            $env:OKTA_CLIENT_PRIVATEKEY = $exported
            $before = Get-TokenPosts
            $token = Get-OktaAccessToken -Scope okta.users.read -Force
            (Get-TokenPosts) - $before | Should -Be 1
            $token.ClientId | Should -BeExactly $App.ClientId
            $token.OrgUrl | Should -BeExactly $Emulator.OrgUrl
            $token.TokenType | Should -BeExactly 'Bearer'
        }

        It 'takes PEM text in OKTA_CLIENT_PRIVATEKEY too' {
            $env:OKTA_CLIENT_ORGURL = $Emulator.OrgUrl
            $env:OKTA_CLIENT_CLIENTID = $App.ClientId
            $env:OKTA_CLIENT_PRIVATEKEY = Get-Content -LiteralPath $KeyPath -Raw
            $before = Get-TokenPosts
            $token = Get-OktaAccessToken -Scope okta.users.read -Force
            (Get-TokenPosts) - $before | Should -Be 1
            $token.ClientId | Should -BeExactly $App.ClientId
            $token.TokenType | Should -BeExactly 'Bearer'
        }
    }

    Context 'an app with two keys' {
        BeforeAll {
            $script:TwoKeyApp = New-OktaJwks -Algorithm ES256 | New-OktaServiceApp -Name 'svc-two-keys' | Grant-OktaScope okta.users.read -PassThru
            $script:SecondKey = New-OktaJwks -Algorithm ES384
            $script:Added = $SecondKey | Add-OktaServiceAppKey -ClientId $TwoKeyApp.ClientId
        }

        It 'the org holds both keys' {
            $Added.KeyId | Should -BeExactly $SecondKey.KeyId
            $kids = @(Invoke-AuthRawApi $Emulator "/api/v1/apps/$($TwoKeyApp.ClientId)/credentials/jwks" | ForEach-Object kid)
            $kids | Should -Contain $TwoKeyApp.Jwks.KeyId
            $kids | Should -Contain $SecondKey.KeyId
        }

        It 'gets a token with the <Which> key (its kid tells Okta which key to check)' -TestCases @(
            @{ Which = 'first' }
            @{ Which = 'second' }
        ) {
            $jwks = if ($Which -eq 'first') { $TwoKeyApp.Jwks } else { $SecondKey }
            $before = Get-TokenPosts
            $token = Get-OktaAccessToken -ClientId $TwoKeyApp.ClientId -Jwks $jwks -Scope okta.users.read -Force
            (Get-TokenPosts) - $before | Should -Be 1
            $token.TokenType | Should -BeExactly 'Bearer'
            $token.ClientId | Should -BeExactly $TwoKeyApp.ClientId
        }
    }
}
