# Get-OktaScopeGrant: what an app may do, read from GET /api/v1/apps/{clientId}/grants, following paging.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite
    $SharedKey = New-OktaJwks -Algorithm ES256
}

AfterAll {
    Complete-TestSuite
}

Describe 'Get-OktaScopeGrant' {
    BeforeAll {
        $App = New-OktaServiceApp -Name get-grants -Jwks $SharedKey
        $Granted = @($App | Grant-OktaScope okta.users.read, okta.groups.read, okta.logs.read)
    }

    It 'lists every grant of an app as an OktaScopeGrant, as the org holds it' {
        $grants = @(Get-OktaScopeGrant -ClientId $App.ClientId)
        $grants.Count | Should -Be 3
        $grants | ForEach-Object { $_ | Should -BeOfType ([OktaServiceApp.PowerShell.OktaScopeGrant]) }
        @($grants.ScopeId | Sort-Object) | Should -Be @('okta.groups.read', 'okta.logs.read', 'okta.users.read')
        @($grants.ClientId | Select-Object -Unique) | Should -Be @($App.ClientId)
        @($grants.Status | Select-Object -Unique) | Should -Be @('ACTIVE')
        @($grants.Issuer | Select-Object -Unique) | Should -Be @($Emulator.OrgUrl)
        $state = (Get-LifecycleClient $Emulator $App.ClientId).grants
        @($grants.Id | Sort-Object) | Should -Be @($state.id | Sort-Object)
        @($grants.Id | Sort-Object) | Should -Be @($Granted.Id | Sort-Object)
    }

    It 'takes the client id by position' {
        @(Get-OktaScopeGrant $App.ClientId).Count | Should -Be 3
    }

    It 'binds from a piped app, from Get-OktaServiceApp output, and from a plain string' {
        @($App | Get-OktaScopeGrant).Count | Should -Be 3
        @(Get-OktaServiceApp -ClientId $App.ClientId | Get-OktaScopeGrant).Count | Should -Be 3
        @([string]$App.ClientId | Get-OktaScopeGrant).Count | Should -Be 3
    }

    It 'outputs the grants of several piped apps grouped per app, in input order' {
        $other = New-OktaServiceApp -Name get-grants-other -Jwks $SharedKey
        $null = $other | Grant-OktaScope okta.apps.read
        $grants = @($other, $App, $other | Get-OktaScopeGrant)
        @($grants.ClientId) | Should -Be @($other.ClientId, $App.ClientId, $App.ClientId, $App.ClientId, $other.ClientId)
    }

    It 'outputs nothing, and no error, for an app with no grant' {
        $bare = New-OktaServiceApp -Name get-grants-none -Jwks $SharedKey
        $out = Get-OktaScopeGrant -ClientId $bare.ClientId -ErrorVariable err
        $out | Should -BeNullOrEmpty
        @($err).Count | Should -Be 0
    }

    It 'follows paging: all 25 grants of an app come back, once each' {
        $busy = New-OktaServiceApp -Name get-grants-paged -Jwks $SharedKey
        $scopes = @('okta.agentPools.read', 'okta.apiTokens.read', 'okta.appGrants.read', 'okta.apps.read', 'okta.authenticators.read',
            'okta.authorizationServers.read', 'okta.behaviors.read', 'okta.brands.read', 'okta.captchas.read', 'okta.devices.read',
            'okta.domains.read', 'okta.emailDomains.read', 'okta.eventHooks.read', 'okta.features.read', 'okta.groups.read',
            'okta.idps.read', 'okta.inlineHooks.read', 'okta.linkedObjects.read', 'okta.logStreams.read', 'okta.logs.read',
            'okta.networkZones.read', 'okta.orgs.read', 'okta.policies.read', 'okta.roles.read', 'okta.users.read')
        $null = $busy | Grant-OktaScope $scopes
        Reset-EmulatorStats $Emulator

        $grants = @(Get-OktaScopeGrant -ClientId $busy.ClientId)

        $grants.Count | Should -Be 25
        @($grants.Id | Select-Object -Unique).Count | Should -Be 25
        @($grants.ScopeId | Sort-Object) | Should -Be @($scopes | Sort-Object)
        Get-LifecycleRouteCount (Get-EmulatorStats $Emulator) 'GET /api/v1/apps/{appId}/grants' | Should -BeGreaterOrEqual 2
    }

    It 'writes ObjectNotFound, with the client id as TargetObject, for an unknown app, and goes on with the next' {
        $unknown = '0oaNoSuchApp' + [guid]::NewGuid().ToString('n').Substring(0, 8)
        $out = @($unknown, $App.ClientId | Get-OktaScopeGrant -ErrorVariable err -ErrorAction SilentlyContinue)
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Match '^ObjectNotFound(,|$)'
        $err[0].TargetObject | Should -Be $unknown
        $out.Count | Should -Be 3
    }
}
