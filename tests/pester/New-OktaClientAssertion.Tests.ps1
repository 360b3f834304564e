BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite -Work

    $script:TokenEndpoint = "$($Emulator.OrgUrl)/oauth2/v1/token"
    $script:App = New-OktaJwks -Algorithm ES256 | New-OktaServiceApp -Name 'assertion-app' | Grant-OktaScope okta.users.read -PassThru
    $script:RsaKeyPath = Join-Path $Work 'rsa.pem'
    $script:Rsa = New-OktaJwks
    $Rsa | Export-OktaPrivateKey -Path $RsaKeyPath

    # Posts an assertion to the org token endpoint as a client_credentials request; the response is never printed.
    function script:Send-Assertion([string] $Assertion) {
        $response = Invoke-TestHttp -Uri $TokenEndpoint -Method POST -Form @{
            grant_type            = 'client_credentials'
            scope                 = 'okta.users.read'
            client_assertion_type = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
            client_assertion      = $Assertion
        }
        [pscustomobject]@{ Status = $response.Status; Body = $response.Content | ConvertFrom-Json }
    }
}

AfterAll {
    Complete-TestSuite
}

Describe 'New-OktaClientAssertion' {
    Context 'the JWT it signs' {
        BeforeAll {
            $script:Before = Get-AuthTotalRequests $Emulator
            $script:Assertion = New-OktaClientAssertion -ClientId $App.ClientId -Jwks $App.Jwks
            $script:Signed = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
            $script:Header = Get-AuthJwtPart $Assertion -Part Header
            $script:Payload = Get-AuthJwtPart $Assertion -Part Payload
        }

        It 'is a compact JWS string' {
            $Assertion | Should -BeOfType [string]
            $Assertion.Split('.').Count | Should -Be 3
        }

        It 'has alg from the key, the key''s kid and typ JWT in its header' {
            $Header.alg | Should -BeExactly 'ES256'
            $Header.kid | Should -BeExactly $App.Jwks.KeyId
            $Header.typ | Should -BeExactly 'JWT'
        }

        It 'has iss = sub = the client id and aud = {orgUrl}/oauth2/v1/token' {
            $Payload.iss | Should -BeExactly $App.ClientId
            $Payload.sub | Should -BeExactly $App.ClientId
            @($Payload.aud) | Should -Be @($TokenEndpoint)
        }

        It 'is issued now and expires 300 seconds later by default' {
            [long]$Payload.iat | Should -BeGreaterOrEqual ($Signed - 60)
            [long]$Payload.iat | Should -BeLessOrEqual ($Signed + 5)
            [long]$Payload.exp - [long]$Payload.iat | Should -Be 300
        }

        It 'carries a jti, and every call a fresh one' {
            $Payload.jti | Should -Not -BeNullOrEmpty
            $jtis = @($Payload.jti) + @(1..3 | ForEach-Object { (Get-AuthJwtPart (New-OktaClientAssertion -ClientId $App.ClientId -Jwks $App.Jwks)).jti })
            @($jtis | Sort-Object -Unique).Count | Should -Be 4
        }

        It 'is made locally: no request reaches the org' {
            Get-AuthTotalRequests $Emulator | Should -Be $Before
        }

        It 'takes alg RS256 and the thumbprint kid from an RSA key file' {
            $jwt = New-OktaClientAssertion -ClientId $App.ClientId -PrivateKeyPath $RsaKeyPath
            $header = Get-AuthJwtPart $jwt -Part Header
            $header.alg | Should -BeExactly 'RS256'
            $header.kid | Should -BeExactly $Rsa.KeyId
        }
    }

    Context 'lifetime' {
        It 'uses -Lifetime for exp' {
            $payload = Get-AuthJwtPart (New-OktaClientAssertion -ClientId $App.ClientId -Jwks $App.Jwks -Lifetime (New-TimeSpan -Minutes 2))
            [long]$payload.exp - [long]$payload.iat | Should -Be 120
        }

        It 'refuses -Lifetime <Lifetime> with OktaLifetimeInvalid and outputs nothing' -TestCases @(
            @{ Lifetime = '02:00:00' }
            @{ Lifetime = '00:00:00' }
        ) {
            $failures = $null
            $out = New-OktaClientAssertion -ClientId $App.ClientId -Jwks $App.Jwks -Lifetime ([timespan]$Lifetime) -ErrorVariable failures -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            @($failures).Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OktaLifetimeInvalid,*'
        }
    }

    Context 'without an org' {
        It 'fails with OktaNotConnected and outputs nothing when no org is given, connected or configured' {
            Disconnect-Okta
            try {
                $failures = $null
                $out = New-OktaClientAssertion -ClientId $App.ClientId -PrivateKeyPath $RsaKeyPath -ErrorVariable failures -ErrorAction SilentlyContinue
                $out | Should -BeNullOrEmpty
                @($failures).Count | Should -Be 1
                $failures[0].FullyQualifiedErrorId | Should -BeLike 'OktaNotConnected,*'
            } finally {
                $null = Connect-TestEmulator $Emulator
            }
        }

        It 'uses -OrgUrl for the audience, normalised' {
            $jwt = New-OktaClientAssertion -ClientId $App.ClientId -PrivateKeyPath $RsaKeyPath -OrgUrl 'dev-123.okta.com/'
            @((Get-AuthJwtPart $jwt).aud) | Should -Be @('https://dev-123.okta.com/oauth2/v1/token')
        }
    }

    Context 'pipeline' {
        It 'binds ClientId and Jwks from a piped app' {
            $jwt = $App | New-OktaClientAssertion
            (Get-AuthJwtPart $jwt).iss | Should -BeExactly $App.ClientId
            (Get-AuthJwtPart $jwt -Part Header).kid | Should -BeExactly $App.Jwks.KeyId
            @((Get-AuthJwtPart $jwt).aud) | Should -Be @($TokenEndpoint)
        }
    }

    Context 'at the org token endpoint' {
        It 'is accepted once, then refused as a replay (401 invalid_client)' {
            $jwt = $App | New-OktaClientAssertion
            $first = Send-Assertion $jwt
            $first.Status | Should -Be 200
            $first.Body.token_type | Should -BeExactly 'Bearer'
            $first.Body.access_token | Should -Not -BeNullOrEmpty

            $second = Send-Assertion $jwt
            $second.Status | Should -Be 401
            $second.Body.error | Should -BeExactly 'invalid_client'
        }

        It 'an RSA-signed assertion for a key the app does not have is refused (401 invalid_client)' {
            $jwt = New-OktaClientAssertion -ClientId $App.ClientId -PrivateKeyPath $RsaKeyPath
            $response = Send-Assertion $jwt
            $response.Status | Should -Be 401
            $response.Body.error | Should -BeExactly 'invalid_client'
        }
    }
}
