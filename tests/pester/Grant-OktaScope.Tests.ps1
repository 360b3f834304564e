# Grant-OktaScope: idempotence, ClientId binding from every documented shape, refusals before any request, Okta's own
# refusals mapped to stable ErrorIds (400 -> OktaScopeInvalid, 404 -> ObjectNotFound, 403 -> PermissionDenied), partial
# failure in a pipeline, input order with several apps in flight, and pacing under a low rate limit.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite
    $TempDir = New-TestTempDirectory
    # One EC key shared by the apps of this file: the key does not matter here, and EC keys are made in milliseconds.
    $SharedKey = New-OktaJwks -Algorithm ES256

    function New-GrantTestApp([string] $Name) { New-OktaServiceApp -Name $Name -Jwks $SharedKey }
    function New-UnknownClientId { '0oaNoSuchApp' + [guid]::NewGuid().ToString('n').Substring(0, 8) }
}

AfterAll {
    if ($Emulator) {
        Set-EmulatorConfig $Emulator @{ rateLimits = @{}; faults = @{} } -ErrorAction SilentlyContinue
        Stop-TestEmulator $Emulator
    }

    Complete-TestSuite
}

Describe 'Grant-OktaScope' {
    Context 'idempotence' {
        It 'a second run posts nothing, returns the same grants, writes no error, and says with -Verbose that each scope is already granted' {
            $app = New-GrantTestApp 'idempotent'
            $first = @($app | Grant-OktaScope okta.users.read, okta.groups.read)
            Reset-EmulatorStats $Emulator

            $records = @($app | Grant-OktaScope okta.users.read, okta.groups.read -Verbose -ErrorVariable err 4>&1)
            $stats = Get-EmulatorStats $Emulator

            $second = @($records | Where-Object { $_ -is [OktaServiceApp.PowerShell.OktaScopeGrant] })
            $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
            @($err).Count | Should -Be 0
            Get-LifecycleRouteCount $stats 'POST /api/v1/apps/{appId}/grants' | Should -Be 0
            @($second.Id) | Should -Be @($first.Id)
            @($second.ScopeId) | Should -Be @('okta.users.read', 'okta.groups.read')
            foreach ($grant in $first) {
                $said = @($verbose | Where-Object { $_.Message.Contains($grant.ScopeId) -and $_.Message.Contains($grant.Id) -and $_.Message -match 'already' })
                $said.Count | Should -BeGreaterOrEqual 1 -Because "-Verbose should say that $($grant.ScopeId) ($($grant.Id)) is already granted"
            }

            Get-LifecycleActiveScope $Emulator $app.ClientId | Should -Be 'okta.groups.read okta.users.read'
            @((Get-LifecycleClient $Emulator $app.ClientId).grants).Count | Should -Be 2
        }

        It 'finds an existing grant beyond the first page of the app''s grants and does not post it again' {
            $app = New-GrantTestApp 'many-grants'
            $scopes = @('okta.agentPools.read', 'okta.apiTokens.read', 'okta.appGrants.read', 'okta.apps.read', 'okta.authenticators.read',
                'okta.authorizationServers.read', 'okta.behaviors.read', 'okta.brands.read', 'okta.captchas.read', 'okta.devices.read',
                'okta.domains.read', 'okta.emailDomains.read', 'okta.eventHooks.read', 'okta.features.read', 'okta.groups.read',
                'okta.idps.read', 'okta.inlineHooks.read', 'okta.linkedObjects.read', 'okta.logStreams.read', 'okta.logs.read',
                'okta.networkZones.read', 'okta.orgs.read', 'okta.policies.read', 'okta.roles.read', 'okta.users.read')
            $null = $app | Grant-OktaScope $scopes
            Reset-EmulatorStats $Emulator

            $again = @($app | Grant-OktaScope okta.users.read -ErrorVariable err)

            @($err).Count | Should -Be 0
            $again.Count | Should -Be 1
            Get-LifecycleRouteCount (Get-EmulatorStats $Emulator) 'POST /api/v1/apps/{appId}/grants' | Should -Be 0
            @((Get-LifecycleClient $Emulator $app.ClientId).grants | Where-Object scopeId -eq 'okta.users.read').Count | Should -Be 1
        }
    }

    Context 'ClientId binding' {
        It 'binds ClientId from <Label>' -TestCases @(
            @{ Label = 'an app object'; Shape = 'App' }
            @{ Label = 'a CSV file with a ClientId column (Import-Csv)'; Shape = 'Csv' }
            @{ Label = 'an object with an Id property'; Shape = 'Id' }
            @{ Label = 'an object with a client_id property'; Shape = 'client_id' }
            @{ Label = 'an object with an AppId property'; Shape = 'AppId' }
            @{ Label = 'a plain string'; Shape = 'String' }
        ) {
            $app = New-GrantTestApp "bind-$Shape"
            $source = switch ($Shape) {
                'App' { $app }
                'Csv' {
                    $csv = Join-Path $TempDir "apps-$Shape.csv"
                    [pscustomobject]@{ ClientId = $app.ClientId; Owner = 'reporting team' } | Export-Csv -LiteralPath $csv -NoTypeInformation
                    Import-Csv -LiteralPath $csv
                }
                'Id' { [pscustomobject]@{ Id = $app.ClientId; Note = 'x' } }
                'client_id' { [pscustomobject]@{ client_id = $app.ClientId; client_name = 'x' } }
                'AppId' { [pscustomobject]@{ AppId = $app.ClientId } }
                'String' { [string]$app.ClientId }
            }

            $grants = @($source | Grant-OktaScope okta.logs.read -ErrorVariable err)

            @($err).Count | Should -Be 0
            $grants.Count | Should -Be 1
            $grants[0].ClientId | Should -Be $app.ClientId
            $grants[0].ScopeId | Should -Be 'okta.logs.read'
            Get-LifecycleActiveScope $Emulator $app.ClientId | Should -Be 'okta.logs.read'
        }

        It '-PassThru passes the piped app on (with its key pair) instead of the grants' {
            $app = New-GrantTestApp 'passthru'
            $out = @($app | Grant-OktaScope okta.users.read, okta.groups.read -PassThru)
            $out.Count | Should -Be 1
            $out[0] | Should -BeOfType ([OktaServiceApp.PowerShell.OktaServiceApp])
            $out[0].ClientId | Should -Be $app.ClientId
            $out[0].Jwks.KeyId | Should -Be $SharedKey.KeyId
            $out[0].Jwks.HasPrivateKey | Should -BeTrue
            Get-LifecycleActiveScope $Emulator $app.ClientId | Should -Be 'okta.groups.read okta.users.read'
        }

        It '-PassThru with a plain client id outputs the grants (there is no app to pass on)' {
            $app = New-GrantTestApp 'passthru-id'
            $out = @(Grant-OktaScope -ClientId $app.ClientId -Scope okta.users.read -PassThru)
            $out.Count | Should -Be 1
            $out[0] | Should -BeOfType ([OktaServiceApp.PowerShell.OktaScopeGrant])
            $out[0].ScopeId | Should -Be 'okta.users.read'
        }

        It '-WhatIf grants nothing and sends nothing' {
            $app = New-GrantTestApp 'what-if'
            Reset-EmulatorStats $Emulator
            $out = $app | Grant-OktaScope okta.users.read -WhatIf
            $out | Should -BeNullOrEmpty
            (Get-EmulatorStats $Emulator).totalRequests | Should -Be 0
            Get-LifecycleActiveScope $Emulator $app.ClientId | Should -Be ''
        }
    }

    Context 'refused before any request' {
        BeforeAll {
            $Target = New-GrantTestApp 'refusals'
        }

        It 'refuses <Label> with OktaScopeMalformed and sends nothing' -TestCases @(
            @{ Label = 'an empty scope'; Scopes = @('') }
            @{ Label = 'a scope with spaces'; Scopes = @('okta users read') }
            @{ Label = 'a good scope next to an empty one'; Scopes = @('okta.users.read', '') }
            @{ Label = 'no scope at all'; Scopes = @() }
        ) {
            Reset-EmulatorStats $Emulator
            $out = $Target | Grant-OktaScope -Scope $Scopes -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            @($err).Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Match '^OktaScopeMalformed(,|$)'
            (Get-EmulatorStats $Emulator).totalRequests | Should -Be 0
            Get-LifecycleActiveScope $Emulator $Target.ClientId | Should -Be ''
        }

        It 'refuses 101 scopes in one call with OktaTooManyScopes and sends nothing' {
            $scopes = 1..101 | ForEach-Object { "okta.scope$_.read" }
            Reset-EmulatorStats $Emulator
            $out = $Target | Grant-OktaScope -Scope $scopes -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            @($err).Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Match '^OktaTooManyScopes(,|$)'
            (Get-EmulatorStats $Emulator).totalRequests | Should -Be 0
        }
    }

    Context 'Okta refuses a scope' {
        It 'sends an unknown but well-formed scope, and maps Okta''s 400 to OktaScopeInvalid naming the client and the scope' {
            $app = New-GrantTestApp 'unknown-scope'
            Reset-EmulatorStats $Emulator

            $out = $app | Grant-OktaScope okta.notarealscope.read -ErrorVariable err -ErrorAction SilentlyContinue

            $out | Should -BeNullOrEmpty
            Get-LifecycleRouteCount (Get-EmulatorStats $Emulator) 'POST /api/v1/apps/{appId}/grants' | Should -Be 1
            @($err).Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Match '^OktaScopeInvalid(,|$)'
            [string]$err[0].TargetObject | Should -BeLike "*$($app.ClientId)*"
            [string]$err[0].TargetObject | Should -BeLike '*okta.notarealscope.read*'
            $err[0].ErrorDetails | Should -Not -BeNullOrEmpty
            $err[0].ErrorDetails.Message | Should -Not -BeNullOrEmpty
            Get-LifecycleActiveScope $Emulator $app.ClientId | Should -Be ''
        }

        It 'grants the good scopes of a call even when Okta refuses another one' {
            $app = New-GrantTestApp 'mixed-scopes'
            $out = @($app | Grant-OktaScope okta.users.read, okta.notarealscope.read, okta.groups.read -ErrorVariable err -ErrorAction SilentlyContinue)
            @($out.ScopeId) | Should -Be @('okta.users.read', 'okta.groups.read')
            @($err).Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Match '^OktaScopeInvalid(,|$)'
            Get-LifecycleActiveScope $Emulator $app.ClientId | Should -Be 'okta.groups.read okta.users.read'
        }
    }

    Context 'an unknown client in a pipeline of three' {
        BeforeAll {
            $First = New-GrantTestApp 'three-a'
            $Last = New-GrantTestApp 'three-c'
            $Unknown = New-UnknownClientId
            $Ids = @($First.ClientId, $Unknown, $Last.ClientId)
        }

        It 'grants the two others, writes one ObjectNotFound error naming the unknown client, and sets $? to false' {
            $out = @($Ids | Grant-OktaScope okta.users.read -ErrorVariable err -ErrorAction SilentlyContinue)
            $succeeded = $?

            $succeeded | Should -BeFalse
            @($out.ClientId) | Should -Be @($First.ClientId, $Last.ClientId)
            @($err).Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Match '^ObjectNotFound(,|$)'
            $err[0].TargetObject | Should -Be $Unknown
            Get-LifecycleActiveScope $Emulator $First.ClientId | Should -Be 'okta.users.read'
            Get-LifecycleActiveScope $Emulator $Last.ClientId | Should -Be 'okta.users.read'
        }

        It 'throws ObjectNotFound for the unknown client with -ErrorAction Stop' {
            $thrown = $null
            try { $null = $Ids | Grant-OktaScope okta.groups.read -ErrorAction Stop }
            catch { $thrown = $_ }
            $thrown | Should -Not -BeNullOrEmpty
            $thrown.FullyQualifiedErrorId | Should -Match '^ObjectNotFound(,|$)'
            $thrown.TargetObject | Should -Be $Unknown
        }
    }

    # Scenario 9: five client ids, one unknown (404) and one the admin may not touch (403). The emulator's forbiddenPathPrefixes
    # answers 403 E0000006 on one app's paths, as Okta answers an admin whose role does not cover that app.
    Context 'Scenario 9: five client ids, one unknown (404), one forbidden (403)' {
        BeforeAll {
            $Apps = @(1..4 | ForEach-Object { New-GrantTestApp "scenario9-$_" })
            $Forbidden = $Apps[1]
            $Unknown = New-UnknownClientId
            $Ids = @($Apps[0].ClientId, $Forbidden.ClientId, $Apps[2].ClientId, $Unknown, $Apps[3].ClientId)
            $Allowed = @($Apps[0], $Apps[2], $Apps[3])
            Set-EmulatorConfig $Emulator @{ forbiddenPathPrefixes = @("/api/v1/apps/$($Forbidden.ClientId)") }
            try {
                $Out = @($Ids | Grant-OktaScope okta.users.read, okta.groups.read -ErrorVariable err -ErrorAction SilentlyContinue)
                $Succeeded = $?
                $Errors = @($err)
            }
            finally {
                Set-EmulatorConfig $Emulator @{ forbiddenPathPrefixes = @() }
            }
        }

        It 'grants the three others, output in input order' {
            @($Out.ClientId) | Should -Be @(foreach ($app in $Allowed) { $app.ClientId; $app.ClientId })
            foreach ($app in $Allowed) {
                Get-LifecycleActiveScope $Emulator $app.ClientId | Should -Be 'okta.groups.read okta.users.read'
            }
        }

        It 'writes exactly two errors, one per failed client, and sets $? to false' {
            $Succeeded | Should -BeFalse
            $Errors.Count | Should -Be 2
        }

        It 'writes ObjectNotFound for the unknown client, with its client id as TargetObject' {
            $notFound = @($Errors | Where-Object { $_.TargetObject -eq $Unknown })
            $notFound.Count | Should -Be 1
            $notFound[0].FullyQualifiedErrorId | Should -Match '^ObjectNotFound(,|$)'
        }

        It 'writes PermissionDenied for the forbidden client, with its client id as TargetObject and Okta''s answer in ErrorDetails' {
            $denied = @($Errors | Where-Object { $_.TargetObject -eq $Forbidden.ClientId })
            $denied.Count | Should -Be 1
            $denied[0].FullyQualifiedErrorId | Should -Match '^PermissionDenied(,|$)'
            $denied[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $denied[0].ErrorDetails.Message | Should -Not -BeNullOrEmpty
            Get-LifecycleActiveScope $Emulator $Forbidden.ClientId | Should -Be ''
        }
    }

    # The other 403: an OAuth connection whose token has okta.appGrants.read but not okta.appGrants.manage. It may read every
    # app's grants, so the apps that already hold the scope pass (no POST needed) and only the app that needs a POST is refused.
    Context 'on a connection whose token lacks okta.appGrants.manage' {
        BeforeAll {
            $Reader = New-GrantTestApp 'grants-reader' | Grant-OktaScope okta.appGrants.read -PassThru
            $Granted = @(1..2 | ForEach-Object { New-GrantTestApp "already-granted-$_" | Grant-OktaScope okta.users.read -PassThru })
            $Needy = New-GrantTestApp 'needs-a-post'
            $Ids = @($Granted[0].ClientId, $Needy.ClientId, $Granted[1].ClientId)

            # Connect-Okta makes this the session's connection; the SSWS one comes back right after, and in AfterAll.
            $null = Connect-Okta -OrgUrl $Emulator.OrgUrl -ClientId $Reader.ClientId -Jwks $Reader.Jwks -Scope okta.appGrants.read
            try {
                Reset-EmulatorStats $Emulator
                $Out = @($Ids | Grant-OktaScope okta.users.read -ErrorVariable err -ErrorAction SilentlyContinue)
                $Errors = @($err)
                $Stats = Get-EmulatorStats $Emulator
            }
            finally {
                $null = Connect-TestEmulator $Emulator
            }
        }

        AfterAll {
            $null = Connect-TestEmulator $Emulator
        }

        It 'passes on the apps that already hold the scope, in input order' {
            @($Out.ClientId) | Should -Be @($Granted.ClientId)
        }

        It 'sent one grant POST, for the app that needed it, and Okta answered 403' {
            Get-LifecycleRouteCount $Stats 'POST /api/v1/apps/{appId}/grants' | Should -Be 1
            $Stats.statuses.'403' | Should -Be 1
            Get-LifecycleActiveScope $Emulator $Needy.ClientId | Should -Be ''
        }

        It 'writes one OktaInsufficientScope error (category PermissionDenied) for that app only' {
            $Errors.Count | Should -Be 1
            $Errors[0].TargetObject | Should -Be $Needy.ClientId
            $Errors[0].FullyQualifiedErrorId | Should -Match '^OktaInsufficientScope(,|$)'
            $Errors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $Errors[0].ErrorDetails.Message | Should -Not -BeNullOrEmpty
        }
    }

    # -Connection: "pass one to -Connection to work with several orgs or apps at once". The second Connect-Okta makes another
    # connection the session default; the first one, passed explicitly, must still be the one used.
    Context 'with an explicit -Connection that is not the session default' {
        BeforeAll {
            $Reader = New-GrantTestApp 'explicit-connection-reader' | Grant-OktaScope okta.appGrants.read -PassThru
            $Held = New-GrantTestApp 'explicit-connection-held' | Grant-OktaScope okta.users.read -PassThru
            $Target = New-GrantTestApp 'explicit-connection-target'
            $ReaderConnection = Connect-Okta -OrgUrl $Emulator.OrgUrl -ClientId $Reader.ClientId -Jwks $Reader.Jwks -Scope okta.appGrants.read
            $null = Connect-TestEmulator $Emulator
        }

        AfterAll {
            $null = Connect-TestEmulator $Emulator
        }

        It 'reads grants through the given connection' {
            $out = @(Grant-OktaScope -ClientId $Held.ClientId -Scope okta.users.read -Connection $ReaderConnection -ErrorVariable err -ErrorAction SilentlyContinue)
            @($err | ForEach-Object FullyQualifiedErrorId) | Should -BeNullOrEmpty
            @($out.ClientId) | Should -Be @($Held.ClientId)
        }

        It 'posts through the given connection, whose token lacks okta.appGrants.manage, not through the SSWS default' {
            Grant-OktaScope -ClientId $Target.ClientId -Scope okta.users.read -Connection $ReaderConnection -ErrorVariable err -ErrorAction SilentlyContinue
            @($err).Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Match '^OktaInsufficientScope(,|$)'
            Get-LifecycleActiveScope $Emulator $Target.ClientId | Should -Be ''
        }
    }

    Context 'several apps in flight' {
        BeforeAll {
            # Half the grant requests answer slowly, at random (seeded), so later apps often finish before earlier ones.
            Set-EmulatorConfig $Emulator @{ seed = 7; faults = @{ slow = 0.5; slowDelayMs = 150; pathPrefixes = @('/api/v1/apps/') } }
            $Apps = @(1..6 | ForEach-Object { New-GrantTestApp "in-flight-$_" })
            Reset-EmulatorStats $Emulator
            $Out = @($Apps | Grant-OktaScope okta.users.read, okta.groups.read -ErrorVariable err)
            $Errors = @($err)
            $Stats = Get-EmulatorStats $Emulator
            Set-EmulatorConfig $Emulator @{ faults = @{} }
        }

        It 'keeps the output in input order' {
            $Errors.Count | Should -Be 0
            $expected = foreach ($app in $Apps) { $app.ClientId; $app.ClientId }
            @($Out.ClientId) | Should -Be @($expected)
            @($Out.ScopeId) | Should -Be @(foreach ($app in $Apps) { 'okta.users.read'; 'okta.groups.read' })
        }

        It 'worked on several apps at once' {
            [int]$Stats.maxInFlight | Should -BeGreaterThan 1
        }
    }

    Context 'under a low apps rate limit' {
        BeforeAll {
            # An org of its own: the module shares what it learns of an org's limits across connections, as a runbook
            # starting against an org with these limits would not have learned anything yet.
            $Limited = Start-TestEmulator
            $null = Connect-TestEmulator $Limited
            $Apps = @(1..3 | ForEach-Object { New-GrantTestApp "rate-limited-$_" })
            $Scopes = @('okta.users.read', 'okta.groups.read', 'okta.apps.read', 'okta.logs.read')
            Set-EmulatorConfig $Limited @{ rateLimits = @{ apps = @{ limit = 5; windowSeconds = 2 } } }
            $null = Connect-TestEmulator $Limited
            Reset-EmulatorStats $Limited
            try {
                $Out = @($Apps | Grant-OktaScope $Scopes -ErrorVariable err)
                $Errors = @($err)
                $Stats = Get-EmulatorStats $Limited
            }
            finally {
                Set-EmulatorConfig $Limited @{ rateLimits = @{} }
            }
        }

        It 'grants 3 apps x 4 scopes with no error surfaced' {
            $Errors.Count | Should -Be 0
            $Out.Count | Should -Be 12
        }

        It 'leaves every grant in the org exactly once' {
            foreach ($app in $Apps) {
                $grants = @((Get-LifecycleClient $Limited $app.ClientId).grants)
                $grants.Count | Should -Be 4
                @($grants.scopeId | Sort-Object) | Should -Be @($Scopes | Sort-Object)
                @($grants.status | Select-Object -Unique) | Should -Be @('ACTIVE')
            }
        }

        It 'paces itself: at most 2 requests answered 429' {
            [int]$Stats.count429 | Should -BeLessOrEqual 2
        }

        AfterAll {
            Stop-TestEmulator $Limited
            $null = Connect-TestEmulator $Emulator
        }
    }
}
