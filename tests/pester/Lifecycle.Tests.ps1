# The issue's "Done when", end to end against one org: create an app with a role, grant scopes, rotate its key with no failed
# token request, shrink its grants with Set-OktaScopeGrant, revoke one more, delete it. Each step builds on the one before.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite
    $TempDir = New-TestTempDirectory
    $FirstKeyPath = Join-Path $TempDir 'lifecycle-1.pem'
    $SecondKeyPath = Join-Path $TempDir 'lifecycle-2.pem'
}

AfterAll {
    Complete-TestSuite
}

Describe 'A service app''s lifecycle' {
    It '1. creates the app with an admin role and its private key in a file' {
        $script:App = New-OktaJwks -Algorithm ES256 | New-OktaServiceApp -Name lifecycle -Role READ_ONLY_ADMIN -PrivateKeyPath $FirstKeyPath -ErrorVariable err
        @($err).Count | Should -Be 0
        $client = Get-LifecycleClient $Emulator $App.ClientId
        $client.client_name | Should -BeExactly 'lifecycle'
        @($client.roles).type | Should -Be @('READ_ONLY_ADMIN')
        @($client.keys).Count | Should -Be 1
        $FirstKeyPath | Should -Exist
    }

    It '2. grants it scopes' {
        $grants = @($App | Grant-OktaScope okta.users.read, okta.groups.read, okta.apps.read -ErrorVariable err)
        @($err).Count | Should -Be 0
        $grants.Count | Should -Be 3
        Get-LifecycleActiveScope $Emulator $App.ClientId | Should -Be 'okta.apps.read okta.groups.read okta.users.read'
    }

    It '3. rotates its key with no failed token request in between' {
        Reset-EmulatorStats $Emulator
        $before = Get-OktaAccessToken -ClientId $App.ClientId -PrivateKeyPath $FirstKeyPath -Scope okta.users.read -Force
        $script:NewJwks = Update-OktaServiceAppKey -ClientId $App.ClientId -PrivateKeyPath $SecondKeyPath -Confirm:$false -ErrorVariable err
        $after = Get-OktaAccessToken -ClientId $App.ClientId -PrivateKeyPath $SecondKeyPath -Scope okta.users.read, okta.groups.read -Force
        $stats = Get-EmulatorStats $Emulator

        @($err).Count | Should -Be 0
        $before.ClientId | Should -Be $App.ClientId
        $after.ClientId | Should -Be $App.ClientId
        $tokenRequests = @($stats.recentRequests | Where-Object route -eq 'POST /oauth2/v1/token')
        $tokenRequests.Count | Should -BeGreaterOrEqual 3
        @($tokenRequests | Where-Object { [int]$_.status -ge 400 }).Count | Should -Be 0
        @($tokenRequests | Where-Object { $null -eq $_.status }).Count | Should -Be 0
        $keys = @((Get-LifecycleClient $Emulator $App.ClientId).keys)
        ($keys | Where-Object kid -eq $NewJwks.KeyId).status | Should -Be 'ACTIVE'
        ($keys | Where-Object kid -eq $App.Jwks.KeyId).status | Should -Be 'INACTIVE'
    }

    It '4. shrinks its grants to a smaller set with Set-OktaScopeGrant' {
        $grants = @(Set-OktaScopeGrant -ClientId $App.ClientId -Scope okta.users.read, okta.groups.read -Confirm:$false -ErrorVariable err)
        @($err).Count | Should -Be 0
        @($grants.ScopeId | Sort-Object) | Should -Be @('okta.groups.read', 'okta.users.read')
        Get-LifecycleActiveScope $Emulator $App.ClientId | Should -Be 'okta.groups.read okta.users.read'
    }

    It '5. revokes one more scope; the app''s token now carries only what is left' {
        Revoke-OktaScope -ClientId $App.ClientId -Scope okta.groups.read -Confirm:$false -ErrorVariable err
        @($err).Count | Should -Be 0
        Get-LifecycleActiveScope $Emulator $App.ClientId | Should -Be 'okta.users.read'
        $token = Get-OktaAccessToken -ClientId $App.ClientId -PrivateKeyPath $SecondKeyPath -Scope okta.users.read -Force
        $token.Scope | Should -Be 'okta.users.read'
    }

    It '6. deletes the app: the org no longer holds it, and its key gets no token' {
        Remove-OktaServiceApp -ClientId $App.ClientId -Confirm:$false -ErrorVariable err
        @($err).Count | Should -Be 0
        Get-LifecycleClient $Emulator $App.ClientId | Should -BeNullOrEmpty
        @((Get-EmulatorState $Emulator).clients | Where-Object client_name -eq 'lifecycle').Count | Should -Be 0
        Get-OktaAccessToken -ClientId $App.ClientId -PrivateKeyPath $SecondKeyPath -Scope okta.users.read -Force -ErrorVariable tokenErr -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        @($tokenErr).Count | Should -Be 1
        $tokenErr[0].FullyQualifiedErrorId | Should -Match '^OktaInvalidClient(,|$)'
    }
}
