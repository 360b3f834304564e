# Set-OktaScopeGrant: desired state for an app's grants. Grants the missing scopes, revokes the extra ones, changes nothing
# when nothing differs, and with -WhatIf prints the difference without changing anything.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite
    $SharedKey = New-OktaJwks -Algorithm ES256
    $ModuleManifest = (Resolve-Path (Join-Path (Get-TestModulePath) 'OktaServiceApp.psd1')).ProviderPath

    function New-SetTestApp([string] $Name, [string[]] $Scope) {
        $app = New-OktaServiceApp -Name $Name -Jwks $SharedKey
        if ($Scope) { $null = $app | Grant-OktaScope $Scope }
        $app
    }
}

AfterAll {
    Complete-TestSuite
}

Describe 'Set-OktaScopeGrant' {
    Context 'converging' {
        BeforeAll {
            $App = New-SetTestApp 'desired-state' okta.users.read, okta.groups.read, okta.logs.read
            $Before = @(Get-OktaScopeGrant -ClientId $App.ClientId)
            Reset-EmulatorStats $Emulator
            $First = @(Set-OktaScopeGrant -ClientId $App.ClientId -Scope okta.users.read, okta.apps.read -Confirm:$false -ErrorVariable err)
            $FirstErrors = @($err)
            $FirstStats = Get-EmulatorStats $Emulator
            $StateAfterFirst = Get-LifecycleActiveScope $Emulator $App.ClientId
            Reset-EmulatorStats $Emulator
            $Second = @(Set-OktaScopeGrant -ClientId $App.ClientId -Scope okta.users.read, okta.apps.read -Confirm:$false -ErrorVariable err2)
            $SecondErrors = @($err2)
            $SecondStats = Get-EmulatorStats $Emulator
        }

        It 'grants the missing scope and revokes the extra ones, so the app holds exactly the given set' {
            $FirstErrors.Count | Should -Be 0
            $StateAfterFirst | Should -Be 'okta.apps.read okta.users.read'
            Get-LifecycleRouteCount $FirstStats 'POST /api/v1/apps/{appId}/grants' | Should -Be 1
            Get-LifecycleRouteCount $FirstStats 'DELETE /api/v1/apps/{appId}/grants/{grantId}' | Should -Be 2
        }

        It 'keeps the grant that was already right' {
            $kept = $Before | Where-Object ScopeId -eq 'okta.users.read'
            ($First | Where-Object ScopeId -eq 'okta.users.read').Id | Should -Be $kept.Id
        }

        It 'outputs the app''s grants for the given scopes' {
            $First | ForEach-Object { $_ | Should -BeOfType ([OktaServiceApp.PowerShell.OktaScopeGrant]) }
            @($First.ScopeId | Sort-Object) | Should -Be @('okta.apps.read', 'okta.users.read')
            @($First.ClientId | Select-Object -Unique) | Should -Be @($App.ClientId)
        }

        It 'changes nothing on a second run: no POST, no DELETE, the same grants' {
            $SecondErrors.Count | Should -Be 0
            Get-LifecycleRouteCount $SecondStats 'POST /api/v1/apps/{appId}/grants' | Should -Be 0
            Get-LifecycleRouteCount $SecondStats 'DELETE /api/v1/apps/{appId}/grants/{grantId}' | Should -Be 0
            @($Second.Id | Sort-Object) | Should -Be @($First.Id | Sort-Object)
            Get-LifecycleActiveScope $Emulator $App.ClientId | Should -Be 'okta.apps.read okta.users.read'
        }
    }

    Context 'binding and errors' {
        It 'binds ClientId from a piped app' {
            $app = New-SetTestApp 'piped' okta.users.read
            $out = @($app | Set-OktaScopeGrant -Scope okta.groups.read -Confirm:$false)
            @($out.ScopeId) | Should -Be @('okta.groups.read')
            Get-LifecycleActiveScope $Emulator $app.ClientId | Should -Be 'okta.groups.read'
        }

        It 'writes ObjectNotFound, with the client id as TargetObject, for an unknown app, and changes nothing' {
            $unknown = '0oaNoSuchApp' + [guid]::NewGuid().ToString('n').Substring(0, 8)
            Reset-EmulatorStats $Emulator
            $out = Set-OktaScopeGrant -ClientId $unknown -Scope okta.users.read -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            @($err).Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Match '^ObjectNotFound(,|$)'
            $err[0].TargetObject | Should -Be $unknown
            Get-LifecycleRouteCount (Get-EmulatorStats $Emulator) 'POST /api/v1/apps/{appId}/grants' | Should -Be 0
        }

        It 'refuses a malformed scope with OktaScopeMalformed before any request' {
            $app = New-SetTestApp 'malformed' okta.users.read
            Reset-EmulatorStats $Emulator
            Set-OktaScopeGrant -ClientId $app.ClientId -Scope 'okta users read' -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            @($err).Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Match '^OktaScopeMalformed(,|$)'
            (Get-EmulatorStats $Emulator).totalRequests | Should -Be 0
            Get-LifecycleActiveScope $Emulator $app.ClientId | Should -Be 'okta.users.read'
        }
    }

    # -WhatIf writes to the host, so it runs in a fresh pwsh whose output is captured. That pwsh has no Connect-Okta: its
    # connection comes from OKTA_CLIENT_ORGURL and OKTA_CLIENT_TOKEN, as in a runbook.
    Context '-WhatIf, in a runbook-like fresh pwsh' {
        BeforeAll {
            $App = New-SetTestApp 'what-if' okta.users.read, okta.logs.read
            $GrantIds = @((Get-LifecycleClient $Emulator $App.ClientId).grants.id)
            Reset-EmulatorStats $Emulator
            $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
Set-OktaScopeGrant -ClientId '$($App.ClientId)' -Scope okta.users.read, okta.groups.read -WhatIf
'EXIT=done'
"@
            $Result = Invoke-TestPwsh -Script $script -Environment @{
                OKTA_CLIENT_ORGURL = $Emulator.OrgUrl
                OKTA_CLIENT_TOKEN  = $Emulator.ApiToken
            }
            $Stats = Get-EmulatorStats $Emulator
            $WhatIfLines = @($Result.Output | Where-Object { $_ -like 'What if:*' })
        }

        It 'runs to the end' {
            $Result.ExitCode | Should -Be 0 -Because $Result.ErrorText
            Get-LifecycleChildValue $Result 'EXIT' | Should -Be 'done'
        }

        It 'prints one What if line for the scope it would grant and one for the scope it would revoke' {
            $WhatIfLines.Count | Should -Be 2
            @($WhatIfLines | Where-Object { $_.Contains('okta.groups.read') -and $_.Contains($App.ClientId) }).Count | Should -Be 1
            @($WhatIfLines | Where-Object { $_.Contains('okta.logs.read') -and $_.Contains($App.ClientId) }).Count | Should -Be 1
            @($WhatIfLines | Where-Object { $_.Contains('okta.users.read') }).Count | Should -Be 0
        }

        It 'changes nothing: no POST, no DELETE, the same grants' {
            Get-LifecycleRouteCount $Stats 'POST /api/v1/apps/{appId}/grants' | Should -Be 0
            Get-LifecycleRouteCount $Stats 'DELETE /api/v1/apps/{appId}/grants/{grantId}' | Should -Be 0
            Get-LifecycleActiveScope $Emulator $App.ClientId | Should -Be 'okta.logs.read okta.users.read'
            @((Get-LifecycleClient $Emulator $App.ClientId).grants.id | Sort-Object) | Should -Be @($GrantIds | Sort-Object)
        }
    }
}
