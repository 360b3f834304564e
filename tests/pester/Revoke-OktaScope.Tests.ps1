# Revoke-OktaScope: by -ClientId -Scope or by piped grants; a scope not granted is already revoked (verbose, no error);
# ConfirmImpact High; -WhatIf deletes nothing.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite
    $SharedKey = New-OktaJwks -Algorithm ES256

    function New-RevokeTestApp([string] $Name, [string[]] $Scope) {
        $app = New-OktaServiceApp -Name $Name -Jwks $SharedKey
        if ($Scope) { $null = $app | Grant-OktaScope $Scope }
        $app
    }
}

AfterAll {
    Complete-TestSuite
}

Describe 'Revoke-OktaScope' {
    It 'is a high-impact change that supports -WhatIf and -Confirm' {
        $type = (Get-Command Revoke-OktaScope).ImplementingType
        $attribute = $type.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::High)
    }

    It 'revokes the named scope of -ClientId, and only that one' {
        $app = New-RevokeTestApp 'by-scope' okta.users.read, okta.groups.read, okta.logs.read
        Reset-EmulatorStats $Emulator

        $out = Revoke-OktaScope -ClientId $app.ClientId -Scope okta.groups.read -Confirm:$false -ErrorVariable err

        $out | Should -BeNullOrEmpty
        @($err).Count | Should -Be 0
        Get-LifecycleActiveScope $Emulator $app.ClientId | Should -Be 'okta.logs.read okta.users.read'
        Get-LifecycleRouteCount (Get-EmulatorStats $Emulator) 'DELETE /api/v1/apps/{appId}/grants/{grantId}' | Should -Be 1
        @(Get-OktaScopeGrant -ClientId $app.ClientId).ScopeId | Should -Not -Contain 'okta.groups.read'
    }

    It 'revokes several scopes of one app in one call' {
        $app = New-RevokeTestApp 'by-scopes' okta.users.read, okta.groups.read, okta.logs.read
        Revoke-OktaScope -ClientId $app.ClientId -Scope okta.users.read, okta.logs.read -Confirm:$false
        Get-LifecycleActiveScope $Emulator $app.ClientId | Should -Be 'okta.groups.read'
    }

    It 'revokes the grants piped in from Get-OktaScopeGrant' {
        $app = New-RevokeTestApp 'piped-some' okta.users.read, okta.users.manage, okta.groups.manage
        Get-OktaScopeGrant -ClientId $app.ClientId | Where-Object ScopeId -like '*.manage' | Revoke-OktaScope -Confirm:$false
        Get-LifecycleActiveScope $Emulator $app.ClientId | Should -Be 'okta.users.read'
    }

    It 'revokes every grant piped in, leaving the app with none' {
        $app = New-RevokeTestApp 'piped-all' okta.users.read, okta.groups.read
        $app | Get-OktaScopeGrant | Revoke-OktaScope -Confirm:$false -ErrorVariable err
        @($err).Count | Should -Be 0
        Get-LifecycleActiveScope $Emulator $app.ClientId | Should -Be ''
        Get-OktaScopeGrant -ClientId $app.ClientId | Should -BeNullOrEmpty
    }

    It 'revokes the grants that Grant-OktaScope outputs' {
        $app = New-RevokeTestApp 'from-grant'
        $app | Grant-OktaScope okta.apps.read | Revoke-OktaScope -Confirm:$false
        Get-LifecycleActiveScope $Emulator $app.ClientId | Should -Be ''
    }

    It 'takes a scope that is not granted as already revoked: no error, no DELETE, a -Verbose note' {
        $app = New-RevokeTestApp 'not-granted' okta.users.read
        Reset-EmulatorStats $Emulator

        $records = @(Revoke-OktaScope -ClientId $app.ClientId -Scope okta.logs.read -Confirm:$false -Verbose -ErrorVariable err 4>&1)
        $succeeded = $?

        $succeeded | Should -BeTrue
        @($err).Count | Should -Be 0
        Get-LifecycleRouteCount (Get-EmulatorStats $Emulator) 'DELETE /api/v1/apps/{appId}/grants/{grantId}' | Should -Be 0
        $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message.Contains('okta.logs.read') })
        $verbose.Count | Should -BeGreaterOrEqual 1
        @($records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -Be 0
        Get-LifecycleActiveScope $Emulator $app.ClientId | Should -Be 'okta.users.read'
    }

    It 'revokes the granted scopes of a call and skips the ones not granted' {
        $app = New-RevokeTestApp 'mixed' okta.users.read, okta.groups.read
        Revoke-OktaScope -ClientId $app.ClientId -Scope okta.logs.read, okta.users.read -Confirm:$false -ErrorVariable err
        @($err).Count | Should -Be 0
        Get-LifecycleActiveScope $Emulator $app.ClientId | Should -Be 'okta.groups.read'
    }

    It '-WhatIf with -ClientId -Scope deletes nothing' {
        $app = New-RevokeTestApp 'what-if-scope' okta.users.read, okta.groups.read
        Reset-EmulatorStats $Emulator
        Revoke-OktaScope -ClientId $app.ClientId -Scope okta.users.read -WhatIf
        Get-LifecycleRouteCount (Get-EmulatorStats $Emulator) 'DELETE /api/v1/apps/{appId}/grants/{grantId}' | Should -Be 0
        Get-LifecycleActiveScope $Emulator $app.ClientId | Should -Be 'okta.groups.read okta.users.read'
    }

    It '-WhatIf on piped grants deletes nothing' {
        $app = New-RevokeTestApp 'what-if-piped' okta.users.read, okta.groups.read
        Reset-EmulatorStats $Emulator
        Get-OktaScopeGrant -ClientId $app.ClientId | Revoke-OktaScope -WhatIf
        Get-LifecycleRouteCount (Get-EmulatorStats $Emulator) 'DELETE /api/v1/apps/{appId}/grants/{grantId}' | Should -Be 0
        Get-LifecycleActiveScope $Emulator $app.ClientId | Should -Be 'okta.groups.read okta.users.read'
    }

    It 'refuses <Label> with OktaScopeMalformed before any request' -TestCases @(
        @{ Label = 'an empty scope'; Scopes = @('') }
        @{ Label = 'a scope with spaces'; Scopes = @('okta users read') }
    ) {
        $app = New-RevokeTestApp "malformed-$($Label.Length)" okta.users.read
        Reset-EmulatorStats $Emulator
        Revoke-OktaScope -ClientId $app.ClientId -Scope $Scopes -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Match '^OktaScopeMalformed(,|$)'
        (Get-EmulatorStats $Emulator).totalRequests | Should -Be 0
        Get-LifecycleActiveScope $Emulator $app.ClientId | Should -Be 'okta.users.read'
    }

    It 'writes ObjectNotFound, with the client id as TargetObject, for an unknown app' {
        $unknown = '0oaNoSuchApp' + [guid]::NewGuid().ToString('n').Substring(0, 8)
        Revoke-OktaScope -ClientId $unknown -Scope okta.users.read -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Match '^ObjectNotFound(,|$)'
        $err[0].TargetObject | Should -Be $unknown
    }
}
