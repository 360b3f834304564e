BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite

    $script:UsersRoute = 'GET /api/v1/users'
    $script:SeededUsers = @(Invoke-AuthRawApi $Emulator '/api/v1/users')

    # Service apps: one Bearer, one DPoP, one granted okta.apps.read but not okta.users.read.
    $script:Apps = @{}
    foreach ($case in @(
            @{ Name = 'Bearer'; Dpop = $false; Scope = 'okta.users.read' }
            @{ Name = 'DPoP'; Dpop = $true; Scope = 'okta.users.read' }
            @{ Name = 'AppsOnly'; Dpop = $false; Scope = 'okta.apps.read' })) {
        $app = New-OktaJwks -Algorithm ES256 | New-OktaServiceApp -Name "api-$($case.Name)" -RequireDpop:$case.Dpop -Role READ_ONLY_ADMIN |
            Grant-OktaScope $case.Scope -PassThru
        $script:Apps[$case.Name] = @{ App = $app; Scope = $case.Scope }
    }

    # Runs the script block connected (session default) as one of the apps, then goes back to the API token.
    function script:Invoke-AsApp([string] $Name, [scriptblock] $Script) {
        $app = $Apps[$Name].App
        $connection = Connect-Okta -OrgUrl $Emulator.OrgUrl -ClientId $app.ClientId -Jwks $app.Jwks -Scope $Apps[$Name].Scope
        try {
            $connection.AuthMode | Should -BeExactly 'PrivateKey'
            & $Script
        } finally {
        }
    }
}

AfterAll {
    Complete-TestSuite
}

Describe 'Invoke-OktaApi' {
    Context 'GET with an API token' {
        It 'the emulator is seeded with users (so the listing checks below can fail)' {
            $SeededUsers.Count | Should -BeGreaterThan 1
        }

        It 'writes the users of GET /api/v1/users one by one' {
            $count = (Invoke-OktaApi /api/v1/users | Measure-Object).Count
            $count | Should -Be $SeededUsers.Count
            $users = @(Invoke-OktaApi /api/v1/users)
            @($users.id | Sort-Object) | Should -Be @($SeededUsers.id | Sort-Object)
            foreach ($user in $users) { $user.profile.login | Should -Not -BeNullOrEmpty }
        }

        It 'without -All returns only the first page' {
            $before = Get-AuthRouteCount $Emulator $UsersRoute
            @(Invoke-OktaApi /api/v1/users -Query @{ limit = 1 }).Count | Should -Be 1
            (Get-AuthRouteCount $Emulator $UsersRoute) - $before | Should -Be 1
        }

        It '-All follows Link rel="next" through every page' {
            $before = Get-AuthRouteCount $Emulator $UsersRoute
            $users = @(Invoke-OktaApi /api/v1/users -Query @{ limit = 1 } -All)
            @($users.id | Sort-Object -Unique) | Should -Be @($SeededUsers.id | Sort-Object)
            $users.Count | Should -Be $SeededUsers.Count
            (Get-AuthRouteCount $Emulator $UsersRoute) - $before | Should -Be $SeededUsers.Count
        }
    }

    Context 'POST' {
        BeforeAll {
            # A hashtable of the public JWK's members, without -AsHashtable (Windows PowerShell 5.1 lacks it).
            $jwk = @{}
            foreach ($member in ((New-OktaJwks -Algorithm ES256).ToJson() | ConvertFrom-Json).keys[0].PSObject.Properties) { $jwk[$member.Name] = $member.Value }
            $script:ClientBody = @{
                client_name                = 'made-by-invoke'
                application_type           = 'service'
                grant_types                = @('client_credentials')
                token_endpoint_auth_method = 'private_key_jwt'
                jwks                       = @{ keys = @($jwk) }
            }
        }

        It 'sends a hashtable body as JSON and writes the created client' {
            $created = Invoke-OktaApi -Method POST /oauth2/v1/clients -Body $ClientBody -Confirm:$false
            $created.client_id | Should -Not -BeNullOrEmpty
            $created.client_name | Should -BeExactly 'made-by-invoke'
            $client = Invoke-AuthRawApi $Emulator "/oauth2/v1/clients/$($created.client_id)"
            $client.client_name | Should -BeExactly 'made-by-invoke'
            $client.application_type | Should -BeExactly 'service'
        }

        It 'sends a JSON string body as it is' {
            $json = $ClientBody | ConvertTo-Json -Depth 6
            $json = $json.Replace('made-by-invoke', 'made-from-json')
            $created = Invoke-OktaApi -Method POST /oauth2/v1/clients -Body $json -Confirm:$false
            (Invoke-AuthRawApi $Emulator "/oauth2/v1/clients/$($created.client_id)").client_name | Should -BeExactly 'made-from-json'
        }

        It '-WhatIf sends nothing' {
            $before = Get-AuthTotalRequests $Emulator
            $out = Invoke-OktaApi -Method POST /oauth2/v1/clients -Body $ClientBody -WhatIf
            $out | Should -BeNullOrEmpty
            Get-AuthTotalRequests $Emulator | Should -Be $before
        }

        It 'refuses a -Body that is not JSON with OktaBodyInvalid, sending nothing' {
            $before = Get-AuthTotalRequests $Emulator
            $failures = $null
            $out = Invoke-OktaApi -Method POST /oauth2/v1/clients -Body '{ not json' -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            @($failures).Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OktaBodyInvalid,*'
            Get-AuthTotalRequests $Emulator | Should -Be $before
        }
    }

    Context 'errors' {
        It 'refuses an absolute URL to another host, with a stable error id, and sends nothing' {
            $before = Get-AuthTotalRequests $Emulator
            $failures = $null
            $out = Invoke-OktaApi 'https://elsewhere.example.com/api/v1/users' -ErrorVariable failures -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            @($failures).Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Not -BeLike 'OktaUnexpectedError,*' -Because 'errors carry stable ErrorIds (about_OktaServiceApp ERRORS); OktaUnexpectedError means an unhandled exception'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            Get-AuthTotalRequests $Emulator | Should -Be $before
        }

        It 'a 404 is ObjectNotFound, with Okta''s errorSummary in ErrorDetails and the path as TargetObject' {
            $path = '/api/v1/users/00unosuchuser0000000'
            $direct = Invoke-TestHttp -Uri "$($Emulator.OrgUrl)$path" -Headers @{ Authorization = "SSWS $($Emulator.ApiToken)" }
            $direct.Status | Should -Be 404
            $summary = ($direct.Content | ConvertFrom-Json).errorSummary
            $summary | Should -Not -BeNullOrEmpty

            $failures = $null
            $out = Invoke-OktaApi $path -ErrorVariable failures -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            @($failures).Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'ObjectNotFound,*'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].ErrorDetails.Message | Should -BeLike "*$summary*"
            $failures[0].TargetObject | Should -BeExactly $path
        }

        It 'a token without the scope the call needs gets 403: OktaInsufficientScope naming the scope' {
            Invoke-AsApp 'AppsOnly' {
                $failures = $null
                $out = Invoke-OktaApi /api/v1/users -ErrorVariable failures -ErrorAction SilentlyContinue
                $out | Should -BeNullOrEmpty
                @($failures).Count | Should -Be 1
                $failures[0].FullyQualifiedErrorId | Should -Match '^(OktaInsufficientScope|PermissionDenied),'
                "$($failures[0].ErrorDetails.Message) $($failures[0].ErrorDetails.RecommendedAction)" | Should -BeLike '*okta.users.read*'
            }
        }
    }

    Context 'as a service app' {
        It 'calls /api/v1/users with a <Name> token' -TestCases @(
            @{ Name = 'Bearer' }
            @{ Name = 'DPoP' }
        ) {
            Invoke-AsApp $Name {
                $users = @(Invoke-OktaApi /api/v1/users)
                @($users.id | Sort-Object) | Should -Be @($SeededUsers.id | Sort-Object)
            }
            # A DPoP-bound app's tokens only work with DPoP proofs: the listing above proves the module sent them.
            $client = (Get-EmulatorState $Emulator).clients | Where-Object client_id -EQ $Apps[$Name].App.ClientId
            [bool]$client.dpop_bound_access_tokens | Should -Be ($Name -eq 'DPoP')
        }

        It 'follows paging with -All under DPoP, a fresh proof for every page' {
            $replays = (Get-EmulatorState $Emulator).jtiReplays
            Invoke-AsApp 'DPoP' {
                $users = @(Invoke-OktaApi /api/v1/users -Query @{ limit = 1 } -All)
                @($users.id | Sort-Object) | Should -Be @($SeededUsers.id | Sort-Object)
            }
            (Get-EmulatorState $Emulator).jtiReplays | Should -Be $replays
        }

        It 'keeps working with a DPoP token over several calls (a fresh proof each time)' {
            $replays = (Get-EmulatorState $Emulator).jtiReplays
            Invoke-AsApp 'DPoP' {
                foreach ($i in 1..3) {
                    @(Invoke-OktaApi /api/v1/users).Count | Should -Be $SeededUsers.Count
                }
            }
            (Get-EmulatorState $Emulator).jtiReplays | Should -Be $replays
        }
    }
}
