# Runs the seed flow against a real Okta org when OKTA_CLIENT_ORGURL and OKTA_CLIENT_TOKEN are set (a Super Admin's API token);
# without them the whole suite is skipped, and says so. It makes one app with a unique name and deletes it afterwards.
BeforeDiscovery {
    if (-not ($env:OKTA_CLIENT_ORGURL -and $env:OKTA_CLIENT_TOKEN)) {
        Write-Host 'Live suite skipped: set OKTA_CLIENT_ORGURL and OKTA_CLIENT_TOKEN to run it against a real org.'
    }
}

Describe 'Live org' -Tag 'Live' -Skip:(-not ($env:OKTA_CLIENT_ORGURL -and $env:OKTA_CLIENT_TOKEN)) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-TestModule
        Disconnect-Okta
        $script:OrgUrl = $env:OKTA_CLIENT_ORGURL
        $script:Work = New-TestTempDirectory
        $script:KeyPath = Join-Path $Work 'live.pem'
        $script:Name = 'oktaserviceapp-pester-' + [guid]::NewGuid().ToString('n').Substring(0, 12)
        $script:App = $null

        function script:Connect-Admin { $null = Connect-Okta -OrgUrl $OrgUrl -ApiToken $env:OKTA_CLIENT_TOKEN }

        # A new app's grants and role take a moment to reach every Okta node: retry a few times before failing.
        function script:Invoke-WithRetry([scriptblock] $Script, [int] $Attempts = 6, [int] $DelaySeconds = 5) {
            for ($i = 1; ; $i++) {
                try { return & $Script }
                catch {
                    if ($i -ge $Attempts) { throw }
                    Start-Sleep -Seconds $DelaySeconds
                }
            }
        }

        Connect-Admin
    }

    AfterAll {
        try {
            if ($script:App) {
                Connect-Admin
                Remove-OktaServiceApp -ClientId $script:App.ClientId -Confirm:$false
            }
        } finally {
            try { Disconnect-Okta } catch { }
            if ($script:Work) { Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction SilentlyContinue }
        }
    }

    It 'creates a service app with a new key, a read-only admin role and okta.users.read' {
        $script:App = New-OktaJwks | New-OktaServiceApp -Name $Name -PrivateKeyPath $KeyPath -Role READ_ONLY_ADMIN -ErrorAction Stop |
            Grant-OktaScope okta.users.read -PassThru -ErrorAction Stop
        $App.ClientId | Should -Not -BeNullOrEmpty
        $App.Name | Should -BeExactly $Name
        $App.KeyIds | Should -Contain $App.Jwks.KeyId
        $KeyPath | Should -Exist
        @(Get-OktaScopeGrant -ClientId $App.ClientId | Where-Object { $_.ScopeId -eq 'okta.users.read' -and $_.Status -eq 'ACTIVE' }).Count | Should -Be 1
    }

    It 'gets an access token for the app' {
        $App | Should -Not -BeNullOrEmpty
        $token = Invoke-WithRetry { $App | Get-OktaAccessToken okta.users.read -Force -ErrorAction Stop }
        $token.TokenType | Should -BeIn @('Bearer', 'DPoP')
        $token.ClientId | Should -BeExactly $App.ClientId
        $token.Scope -split ' ' | Should -Contain 'okta.users.read'
        $token.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
    }

    It 'calls /api/v1/users?limit=1 as the app' {
        $App | Should -Not -BeNullOrEmpty
        $connection = Invoke-WithRetry { Connect-Okta -OrgUrl $OrgUrl -ClientId $App.ClientId -PrivateKeyPath $KeyPath -Scope okta.users.read -ErrorAction Stop }
        $connection.AuthMode | Should -BeExactly 'PrivateKey'
        $users = Invoke-WithRetry { @(Invoke-OktaApi '/api/v1/users?limit=1' -ErrorAction Stop) }
        @($users).Count | Should -Be 1 -Because "an org has at least the admin user, and limit=1 returns one"
        foreach ($user in @($users)) { $user.id | Should -Not -BeNullOrEmpty }
    }
}
