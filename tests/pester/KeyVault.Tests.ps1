# Issue 12, Azure Key Vault as a key source: against the Okta emulator and the Key Vault + managed identity emulator.
# A token costs one signature in the vault (two for a DPoP app's first token, which also learns the nonce), never one per
# API call; rotation from a file key to a vault key never fails a token request; no vault or identity token is ever shown.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite -Work

    $script:Vault = Start-TestVaultEmulator
    $script:SavedIdentity = @{ Endpoint = $env:IDENTITY_ENDPOINT; Header = $env:IDENTITY_HEADER }
    # What Azure Automation and App Service set for a managed identity.
    $env:IDENTITY_ENDPOINT = $Vault.IdentityEndpoint
    $env:IDENTITY_HEADER = $Vault.IdentityHeader

    $script:RsaKid = New-TestVaultKey $Vault 'okta-app'
    $script:EcKid = New-TestVaultKey $Vault 'okta-dpop' -Kty EC -Curve P-256
    $script:TokenRoute = 'POST /oauth2/v1/token'

    $script:BearerApp = New-OktaJwks -KeyVaultKeyId $RsaKid | New-OktaServiceApp -Name 'kv-bearer' | Grant-OktaScope okta.users.read -PassThru
    $script:DpopApp = New-OktaJwks -KeyVaultKeyId $EcKid | New-OktaServiceApp -Name 'kv-dpop' -RequireDpop | Grant-OktaScope okta.users.read -PassThru

    function script:Get-Signatures { [int](Get-TestVaultStats $Vault).signatures }
    function script:Get-TokenPosts { Get-AuthRouteCount $Emulator $TokenRoute }

    # A token for https://vault.azure.net as Get-AzAccessToken -AsSecureString would give it, fetched without the module.
    function script:Get-PassedVaultToken([string] $Resource = 'https://vault.azure.net') {
        $uri = '{0}?resource={1}&api-version=2019-08-01' -f $Vault.IdentityEndpoint, [uri]::EscapeDataString($Resource)
        $plain = (Invoke-RestMethod -Uri $uri -Headers @{ 'X-IDENTITY-HEADER' = $Vault.IdentityHeader }).access_token
        ConvertTo-SecureString $plain -AsPlainText -Force
    }

    function script:Get-ErrorId($Record) { "$($Record.FullyQualifiedErrorId)".Split(',')[0] }
}

AfterAll {
    $env:IDENTITY_ENDPOINT = $SavedIdentity.Endpoint
    $env:IDENTITY_HEADER = $SavedIdentity.Header
    if ($Vault) { Stop-TestEmulator $Vault }
    Complete-TestSuite
}

Describe 'Key Vault keys' {
    Context 'New-OktaJwks -KeyVaultKeyId and Export-OktaPrivateKey' {
        It 'gives the public JWKS of the vault key, with its thumbprint as kid, and nothing private' {
            $jwks = New-OktaJwks -KeyVaultKeyId $RsaKid
            $jwks.KeyVaultKeyId | Should -BeExactly $RsaKid
            $jwks.KeyId | Should -BeExactly $jwks.Thumbprint
            $jwks.KeyType | Should -BeExactly 'RSA'
            $jwks.Algorithm | Should -BeExactly 'RS256'
            $jwks.KeySize | Should -Be 2048
            $jwks.CanExportPrivateKey | Should -BeFalse
            $jwk = ($jwks.ToJson() | ConvertFrom-Json).keys[0]
            $jwk.kid | Should -BeExactly $jwks.KeyId
            foreach ($member in 'd', 'p', 'q', 'dp', 'dq', 'qi') { $jwk.PSObject.Properties[$member] | Should -BeNullOrEmpty }
            (New-OktaJwks -KeyVaultKeyId $EcKid).Algorithm | Should -BeExactly 'ES256'
        }

        It 'Export-OktaPrivateKey refuses it with OktaKeyNotExportable and writes nothing' {
            $path = Join-Path $Work 'vault.pem'
            $jwks = New-OktaJwks -KeyVaultKeyId $RsaKid
            $jwks | Export-OktaPrivateKey -Path $path -ErrorVariable failed -ErrorAction SilentlyContinue
            Get-ErrorId $failed[0] | Should -BeExactly 'OktaKeyNotExportable'
            $path | Should -Not -Exist
        }
    }

    Context 'Test-OktaServiceApp with a vault key' {
        It 'checks the vault key given: registered passes, not registered fails' {
            $registered = @(Test-OktaServiceApp -ClientId $BearerApp.ClientId -KeyVaultKeyId $RsaKid -NoToken | Where-Object Check -eq 'Key')
            $registered[0].Status | Should -BeExactly 'Pass'
            $strangerKid = New-TestVaultKey $Vault 'okta-doctor-stranger'
            $stranger = @(Test-OktaServiceApp -ClientId $BearerApp.ClientId -KeyVaultKeyId $strangerKid -NoToken | Where-Object Check -eq 'Key')
            $stranger[0].Status | Should -BeExactly 'Fail'
            $stranger[0].Fix | Should -BeLike '*-KeyVaultKeyId*'
        }
    }

    Context 'registering a vault key' {
        It 'New-OktaServiceApp -KeyVaultKeyId and Add-OktaServiceAppKey -KeyVaultKeyId register the public half, which then signs' {
            $app = New-OktaServiceApp -Name 'kv-direct' -KeyVaultKeyId $RsaKid | Grant-OktaScope okta.users.read -PassThru
            $app.Jwks.KeyVaultKeyId | Should -BeExactly $RsaKid
            $nextKid = New-TestVaultKey $Vault 'okta-next'
            $added = Add-OktaServiceAppKey -ClientId $app.ClientId -KeyVaultKeyId $nextKid -Confirm:$false
            $added.KeyId | Should -BeExactly (New-OktaJwks -KeyVaultKeyId $nextKid).KeyId
            $added.Status | Should -BeExactly 'ACTIVE'
            $token = Get-OktaAccessToken -ClientId $app.ClientId -KeyVaultKeyId $nextKid -Scope okta.users.read
            $token.TokenType | Should -BeExactly 'Bearer'
        }

        It 'New-OktaServiceApp refuses to write a vault key to -PrivateKeyPath (OktaKeyNotExportable) and creates no app' {
            $path = Join-Path $Work 'never.pem'
            $before = @(Get-OktaServiceApp).Count
            $vaultJwks = New-OktaJwks -KeyVaultKeyId $RsaKid
            $null = $vaultJwks | New-OktaServiceApp -Name 'kv-never' -PrivateKeyPath $path -ErrorVariable failed -ErrorAction SilentlyContinue
            Get-ErrorId $failed[0] | Should -BeExactly 'OktaKeyNotExportable'
            @(Get-OktaServiceApp).Count | Should -Be $before
            $path | Should -Not -Exist
        }
    }

    Context 'a token and Invoke-OktaApi through IDENTITY_ENDPOINT' {
        It 'Get-OktaAccessToken signs once in the vault per token and not at all for a cached one' {
            $before = Get-Signatures
            $token = Get-OktaAccessToken -ClientId $BearerApp.ClientId -KeyVaultKeyId $RsaKid -Scope okta.users.read -Force
            $token.TokenType | Should -BeExactly 'Bearer'
            (Get-Signatures) - $before | Should -Be 1
            $null = Get-OktaAccessToken -ClientId $BearerApp.ClientId -KeyVaultKeyId $RsaKid -Scope okta.users.read
            (Get-Signatures) - $before | Should -Be 1
        }

        It 'an app made with a vault key, piped in, signs through the vault with the key object it carries' {
            $before = Get-Signatures
            $gets = [int](Get-TestVaultStats $Vault).keyGets
            $token = $BearerApp | Get-OktaAccessToken okta.users.read -Force
            $token.TokenType | Should -BeExactly 'Bearer'
            (Get-Signatures) - $before | Should -Be 1
            [int](Get-TestVaultStats $Vault).keyGets | Should -Be $gets -Because 'the piped key object is already open'
        }

        It 'Connect-Okta -KeyVaultKeyId (Bearer app): five Invoke-OktaApi calls cost one signature' {
            try {
                $before = Get-Signatures
                $null = Connect-Okta -OrgUrl $Emulator.OrgUrl -ClientId $BearerApp.ClientId -KeyVaultKeyId $RsaKid -Scope okta.users.read
                $connected = Get-Signatures
                foreach ($i in 1..5) { @(Invoke-OktaApi /api/v1/users).Count | Should -BeGreaterThan 0 }
                $connected - $before | Should -BeLessOrEqual 1 -Because 'a token from the test before may still be cached'
                (Get-Signatures) - $connected | Should -Be 0
            }
            finally {
                $null = Connect-TestEmulator $Emulator
            }
        }

        It 'Connect-Okta -KeyVaultKeyId (DPoP app): one signature per token request, none per API call' {
            try {
                $signatures = Get-Signatures
                $posts = Get-TokenPosts
                $connection = Connect-Okta -OrgUrl $Emulator.OrgUrl -ClientId $DpopApp.ClientId -KeyVaultKeyId $EcKid -Scope okta.users.read
                foreach ($i in 1..5) { @(Invoke-OktaApi /api/v1/users).Count | Should -BeGreaterThan 0 }
                $connection.ClientId | Should -BeExactly $DpopApp.ClientId
                $tokenPosts = (Get-TokenPosts) - $posts
                $tokenPosts | Should -BeLessOrEqual 2 -Because 'the first DPoP token may also learn the nonce'
                (Get-Signatures) - $signatures | Should -Be $tokenPosts
            }
            finally {
                $null = Connect-TestEmulator $Emulator
            }
        }

        It 'OKTA_CLIENT_KEYVAULTKEYID alone (no Connect-Okta): three Invoke-OktaApi calls cost one signature' {
            Disconnect-Okta
            try {
                $env:OKTA_CLIENT_ORGURL = $Emulator.OrgUrl
                $env:OKTA_CLIENT_CLIENTID = $BearerApp.ClientId
                $env:OKTA_CLIENT_KEYVAULTKEYID = $RsaKid
                $env:OKTA_CLIENT_SCOPES = 'okta.users.read'
                $before = Get-Signatures
                $gets = [int](Get-TestVaultStats $Vault).keyGets
                foreach ($i in 1..3) { @(Invoke-OktaApi /api/v1/users).Count | Should -BeGreaterThan 0 }
                (Get-Signatures) - $before | Should -BeLessOrEqual 1 -Because 'a token cached by an earlier test of this app may serve'
                [int](Get-TestVaultStats $Vault).keyGets - $gets | Should -Be 1 -Because 'the connection from the settings opened the vault key once'
            }
            finally {
                Clear-TestOktaVariables
                $null = Connect-TestEmulator $Emulator
            }
        }
    }

    Context 'a passed -KeyVaultAccessToken' {
        It 'signs with the token given and never calls the identity endpoint' {
            $vaultToken = Get-PassedVaultToken
            $identity = [int](Get-TestVaultStats $Vault).identityRequests
            $before = Get-Signatures
            $token = Get-OktaAccessToken -ClientId $BearerApp.ClientId -KeyVaultKeyId $RsaKid -KeyVaultAccessToken $vaultToken -Scope okta.users.read -Force
            $token.TokenType | Should -BeExactly 'Bearer'
            (Get-Signatures) - $before | Should -Be 1
            [int](Get-TestVaultStats $Vault).identityRequests | Should -Be $identity
        }

        It 'Connect-Okta with the token (DPoP app) serves Invoke-OktaApi' {
            try {
                $null = Connect-Okta -OrgUrl $Emulator.OrgUrl -ClientId $DpopApp.ClientId -KeyVaultKeyId $EcKid -KeyVaultAccessToken (Get-PassedVaultToken) -Scope okta.users.read
                @(Invoke-OktaApi /api/v1/users).Count | Should -BeGreaterThan 0
            }
            finally {
                $null = Connect-TestEmulator $Emulator
            }
        }

        It 'a token for another resource is OktaKeyVaultUnauthorized' {
            $wrong = Get-PassedVaultToken -Resource 'https://management.azure.com/'
            $null = Get-OktaAccessToken -ClientId $BearerApp.ClientId -KeyVaultKeyId $RsaKid -KeyVaultAccessToken $wrong -Scope okta.users.read -Force -ErrorVariable failed -ErrorAction SilentlyContinue
            Get-ErrorId $failed[0] | Should -BeExactly 'OktaKeyVaultUnauthorized'
        }
    }

    Context 'refusals name the problem' {
        It 'an identity without the Key Vault Crypto User role is OktaKeyVaultForbidden' {
            Set-TestVaultConfig $Vault @{ role = 'None' }
            try {
                $null = Get-OktaAccessToken -ClientId $BearerApp.ClientId -KeyVaultKeyId $RsaKid -Scope okta.users.read -Force -ErrorVariable failed -ErrorAction SilentlyContinue
                Get-ErrorId $failed[0] | Should -BeExactly 'OktaKeyVaultForbidden'
            }
            finally {
                Set-TestVaultConfig $Vault @{ role = 'CryptoUser' }
            }
        }

        It 'a wrong key version is OktaKeyVaultKeyNotFound; an http:// vault off loopback OktaKeyVaultKeyIdInvalid' {
            $wrongVersion = $RsaKid.Substring(0, $RsaKid.Length - 32) + '0123456789abcdef0123456789abcdef'
            $null = Get-OktaAccessToken -ClientId $BearerApp.ClientId -KeyVaultKeyId $wrongVersion -Scope okta.users.read -ErrorVariable notFound -ErrorAction SilentlyContinue
            Get-ErrorId $notFound[0] | Should -BeExactly 'OktaKeyVaultKeyNotFound'
            $null = Get-OktaAccessToken -ClientId $BearerApp.ClientId -KeyVaultKeyId 'http://my-vault.vault.azure.net/keys/k' -Scope okta.users.read -ErrorVariable invalid -ErrorAction SilentlyContinue
            Get-ErrorId $invalid[0] | Should -BeExactly 'OktaKeyVaultKeyIdInvalid'
        }
    }

    Context 'rotation from a file key to a Key Vault key' {
        It 'Update-OktaServiceAppKey -KeyVaultKeyId rotates with no 4xx on the token endpoint, and the vault key then serves' {
            $keyPath = Join-Path $Work 'rotate.pem'
            $app = New-OktaServiceApp -Name 'kv-rotate' -PrivateKeyPath $keyPath | Grant-OktaScope okta.users.read -PassThru
            $null = Get-OktaAccessToken -ClientId $app.ClientId -PrivateKeyPath $keyPath -Scope okta.users.read
            $rotateKid = New-TestVaultKey $Vault 'okta-rotate'
            Reset-EmulatorStats $Emulator

            $rotated = Update-OktaServiceAppKey -ClientId $app.ClientId -KeyVaultKeyId $rotateKid -Scope okta.users.read -Confirm:$false
            $rotated.KeyVaultKeyId | Should -BeExactly $rotateKid
            $token = Get-OktaAccessToken -ClientId $app.ClientId -KeyVaultKeyId $rotateKid -Scope okta.users.read -Force
            $token.TokenType | Should -BeExactly 'Bearer'

            $keys = @(Get-OktaServiceAppKey -ClientId $app.ClientId)
            @($keys | Where-Object { $_.Status -eq 'ACTIVE' }).KeyId | Should -BeExactly $rotated.KeyId
            $tokenAnswers = @((Get-EmulatorStats $Emulator).recentRequests | Where-Object { $_.route -eq $TokenRoute })
            $tokenAnswers.Count | Should -BeGreaterOrEqual 2
            @($tokenAnswers | Where-Object { $_.status -ge 400 -and $_.status -lt 500 }) | Should -BeNullOrEmpty
        }
    }

    Context 'secret hygiene' {
        It 'no vault or identity token, nor the identity header, appears in any stream or error' {
            # The test's own calls to the emulators stay out of the captured streams: only the module's output is searched.
            $passed = Get-PassedVaultToken
            $wrongResource = Get-PassedVaultToken -Resource 'https://management.azure.com/'
            $quietly = { param($Config) $VerbosePreference = 'SilentlyContinue'; $DebugPreference = 'SilentlyContinue'; Set-TestVaultConfig $Vault $Config }
            $saved = @{ Verbose = $VerbosePreference; Debug = $DebugPreference; Information = $InformationPreference; Error = $ErrorActionPreference }
            $captured = [System.Collections.Generic.List[object]]::new()
            try {
                $VerbosePreference = 'Continue'
                $DebugPreference = 'Continue'
                $InformationPreference = 'Continue'
                # The refused calls' errors are searched too: they must reach the stream, not stop the run (run.ps1 sets Stop).
                $ErrorActionPreference = 'Continue'
                $actions = {
                    $null = New-OktaJwks -KeyVaultKeyId $RsaKid
                    $null = Get-OktaAccessToken -ClientId $BearerApp.ClientId -KeyVaultKeyId $RsaKid -Scope okta.users.read -Force
                    $null = Get-OktaAccessToken -ClientId $BearerApp.ClientId -KeyVaultKeyId $RsaKid -KeyVaultAccessToken $passed -Scope okta.users.read -Force
                    $null = Get-OktaAccessToken -ClientId $BearerApp.ClientId -KeyVaultKeyId $RsaKid -KeyVaultAccessToken $wrongResource -Scope okta.users.read -Force
                    $null = New-OktaClientAssertion -ClientId $BearerApp.ClientId -KeyVaultKeyId $RsaKid
                    $null = Connect-Okta -OrgUrl $Emulator.OrgUrl -ClientId $DpopApp.ClientId -KeyVaultKeyId $EcKid -Scope okta.users.read
                    $null = Invoke-OktaApi /api/v1/users
                    $null = Get-OktaConnection
                    & $quietly @{ role = 'Reader' }
                    $null = Get-OktaAccessToken -ClientId $BearerApp.ClientId -KeyVaultKeyId $RsaKid -Scope okta.users.read -Force
                    & $quietly @{ role = 'CryptoUser' }
                }
                & $actions *>&1 | ForEach-Object { $captured.Add($_) }
            }
            finally {
                $VerbosePreference = $saved.Verbose
                $DebugPreference = $saved.Debug
                $InformationPreference = $saved.Information
                $ErrorActionPreference = $saved.Error
                Set-TestVaultConfig $Vault @{ role = 'CryptoUser' }
                $null = Connect-TestEmulator $Emulator
            }

            $secrets = @(Get-TestVaultTokens $Vault) + $Vault.IdentityHeader
            $secrets.Count | Should -BeGreaterThan 2 -Because 'tokens were issued, so the search can fail'
            $errors = @($captured | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $ids = @($errors | ForEach-Object { Get-ErrorId $_ })
            $ids | Should -Contain 'OktaKeyVaultUnauthorized'
            $ids | Should -Contain 'OktaKeyVaultForbidden'
            @($captured | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
            foreach ($record in $captured) {
                $texts = @("$record")
                if ($record -is [System.Management.Automation.ErrorRecord]) {
                    $texts += @($record.Exception.ToString(), $record.ErrorDetails.Message, "$($record.TargetObject)")
                }

                foreach ($text in $texts) {
                    Find-AuthSecret -Text $text -Secret $secrets | Should -BeNullOrEmpty -Because "a $($record.GetType().Name) must not show a secret"
                }
            }
        }
    }
}
