BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite -Work

    $script:TokenRoute = 'POST /oauth2/v1/token'
    $script:OnWindows = [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT
    $script:Stored = [System.Collections.Generic.List[System.Security.Cryptography.X509Certificates.X509Certificate2]]::new()

    # A self-signed RSA certificate with its key, made in memory. The PFX round trip turns CreateSelfSigned's ephemeral key
    # into one that the Windows store can keep; on Windows the key goes to CNG, as a real certificate's would.
    function script:New-TestCertificate {
        $rsa = if ($OnWindows) { [System.Security.Cryptography.RSACng]::new(2048) } else { [System.Security.Cryptography.RSA]::Create(2048) }
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new(
            "CN=okta-pester-$([guid]::NewGuid().ToString('n').Substring(0, 12))", $rsa,
            [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $made = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(30))
        $flags = [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]'Exportable, UserKeySet, PersistKeySet'
        [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($made.Export('Pfx'), [string]$null, $flags)
        $made.Dispose()
        $rsa.Dispose()
    }

    function script:Add-TestCertificateToStore($Certificate) {
        $store = [System.Security.Cryptography.X509Certificates.X509Store]::new('My', 'CurrentUser')
        try { $store.Open('ReadWrite'); $store.Add($Certificate) } finally { $store.Dispose() }
        $Stored.Add($Certificate)
    }

    # Token requests the emulator answered with 4xx or 5xx since $Since (an index into its recent requests).
    function script:Get-FailedTokenRequests([int] $Since) {
        @(@((Get-EmulatorStats $Emulator).recentRequests) | Select-Object -Skip $Since |
                Where-Object { $_.route -eq $TokenRoute -and $_.status -ge 400 })
    }

    function script:Get-RecentCount { @((Get-EmulatorStats $Emulator).recentRequests).Count }

    $script:Certificate = New-TestCertificate
    $script:StoreCertificate = New-TestCertificate
    Add-TestCertificateToStore $StoreCertificate
}

AfterAll {
    $store = [System.Security.Cryptography.X509Certificates.X509Store]::new('My', 'CurrentUser')
    try {
        $store.Open('ReadWrite')
        foreach ($certificate in $Stored) { $store.Remove($certificate) }
    }
    finally { $store.Dispose() }
    Complete-TestSuite
}

Describe 'Keys that stay in their store' {
    Context 'a certificate object (<Kind> app)' -ForEach @(
        @{ Kind = 'Bearer'; Dpop = $false }
        @{ Kind = 'DPoP'; Dpop = $true }
    ) {
        It 'registers its public key, gets a token and calls Invoke-OktaApi with -Certificate' {
            $app = New-OktaJwks -Certificate $Certificate | New-OktaServiceApp -Name "cert-$Kind" -RequireDpop:$Dpop |
                Grant-OktaScope okta.users.read -PassThru
            $app.Jwks.CertificateThumbprint | Should -BeExactly $Certificate.Thumbprint
            $app.Jwks.CanExportPrivateKey | Should -BeFalse

            $token = Get-OktaAccessToken -ClientId $app.ClientId -Certificate $Certificate -Scope okta.users.read
            $token.TokenType | Should -BeExactly $Kind

            $null = Connect-Okta -OrgUrl $Emulator.OrgUrl -ClientId $app.ClientId -Certificate $Certificate -Scope okta.users.read
            try {
                $users = @(Invoke-OktaApi /api/v1/users)
                $users.Count | Should -Be @(Invoke-AuthRawApi $Emulator '/api/v1/users').Count
                $users.Count | Should -BeGreaterThan 0
            }
            finally { $null = Connect-TestEmulator $Emulator }
        }
    }

    Context 'a thumbprint in CurrentUser\My (<Kind> app)' -ForEach @(
        @{ Kind = 'Bearer'; Dpop = $false }
        @{ Kind = 'DPoP'; Dpop = $true }
    ) {
        It 'gets a token and calls Invoke-OktaApi with -CertificateThumbprint' {
            $thumbprint = $StoreCertificate.Thumbprint
            $app = New-OktaJwks -CertificateThumbprint $thumbprint | New-OktaServiceApp -Name "store-$Kind" -RequireDpop:$Dpop |
                Grant-OktaScope okta.users.read -PassThru

            $token = Get-OktaAccessToken -ClientId $app.ClientId -CertificateThumbprint $thumbprint -CertificateStoreLocation CurrentUser -Scope okta.users.read
            $token.TokenType | Should -BeExactly $Kind

            $null = Connect-Okta -OrgUrl $Emulator.OrgUrl -ClientId $app.ClientId -CertificateThumbprint $thumbprint -Scope okta.users.read
            try {
                @(Invoke-OktaApi /api/v1/users).Count | Should -Be @(Invoke-AuthRawApi $Emulator '/api/v1/users').Count
            }
            finally { $null = Connect-TestEmulator $Emulator }
        }
    }

    Context 'OKTA_CLIENT_CERTIFICATETHUMBPRINT, without Connect-Okta' {
        BeforeAll {
            $script:EnvApp = New-OktaJwks -CertificateThumbprint $StoreCertificate.Thumbprint | New-OktaServiceApp -Name 'store-env' |
                Grant-OktaScope okta.users.read -PassThru
        }

        BeforeEach {
            Disconnect-Okta
            Clear-TestOktaVariables
        }

        AfterEach {
            Clear-TestOktaVariables
            $null = Connect-TestEmulator $Emulator
        }

        It 'a runbook configured by environment variables alone gets a token and calls Invoke-OktaApi' {
            $env:OKTA_CLIENT_ORGURL = $Emulator.OrgUrl
            $env:OKTA_CLIENT_CLIENTID = $EnvApp.ClientId
            $env:OKTA_CLIENT_SCOPES = 'okta.users.read'
            $env:OKTA_CLIENT_CERTIFICATETHUMBPRINT = $StoreCertificate.Thumbprint.ToLowerInvariant()
            $env:OKTA_CLIENT_CERTIFICATESTORELOCATION = 'CurrentUser'

            (Get-OktaAccessToken -Scope okta.users.read -Force).TokenType | Should -BeExactly 'Bearer'
            @(Invoke-OktaApi /api/v1/users).Count | Should -Be @(Invoke-AuthRawApi $Emulator '/api/v1/users').Count
        }

        It 'a thumbprint that is not in the store fails with OktaCertificateNotFound' {
            $env:OKTA_CLIENT_ORGURL = $Emulator.OrgUrl
            $env:OKTA_CLIENT_CLIENTID = $EnvApp.ClientId
            $env:OKTA_CLIENT_CERTIFICATETHUMBPRINT = '0' * 40
            $failures = $null
            $out = Get-OktaAccessToken -Scope okta.users.read -ErrorVariable failures -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OktaCertificateNotFound,*'
        }
    }

    Context 'PEM text in a SecureString (<Kind> app)' -ForEach @(
        @{ Kind = 'Bearer'; Dpop = $false }
        @{ Kind = 'DPoP'; Dpop = $true }
    ) {
        It 'gets a token and calls Invoke-OktaApi with -PrivateKey, and no stream shows the key' {
            $file = Join-Path $Work "secure-$Kind.pem"
            $jwks = New-OktaJwks | Export-OktaPrivateKey -Path $file -PassThru
            $pem = Get-Content -Raw -LiteralPath $file
            $secret = ConvertTo-SecureString $pem -AsPlainText -Force
            Remove-Item -LiteralPath $file
            $app = $jwks | New-OktaServiceApp -Name "secure-$Kind" -RequireDpop:$Dpop | Grant-OktaScope okta.users.read -PassThru

            $all = & {
                Get-OktaAccessToken -ClientId $app.ClientId -PrivateKey $secret -Scope okta.users.read -Verbose
                $null = Connect-Okta -OrgUrl $Emulator.OrgUrl -ClientId $app.ClientId -PrivateKey $secret -Scope okta.users.read -Verbose
                Invoke-OktaApi /api/v1/users -Verbose
            } *>&1
            try {
                @($all | Where-Object { $_ -is [OktaServiceApp.PowerShell.OktaAccessToken] })[0].TokenType | Should -BeExactly $Kind
                @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
                $text = ($all | Out-String) + (@($all | ForEach-Object { "$_" }) -join "`n")
                $text | Should -Not -Match 'PRIVATE KEY'
                $body = ($pem -split "`n" | Where-Object { $_ -notmatch '-----' -and $_.Trim().Length -gt 20 } | Select-Object -First 1).Trim()
                $text.Contains($body) | Should -BeFalse
            }
            finally { $null = Connect-TestEmulator $Emulator }
        }
    }

    Context 'rotation and export' {
        It 'Update-OktaServiceAppKey moves an app from a file key to a certificate with no failed token request' {
            $file = Join-Path $Work 'rotate.pem'
            $rotateTo = New-TestCertificate
            $since = Get-RecentCount
            $app = New-OktaServiceApp -Name 'rotate-to-cert' -PrivateKeyPath $file | Grant-OktaScope okta.users.read -PassThru
            $null = Get-OktaAccessToken -ClientId $app.ClientId -PrivateKeyPath $file -Scope okta.users.read
            $rotated = Update-OktaServiceAppKey -ClientId $app.ClientId -Certificate $rotateTo -Scope okta.users.read -Confirm:$false
            $token = Get-OktaAccessToken -ClientId $app.ClientId -Certificate $rotateTo -Scope okta.users.read -Force

            $token.TokenType | Should -BeExactly 'Bearer'
            $rotated.CertificateThumbprint | Should -BeExactly $rotateTo.Thumbprint
            @(Get-FailedTokenRequests -Since $since) | Should -BeNullOrEmpty
            $keys = @(Get-OktaServiceAppKey -ClientId $app.ClientId)
            @($keys | Where-Object Status -EQ 'ACTIVE').KeyId | Should -BeExactly $rotated.KeyId
        }

        It 'Export-OktaPrivateKey refuses a certificate''s key with OktaKeyNotExportable and writes no file' {
            $file = Join-Path $Work 'never.pem'
            $failures = $null
            New-OktaJwks -Certificate $Certificate | Export-OktaPrivateKey -Path $file -ErrorVariable failures -ErrorAction SilentlyContinue
            @($failures).Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OktaKeyNotExportable,*'
            Test-Path -LiteralPath $file | Should -BeFalse
        }
    }
}
