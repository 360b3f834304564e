BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite -Work -NoConnect
    $script:Port = ([uri]$Emulator.OrgUrl).Port

    $script:UserCount = @(Invoke-AuthRawApi $Emulator '/api/v1/users').Count
    if ($UserCount -lt 1) { throw 'The org lists no users, so the listing checks here would prove nothing.' }
}

AfterAll {
    Complete-TestSuite
}

Describe 'Connect-Okta' {
    BeforeEach {
        Disconnect-Okta
        Clear-TestOktaVariables
    }

    Context 'org URL normalisation' {
        It 'turns a bare host name such as dev-123.okta.com into https://dev-123.okta.com' {
            $connection = Connect-Okta -OrgUrl 'dev-123.okta.com' -ApiToken 'not-a-real-token'
            $connection.OrgUrl | Should -BeExactly 'https://dev-123.okta.com'
            (Get-OktaConnection).OrgUrl | Should -BeExactly 'https://dev-123.okta.com'
        }

        It 'drops the trailing slash of https://dev-123.okta.com/' {
            (Connect-Okta -OrgUrl 'https://dev-123.okta.com/' -ApiToken 'not-a-real-token').OrgUrl | Should -BeExactly 'https://dev-123.okta.com'
        }

        It 'accepts http:// on loopback (the emulator) and calls go through' {
            $connection = Connect-Okta -OrgUrl $Emulator.OrgUrl -ApiToken $Emulator.ApiToken
            $connection.OrgUrl | Should -BeExactly $Emulator.OrgUrl
            @(Invoke-OktaApi /api/v1/users).Count | Should -Be $UserCount
        }

        It 'accepts the emulator URL with a trailing slash and normalises it away' {
            $connection = Connect-Okta -OrgUrl "$($Emulator.OrgUrl)/" -ApiToken $Emulator.ApiToken
            $connection.OrgUrl | Should -BeExactly $Emulator.OrgUrl
            @(Invoke-OktaApi /api/v1/users).Count | Should -Be $UserCount
        }

        It 'reads 127.0.0.1:PORT/ without a scheme as https://127.0.0.1:PORT' {
            (Connect-Okta -OrgUrl "127.0.0.1:$Port/" -ApiToken 'not-a-real-token').OrgUrl | Should -BeExactly "https://127.0.0.1:$Port"
        }
    }

    Context 'org URLs it refuses' {
        It 'refuses <Name> with <ErrorId>, sends nothing and leaves no connection' -TestCases @(
            @{ Name = 'an empty URL'; Url = ''; ErrorId = 'OktaOrgUrlMissing' }
            @{ Name = 'http:// on a non-loopback host'; Url = 'http://dev-123.okta.com'; ErrorId = 'OktaOrgUrlInsecure' }
            @{ Name = 'an -admin host'; Url = 'https://dev-123-admin.okta.com'; ErrorId = 'OktaOrgUrlAdminHost' }
            @{ Name = 'a path'; Url = 'https://dev-123.okta.com/oauth2'; ErrorId = 'OktaOrgUrlHasPath' }
            @{ Name = 'a query'; Url = 'https://dev-123.okta.com?x=1'; ErrorId = 'OktaOrgUrlHasPath' }
            @{ Name = 'garbage'; Url = 'not a url!'; ErrorId = 'OktaOrgUrlInvalid' }
        ) {
            $before = Get-AuthTotalRequests $Emulator
            $err = { Connect-Okta -OrgUrl $Url -ApiToken 'not-a-real-token' } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            Get-AuthTotalRequests $Emulator | Should -Be $before
            { Get-OktaConnection } | Should -Throw -ErrorId 'OktaNotConnected,*'
        }

        It 'refuses the emulator URL with <Name> in service-app mode before asking for a token' -TestCases @(
            @{ Name = 'a path'; Suffix = '/oauth2/v1'; ErrorId = 'OktaOrgUrlHasPath' }
            @{ Name = 'a query'; Suffix = '?x=1'; ErrorId = 'OktaOrgUrlHasPath' }
        ) {
            $key = Join-Path $Work "refused-$([guid]::NewGuid().ToString('n')).pem"
            New-OktaJwks -Algorithm ES256 | Export-OktaPrivateKey -Path $key
            $before = Get-AuthTotalRequests $Emulator
            $err = { Connect-Okta -OrgUrl "$($Emulator.OrgUrl)$Suffix" -ClientId '0oanotarealclient' -PrivateKeyPath $key -Scope okta.users.read } |
                Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            Get-AuthTotalRequests $Emulator | Should -Be $before
        }
    }

    Context 'API token (SSWS)' {
        It 'accepts a plain string -ApiToken' {
            $connection = Connect-Okta -OrgUrl $Emulator.OrgUrl -ApiToken $Emulator.ApiToken
            $connection.AuthMode | Should -Be 'SSWS'
            @(Invoke-OktaApi /api/v1/users).Count | Should -Be $UserCount
        }

        It 'accepts a SecureString -ApiToken' {
            $secure = ConvertTo-SecureString $Emulator.ApiToken -AsPlainText -Force
            $connection = Connect-Okta -OrgUrl $Emulator.OrgUrl -ApiToken $secure
            $connection.AuthMode | Should -Be 'SSWS'
            @(Invoke-OktaApi /api/v1/users).Count | Should -Be $UserCount
        }

        It 'sends the token Okta expects: a wrong one is refused as OktaAuthenticationFailed (401)' {
            $null = Connect-Okta -OrgUrl $Emulator.OrgUrl -ApiToken 'wrong-token-0123456789'
            $out = Invoke-OktaApi /api/v1/users -ErrorVariable failures -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OktaAuthenticationFailed,*'
        }

        It 'Get-OktaConnection shows the org URL and SSWS, and nothing of the token' {
            $token = $Emulator.ApiToken
            $null = Connect-Okta -OrgUrl $Emulator.OrgUrl -ApiToken $token
            $connection = Get-OktaConnection
            $connection.OrgUrl | Should -BeExactly $Emulator.OrgUrl
            $connection.AuthMode | Should -BeExactly 'SSWS'
            foreach ($property in $connection.PSObject.Properties) {
                "$($property.Value)" | Should -Not -BeLike "*$token*" -Because "property $($property.Name) must not show the token"
            }

            $views = @(
                ($connection | Format-List * | Out-String -Width 500)
                ($connection | Format-Table * | Out-String -Width 500)
                ($connection | Out-String -Width 500)
                ($connection | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue)
                $connection.ToString()
            )
            foreach ($view in $views) { $view | Should -Not -BeLike "*$token*" }
        }
    }

    Context 'connection objects' {
        It 'a connection returned by Connect-Okta still works with -Connection after another Connect-Okta' {
            # README: "every API cmdlet also takes -Connection to work with several orgs or apps at once".
            $first = Connect-Okta -OrgUrl $Emulator.OrgUrl -ApiToken $Emulator.ApiToken
            $null = Connect-Okta -OrgUrl 'dev-123.okta.com' -ApiToken 'not-a-real-token'
            $failures = $null
            $users = @(Invoke-OktaApi /api/v1/users -Connection $first -ErrorVariable failures -ErrorAction SilentlyContinue)
            @($failures | ForEach-Object FullyQualifiedErrorId) | Should -BeNullOrEmpty
            $users.Count | Should -Be $UserCount
        }
    }

    Context 'without Connect-Okta' {
        It 'fails with OktaNotConnected when there is no connection and no OKTA_CLIENT_* variable' {
            $before = Get-AuthTotalRequests $Emulator
            $err = { Get-OktaConnection } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'OktaNotConnected,*'
            $err = { Invoke-OktaApi /api/v1/users } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'OktaNotConnected,*'
            $err = { Grant-OktaScope -ClientId '0oanotarealclient' -Scope okta.users.read } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'OktaNotConnected,*'
            Get-AuthTotalRequests $Emulator | Should -Be $before
        }

        It 'uses OKTA_CLIENT_ORGURL and OKTA_CLIENT_TOKEN alone for Grant-OktaScope and Invoke-OktaApi' {
            $null = Connect-TestEmulator $Emulator
            $app = New-OktaServiceApp -Name 'env-fallback'
            Disconnect-Okta

            $env:OKTA_CLIENT_ORGURL = $Emulator.OrgUrl
            $env:OKTA_CLIENT_TOKEN = $Emulator.ApiToken
            $connection = Get-OktaConnection
            $connection.OrgUrl | Should -BeExactly $Emulator.OrgUrl
            $connection.AuthMode | Should -BeExactly 'SSWS'

            $grant = Grant-OktaScope -ClientId $app.ClientId -Scope okta.users.read
            $grant.ScopeId | Should -Be 'okta.users.read'
            $grants = @(Invoke-AuthRawApi $Emulator "/api/v1/apps/$($app.ClientId)/grants")
            @($grants | Where-Object { $_.scopeId -eq 'okta.users.read' -and $_.status -eq 'ACTIVE' }).Count | Should -Be 1
            @(Invoke-OktaApi /api/v1/users).Count | Should -Be $UserCount
        }

        It 'Disconnect-Okta forgets the connection' {
            $null = Connect-TestEmulator $Emulator
            (Get-OktaConnection).OrgUrl | Should -BeExactly $Emulator.OrgUrl
            Disconnect-Okta
            { Get-OktaConnection } | Should -Throw -ErrorId 'OktaNotConnected,*'
            $before = Get-AuthTotalRequests $Emulator
            { Invoke-OktaApi /api/v1/users } | Should -Throw -ErrorId 'OktaNotConnected,*'
            Get-AuthTotalRequests $Emulator | Should -Be $before
        }
    }

    Context 'as a service app (OAuth for Okta)' {
        BeforeAll {
            $null = Connect-TestEmulator $Emulator
            $script:Apps = @{}
            foreach ($kind in 'Bearer', 'DPoP') {
                $path = Join-Path $Work "connect-$kind.pem"
                # The Bearer app gets the default RS256 key, the DPoP app an ES256 one: both signing paths are used.
                $jwks = if ($kind -eq 'DPoP') { New-OktaJwks -Algorithm ES256 } else { $null }
                $app = New-OktaServiceApp -Name "connect-$kind" -Jwks $jwks -PrivateKeyPath $path -RequireDpop:($kind -eq 'DPoP') -Role READ_ONLY_ADMIN
                $null = $app | Grant-OktaScope okta.users.read
                $script:Apps[$kind] = @{ App = $app; KeyPath = $path }
            }

            Disconnect-Okta
        }

        It 'connects as a <Kind> app with -PrivateKeyPath, holds a token, and Invoke-OktaApi lists users' -TestCases @(
            @{ Kind = 'Bearer' }
            @{ Kind = 'DPoP' }
        ) {
            $app = $Apps[$Kind].App
            $tokensBefore = Get-AuthRouteCount $Emulator 'POST /oauth2/v1/token'
            $connection = Connect-Okta -OrgUrl $Emulator.OrgUrl -ClientId $app.ClientId -PrivateKeyPath $Apps[$Kind].KeyPath -Scope okta.users.read
            $connection.AuthMode | Should -BeExactly 'PrivateKey'
            $connection.ClientId | Should -BeExactly $app.ClientId
            $connection.Scopes | Should -Be @('okta.users.read')
            $connection.TokenExpiresOn | Should -Not -BeNullOrEmpty
            $connection.TokenExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
            (Get-AuthRouteCount $Emulator 'POST /oauth2/v1/token') - $tokensBefore | Should -BeGreaterThan 0 -Because 'Connect-Okta gets the token at once'

            $users = @(Invoke-OktaApi /api/v1/users)
            $users.Count | Should -Be $UserCount
            $users[0].id | Should -Not -BeNullOrEmpty
            # A DPoP-bound app gets tokens only with DPoP proofs and its tokens work only with them: the calls above prove DPoP.
            $client = (Get-EmulatorState $Emulator).clients | Where-Object client_id -EQ $app.ClientId
            [bool]$client.dpop_bound_access_tokens | Should -Be ($Kind -eq 'DPoP')
        }

        It 'connects with -Jwks (the key pair object) as well' {
            $app = $Apps['Bearer'].App
            $connection = Connect-Okta -OrgUrl $Emulator.OrgUrl -ClientId $app.ClientId -Jwks $app.Jwks -Scope okta.users.read
            $connection.AuthMode | Should -BeExactly 'PrivateKey'
            @(Invoke-OktaApi /api/v1/users).Count | Should -Be $UserCount
        }

        It 'fails for a scope the app was not granted, with the OAuth error id, and stays disconnected' {
            $app = $Apps['Bearer'].App
            $err = { Connect-Okta -OrgUrl $Emulator.OrgUrl -ClientId $app.ClientId -PrivateKeyPath $Apps['Bearer'].KeyPath -Scope okta.groups.read } |
                Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Match '^(OktaInvalidScope|OktaConsentRequired),'
            $err.TargetObject | Should -Be $app.ClientId
            { Get-OktaConnection } | Should -Throw -ErrorId 'OktaNotConnected,*'
        }

        It 'fails with OktaFileNotFound for a missing key file, before asking for a token' {
            $before = Get-AuthTotalRequests $Emulator
            $err = { Connect-Okta -OrgUrl $Emulator.OrgUrl -ClientId $Apps['Bearer'].App.ClientId -PrivateKeyPath (Join-Path $Work 'missing.pem') -Scope okta.users.read } |
                Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'OktaFileNotFound,*'
            Get-AuthTotalRequests $Emulator | Should -Be $before
        }
    }
}
