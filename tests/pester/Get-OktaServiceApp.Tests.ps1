# Get-OktaServiceApp: one app by client id, or the org's service apps (optionally by name prefix), following paging.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite
    $SharedKey = New-OktaJwks -Algorithm ES256
}

AfterAll {
    Complete-TestSuite
}

Describe 'Get-OktaServiceApp' {
    Context 'by client id' {
        BeforeAll {
            $Created = New-OktaServiceApp -Name get-by-id -Jwks $SharedKey
        }

        It 'returns the app as Okta holds it, with no key pair' {
            $app = Get-OktaServiceApp -ClientId $Created.ClientId
            $app | Should -BeOfType ([OktaServiceApp.PowerShell.OktaServiceApp])
            $app.ClientId | Should -Be $Created.ClientId
            $app.Name | Should -BeExactly 'get-by-id'
            $app.ApplicationType | Should -Be 'service'
            @($app.GrantTypes) | Should -Be @('client_credentials')
            $app.TokenEndpointAuthMethod | Should -Be 'private_key_jwt'
            @($app.KeyIds) | Should -Be @($SharedKey.KeyId)
            $app.OrgUrl | Should -Be $Emulator.OrgUrl
            $app.Jwks | Should -BeNullOrEmpty
        }

        It 'takes the client id by position' {
            (Get-OktaServiceApp $Created.ClientId).Name | Should -BeExactly 'get-by-id'
        }

        It 'takes client ids from the pipeline, in input order' {
            $other = New-OktaServiceApp -Name get-by-id-other -Jwks $SharedKey
            $apps = @($other.ClientId, $Created.ClientId | Get-OktaServiceApp)
            @($apps.Name) | Should -Be @('get-by-id-other', 'get-by-id')
        }

        It 'binds the client id from a piped object with a client_id property' {
            $app = [pscustomobject]@{ client_id = $Created.ClientId } | Get-OktaServiceApp
            $app.ClientId | Should -Be $Created.ClientId
        }

        It 'writes ObjectNotFound, with the client id as TargetObject, for an unknown client id' {
            $unknown = '0oaNoSuchApp' + [guid]::NewGuid().ToString('n').Substring(0, 8)
            $out = Get-OktaServiceApp -ClientId $unknown -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            @($err).Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Match '^ObjectNotFound(,|$)'
            $err[0].TargetObject | Should -Be $unknown
        }
    }

    Context 'by name prefix' {
        BeforeAll {
            $Alpha = @('prefix-alpha-1', 'prefix-alpha-2', 'Prefix-Alpha-3') | ForEach-Object { New-OktaServiceApp -Name $_ -Jwks $SharedKey }
            $null = New-OktaServiceApp -Name prefix-beta-1 -Jwks $SharedKey
            $null = New-OktaServiceApp -Name x-prefix-alpha -Jwks $SharedKey
        }

        It 'lists only the service apps whose name starts with -Name' {
            $apps = @(Get-OktaServiceApp -Name prefix-alpha)
            @($apps.ClientId | Sort-Object) | Should -Be @($Alpha.ClientId | Sort-Object)
            $apps | ForEach-Object { $_ | Should -BeOfType ([OktaServiceApp.PowerShell.OktaServiceApp]) }
        }

        It 'leaves out apps that are not service apps' {
            $web = Invoke-RestMethod -Method Post -Uri "$($Emulator.OrgUrl)/oauth2/v1/clients" -ContentType 'application/json' `
                -Headers @{ Authorization = "SSWS $($Emulator.ApiToken)" } -Body (@{
                    client_name                = 'prefix-alpha-web'
                    application_type           = 'web'
                    grant_types                = @('authorization_code')
                    response_types             = @('code')
                    redirect_uris              = @('https://app.example.com/callback')
                    token_endpoint_auth_method = 'client_secret_basic'
                } | ConvertTo-Json)
            $web.client_id | Should -Not -BeNullOrEmpty
            @(Get-OktaServiceApp -Name prefix-alpha).ClientId | Should -Not -Contain $web.client_id
        }

        It 'lists nothing, and writes no error, when no name matches' {
            $out = Get-OktaServiceApp -Name no-app-has-this-name -ErrorVariable err
            $out | Should -BeNullOrEmpty
            @($err).Count | Should -Be 0
        }

        It 'without -Name lists every service app, including those' {
            $all = @(Get-OktaServiceApp)
            foreach ($app in $Alpha) { @($all.ClientId) | Should -Contain $app.ClientId }
            @($all.ClientId | Select-Object -Unique).Count | Should -Be $all.Count
        }
    }

    Context 'paging' {
        BeforeAll {
            # More than Okta's largest page (200) of /oauth2/v1/clients, so the listing must follow rel="next".
            $Many = @(1..205 | ForEach-Object { [pscustomobject]@{ Name = 'paged-{0:000}' -f $_ } } | New-OktaServiceApp -Jwks $SharedKey)
            Reset-EmulatorStats $Emulator
            $Listed = @(Get-OktaServiceApp -Name paged-)
            $Stats = Get-EmulatorStats $Emulator
        }

        It 'returns every app once, across pages' {
            $Many.Count | Should -Be 205
            $Listed.Count | Should -Be 205
            @($Listed.ClientId | Select-Object -Unique).Count | Should -Be 205
            @($Listed.ClientId | Sort-Object) | Should -Be @($Many.ClientId | Sort-Object)
        }

        It 'read more than one page' {
            Get-LifecycleRouteCount $Stats 'GET /oauth2/v1/clients' | Should -BeGreaterOrEqual 2
        }
    }
}
