BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite -Work
    $script:OpenSsl = Get-AuthOpenSsl

    $script:Rsa = New-OktaJwks
    $script:Ec = New-OktaJwks -Algorithm ES256
    # UnixFileMode is .NET 7+: only read where there are Unix modes.
    if (-not (Test-OnWindows)) { $script:OwnerOnly = [System.IO.UnixFileMode]'UserRead, UserWrite' }

    function script:New-KeyPath([string] $Extension = 'pem') { Join-Path $Work ("key-" + [guid]::NewGuid().ToString('n') + ".$Extension") }

    function script:Assert-OwnerOnly([string] $Path) {
        if ((Test-OnWindows)) {
            $rules = @((Get-Acl -LiteralPath $Path).Access)
            $me = [System.Security.Principal.WindowsIdentity]::GetCurrent().User
            $rules | ForEach-Object { $_.IdentityReference.Translate([System.Security.Principal.SecurityIdentifier]) } | Should -Be @($me)
        } else {
            (Get-Item -LiteralPath $Path).UnixFileMode | Should -Be $OwnerOnly
        }
    }
}

AfterAll {
    Complete-TestSuite
}

Describe 'Export-OktaPrivateKey' {
    Context 'PEM (the default)' {
        It 'writes the <Name> key as PKCS#8 PEM, -----BEGIN PRIVATE KEY-----' -TestCases @(
            @{ Name = 'RSA' }
            @{ Name = 'EC' }
        ) {
            $jwks = if ($Name -eq 'RSA') { $Rsa } else { $Ec }
            $path = New-KeyPath
            $out = $jwks | Export-OktaPrivateKey -Path $path
            $out | Should -BeNullOrEmpty -Because 'without -PassThru nothing is output'
            $lines = @(Get-Content -LiteralPath $path | Where-Object { $_ })
            $lines[0] | Should -BeExactly '-----BEGIN PRIVATE KEY-----'
            $lines[-1] | Should -BeExactly '-----END PRIVATE KEY-----'
            (Import-OktaPrivateKey -Path $path).Thumbprint | Should -BeExactly $jwks.Thumbprint
        }

        It 'writes a <Name> PEM that openssl reads (or, without openssl, that re-imports as the same key)' -TestCases @(
            @{ Name = 'RSA' }
            @{ Name = 'EC' }
        ) {
            $jwks = if ($Name -eq 'RSA') { $Rsa } else { $Ec }
            $path = New-KeyPath
            $jwks | Export-OktaPrivateKey -Path $path
            if ($OpenSsl) {
                $null = & $OpenSsl pkey -in $path -noout 2>&1
                $LASTEXITCODE | Should -Be 0 -Because 'openssl pkey must parse the PKCS#8 file'
                $text = (& $OpenSsl pkey -in $path -noout -text 2>&1) -join "`n"
                $text | Should -Match ($(if ($Name -eq 'RSA') { 'Private-Key: \(2048 bit' } else { 'Private-Key: \(256 bit' }))
            }

            $again = Import-OktaPrivateKey -Path $path
            $again.HasPrivateKey | Should -BeTrue
            $again.Thumbprint | Should -BeExactly $jwks.Thumbprint
        }

        It 'creates the file readable by its owner only (mode 600)' {
            $path = New-KeyPath
            $Ec | Export-OktaPrivateKey -Path $path
            Assert-OwnerOnly $path
        }
    }

    Context 'existing files' {
        It 'refuses an existing file without -Force (OktaFileExists) and leaves it alone' {
            $path = New-KeyPath
            Set-Content -LiteralPath $path -Value 'keep me'
            $Ec | Export-OktaPrivateKey -Path $path -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OktaFileExists,*'
            (Get-Content -LiteralPath $path -Raw).Trim() | Should -BeExactly 'keep me'
        }

        It 'replaces an existing file with -Force, owner-only even if it was world-readable' {
            $path = New-KeyPath
            Set-Content -LiteralPath $path -Value 'old content'
            if (-not (Test-OnWindows)) { (Get-Item -LiteralPath $path).UnixFileMode = [System.IO.UnixFileMode]'UserRead, UserWrite, GroupRead, OtherRead' }
            $Ec | Export-OktaPrivateKey -Path $path -Force
            (Import-OktaPrivateKey -Path $path).Thumbprint | Should -BeExactly $Ec.Thumbprint
            Assert-OwnerOnly $path
        }

        It 'refuses a directory as the path (OktaPathIsDirectory)' {
            $Ec | Export-OktaPrivateKey -Path $Work -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OktaPathIsDirectory,*'
        }
    }

    Context 'JWK format' {
        It 'writes a private JWK with kid and the private member d' {
            $path = New-KeyPath 'jwk'
            $Rsa | Export-OktaPrivateKey -Path $path -Format Jwk
            $jwk = Get-Content -LiteralPath $path -Raw | ConvertFrom-Json
            $jwk.kid | Should -BeExactly $Rsa.KeyId
            $jwk.kty | Should -BeExactly 'RSA'
            $jwk.n | Should -BeExactly $Rsa.Keys[0].n
            $jwk.e | Should -BeExactly $Rsa.Keys[0].e
            $jwk.d | Should -Not -BeNullOrEmpty
            foreach ($member in 'p', 'q', 'dp', 'dq', 'qi') { $jwk.$member | Should -Not -BeNullOrEmpty }
            Assert-OwnerOnly $path
            (Import-OktaPrivateKey -Path $path).Thumbprint | Should -BeExactly $Rsa.Thumbprint
        }
    }

    Context 'pipeline' {
        It '-PassThru passes the key pair on' {
            $path = New-KeyPath
            $out = @($Ec | Export-OktaPrivateKey -Path $path -PassThru)
            $out.Count | Should -Be 1
            [object]::ReferenceEquals($out[0], $Ec) | Should -BeTrue
            $path | Should -Exist
        }

        It 'exports the key of an OktaServiceApp made in this session, and passes the app on' {
            $app = New-OktaJwks -Algorithm ES256 | New-OktaServiceApp -Name 'export-app'
            $path = New-KeyPath
            $out = @($app | Export-OktaPrivateKey -Path $path -PassThru)
            $out.Count | Should -Be 1
            $out[0].ClientId | Should -BeExactly $app.ClientId
            $imported = Import-OktaPrivateKey -Path $path
            $imported.Thumbprint | Should -BeExactly $app.Jwks.Thumbprint
            $app.KeyIds | Should -Contain $imported.KeyId
        }

        It '-WhatIf writes no file and outputs nothing' {
            $path = New-KeyPath
            $out = $Ec | Export-OktaPrivateKey -Path $path -PassThru -WhatIf
            $out | Should -BeNullOrEmpty
            $path | Should -Not -Exist
        }

        It 'refuses an app read back with Get-OktaServiceApp (no private key) with OktaNoPrivateKey' {
            $created = New-OktaJwks -Algorithm ES256 | New-OktaServiceApp -Name 'export-readback'
            $app = Get-OktaServiceApp -ClientId $created.ClientId
            $app.ClientId | Should -BeExactly $created.ClientId
            $path = New-KeyPath
            $out = $app | Export-OktaPrivateKey -Path $path -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OktaNoPrivateKey,*'
            $path | Should -Not -Exist
        }
    }
}
