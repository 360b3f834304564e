# A NON-EXPORTABLE CNG key in Cert:\CurrentUser\My signs through -CertificateThumbprint against the emulator. Only Windows has
# such keys, and only tests/pester/Invoke-CngCertificateTests.ps1 (the Windows CI step) makes one and passes its thumbprint in
# OKTASERVICEAPP_TEST_CNG_THUMBPRINT; anywhere else every test here is skipped and says why.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Thumbprint = $env:OKTASERVICEAPP_TEST_CNG_THUMBPRINT
    $script:SkipReason = $null
    if ([System.Environment]::OSVersion.Platform -ne [System.PlatformID]::Win32NT) {
        $script:SkipReason = 'Windows only: a non-exportable CNG key lives in the Windows certificate store, which this OS does not have. ' +
            'The Windows CI job runs this file through tests/pester/Invoke-CngCertificateTests.ps1.'
    }
    elseif (-not $Thumbprint) {
        $script:SkipReason = 'Needs the non-exportable CNG certificate that tests/pester/Invoke-CngCertificateTests.ps1 makes ' +
            '(the Windows CI step runs it); OKTASERVICEAPP_TEST_CNG_THUMBPRINT is not set.'
    }

    if (-not $SkipReason) {
        Initialize-TestSuite -Work
        $script:StoreCertificate = Get-Item -LiteralPath "Cert:\CurrentUser\My\$Thumbprint"
    }
}

AfterAll {
    if (-not $SkipReason) { Complete-TestSuite }
}

Describe 'A non-exportable CNG certificate key (Windows)' {
    It 'is a CNG key whose private part cannot be exported' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $rsa = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::GetRSAPrivateKey($StoreCertificate)
        try {
            $rsa | Should -BeOfType ([System.Security.Cryptography.RSACng])
            $rsa.Key.ExportPolicy | Should -Be ([System.Security.Cryptography.CngExportPolicies]::None)
            { $rsa.ExportParameters($true) } | Should -Throw
        }
        finally { $rsa.Dispose() }
    }

    It 'gets a <Kind> token with -CertificateThumbprint, and Invoke-OktaApi works after Connect-Okta' -TestCases @(
        @{ Kind = 'Bearer'; Dpop = $false }
        @{ Kind = 'DPoP'; Dpop = $true }
    ) {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $app = New-OktaJwks -CertificateThumbprint $Thumbprint | New-OktaServiceApp -Name "cng-$Kind" -RequireDpop:$Dpop |
            Grant-OktaScope okta.users.read -PassThru
        $app.Jwks.CanExportPrivateKey | Should -BeFalse

        $token = Get-OktaAccessToken -ClientId $app.ClientId -CertificateThumbprint $Thumbprint -CertificateStoreLocation CurrentUser -Scope okta.users.read
        $token.TokenType | Should -BeExactly $Kind

        $null = Connect-Okta -OrgUrl $Emulator.OrgUrl -ClientId $app.ClientId -CertificateThumbprint $Thumbprint -Scope okta.users.read
        try {
            $users = @(Invoke-OktaApi /api/v1/users)
            $users.Count | Should -BeGreaterThan 0
            $users.Count | Should -Be @(Invoke-AuthRawApi $Emulator '/api/v1/users').Count
        }
        finally { $null = Connect-TestEmulator $Emulator }
    }

    It 'signs from the certificate object Get-Item Cert:\ returns, too' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $app = New-OktaJwks -Certificate $StoreCertificate | New-OktaServiceApp -Name 'cng-object' | Grant-OktaScope okta.users.read -PassThru
        (Get-OktaAccessToken -ClientId $app.ClientId -Certificate $StoreCertificate -Scope okta.users.read).TokenType | Should -BeExactly 'Bearer'
    }

    It 'is refused by Export-OktaPrivateKey with OktaKeyNotExportable' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $file = Join-Path $Work 'never.pem'
        $failures = $null
        New-OktaJwks -CertificateThumbprint $Thumbprint | Export-OktaPrivateKey -Path $file -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OktaKeyNotExportable,*'
        Test-Path -LiteralPath $file | Should -BeFalse
    }
}
