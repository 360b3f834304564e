BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-TestModule
    $script:Work = New-TestTempDirectory
    $script:OpenSsl = Get-AuthOpenSsl

    $script:Rsa = New-OktaJwks
    $script:Ec = New-OktaJwks -Algorithm ES256
    $script:RsaPem = Join-Path $Work 'rsa.pem'
    $script:EcPem = Join-Path $Work 'ec.pem'
    $script:RsaJwk = Join-Path $Work 'rsa.jwk'
    $script:EcJwk = Join-Path $Work 'ec.jwk'
    $Rsa | Export-OktaPrivateKey -Path $RsaPem
    $Ec | Export-OktaPrivateKey -Path $EcPem
    $Rsa | Export-OktaPrivateKey -Path $RsaJwk -Format Jwk
    $Ec | Export-OktaPrivateKey -Path $EcJwk -Format Jwk

    function script:New-KeyPath([string] $Extension = 'pem') { Join-Path $Work ("file-" + [guid]::NewGuid().ToString('n') + ".$Extension") }

    function script:ConvertTo-Base64Url([byte[]] $Bytes) { [Convert]::ToBase64String($Bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_') }

    # Imports the file, returning the keys and the errors it wrote.
    function script:Invoke-Import {
        param([string] $Path, $Password)
        $arguments = @{ Path = $Path }
        if ($PSBoundParameters.ContainsKey('Password')) { $arguments.Password = $Password }
        $failures = $null
        $keys = @(Import-OktaPrivateKey @arguments -ErrorVariable failures -ErrorAction SilentlyContinue)
        [pscustomobject]@{ Keys = $keys; Errors = @($failures) }
    }
}

AfterAll {
    if ($script:Work) { Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Import-OktaPrivateKey' {
    Context 'round trips' {
        It 'reads back an exported <Name> <Format> file as the same key' -TestCases @(
            @{ Name = 'RSA'; Format = 'PEM' }
            @{ Name = 'RSA'; Format = 'JWK' }
            @{ Name = 'EC'; Format = 'PEM' }
            @{ Name = 'EC'; Format = 'JWK' }
        ) {
            $original = if ($Name -eq 'RSA') { $Rsa } else { $Ec }
            $path = switch ("$Name$Format") { 'RSAPEM' { $RsaPem } 'RSAJWK' { $RsaJwk } 'ECPEM' { $EcPem } 'ECJWK' { $EcJwk } }
            $key = Import-OktaPrivateKey -Path $path
            $key.HasPrivateKey | Should -BeTrue
            $key.Thumbprint | Should -BeExactly $original.Thumbprint
            $key.KeyType | Should -BeExactly $original.KeyType
            $key.Algorithm | Should -BeExactly $original.Algorithm
            $key.KeyId | Should -BeExactly $original.KeyId
        }

        It 'the imported key signs like the original: it exports to the same private JWK' {
            $path = New-KeyPath 'jwk'
            Import-OktaPrivateKey -Path $RsaPem | Export-OktaPrivateKey -Path $path -Format Jwk
            $a = Get-Content -LiteralPath $RsaJwk -Raw | ConvertFrom-Json
            $b = Get-Content -LiteralPath $path -Raw | ConvertFrom-Json
            foreach ($member in 'n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi') { $b.$member | Should -BeExactly $a.$member }
        }

        It 'uses -KeyId as the kid' {
            (Import-OktaPrivateKey -Path $EcPem -KeyId 'rotated-1').KeyId | Should -BeExactly 'rotated-1'
        }
    }

    Context 'PEM flavours made by other tools' {
        It 'reads a PKCS#1 "RSA PRIVATE KEY" PEM as the same RSA key' {
            $path = New-KeyPath
            if ($OpenSsl) {
                $null = & $OpenSsl genrsa -traditional -out $path 2048 2>&1
                $LASTEXITCODE | Should -Be 0
                $modulusHex = ((& $OpenSsl rsa -in $path -noout -modulus 2>$null) -replace '^Modulus=', '').Trim()
                $modulus = [Convert]::FromHexString($modulusHex)
            } else {
                $netRsa = [System.Security.Cryptography.RSA]::Create(2048)
                Set-Content -LiteralPath $path -Value $netRsa.ExportRSAPrivateKeyPem()
                $modulus = $netRsa.ExportParameters($false).Modulus
            }
            (Get-Content -LiteralPath $path -TotalCount 1) | Should -BeExactly '-----BEGIN RSA PRIVATE KEY-----'
            $key = Import-OktaPrivateKey -Path $path
            $key.KeyType | Should -BeExactly 'RSA'
            $key.KeySize | Should -Be 2048
            $key.HasPrivateKey | Should -BeTrue
            $key.Keys[0].n | Should -BeExactly (ConvertTo-Base64Url $modulus)
        }

        It 'reads a SEC1 "EC PRIVATE KEY" PEM (prime256v1) as the same P-256 key' {
            $path = New-KeyPath
            if ($OpenSsl) {
                $null = & $OpenSsl ecparam -name prime256v1 -genkey -noout -out $path 2>&1
                $LASTEXITCODE | Should -Be 0
                # The public point from openssl: 04 || x || y.
                $text = (& $OpenSsl ec -in $path -noout -text 2>$null) -join "`n"
                $hex = ([regex]::Match($text, 'pub:\s*([0-9a-f:\s]+?)\s*ASN1 OID')).Groups[1].Value -replace '[:\s]', ''
                $point = [Convert]::FromHexString($hex)
                $x = $point[1..32]; $y = $point[33..64]
            } else {
                $ecdsa = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP256)
                Set-Content -LiteralPath $path -Value $ecdsa.ExportECPrivateKeyPem()
                $parameters = $ecdsa.ExportParameters($false)
                $x = $parameters.Q.X; $y = $parameters.Q.Y
            }
            (Get-Content -LiteralPath $path -TotalCount 1) | Should -BeExactly '-----BEGIN EC PRIVATE KEY-----'
            $key = Import-OktaPrivateKey -Path $path
            $key.KeyType | Should -BeExactly 'EC'
            $key.Curve | Should -BeExactly 'P-256'
            $key.Algorithm | Should -BeExactly 'ES256'
            $key.HasPrivateKey | Should -BeTrue
            $key.Keys[0].x | Should -BeExactly (ConvertTo-Base64Url ([byte[]]$x))
            $key.Keys[0].y | Should -BeExactly (ConvertTo-Base64Url ([byte[]]$y))
        }
    }

    Context 'encrypted PKCS#8' {
        BeforeAll {
            $script:Encrypted = New-KeyPath
            if ($OpenSsl) {
                $null = & $OpenSsl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:x -in $RsaPem -out $Encrypted 2>&1
            } else {
                $netRsa = [System.Security.Cryptography.RSA]::Create()
                $netRsa.ImportFromPem((Get-Content -LiteralPath $RsaPem -Raw))
                $pbe = [System.Security.Cryptography.PbeParameters]::new('Aes256Cbc', 'SHA256', 2048)
                Set-Content -LiteralPath $Encrypted -Value $netRsa.ExportEncryptedPkcs8PrivateKeyPem('x', $pbe)
            }
        }

        It 'the test file is an ENCRYPTED PRIVATE KEY PEM' {
            (Get-Content -LiteralPath $Encrypted -TotalCount 1) | Should -BeExactly '-----BEGIN ENCRYPTED PRIVATE KEY-----'
        }

        It 'refuses it without -Password with OktaEncryptedKey' {
            $result = Invoke-Import -Path $Encrypted
            $result.Keys.Count | Should -Be 0
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'OktaEncryptedKey,*'
        }

        It 'reads it with -Password x as the original key' {
            $key = Import-OktaPrivateKey -Path $Encrypted -Password 'x'
            $key.HasPrivateKey | Should -BeTrue
            $key.Thumbprint | Should -BeExactly $Rsa.Thumbprint
        }

        It 'refuses a wrong -Password with OktaWrongPassword' {
            $result = Invoke-Import -Path $Encrypted -Password 'not-the-password'
            $result.Keys.Count | Should -Be 0
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'OktaWrongPassword,*'
        }

        It 'takes the password as a SecureString too' {
            $key = Import-OktaPrivateKey -Path $Encrypted -Password (ConvertTo-SecureString 'x' -AsPlainText -Force)
            $key.Thumbprint | Should -BeExactly $Rsa.Thumbprint
        }
    }

    Context 'legacy encrypted PEM (Proc-Type: 4,ENCRYPTED)' {
        BeforeAll {
            # openssl genrsa -aes256 writes legacy encryption up to OpenSSL 1.1 and encrypted PKCS#8 from OpenSSL 3, where
            # -traditional brings the legacy form back (1.1 has no such option). Both must import with -Password.
            function script:New-OpenSslRsa {
                param([string] $Path, [string[]] $Options)
                $null = & $OpenSsl genrsa @Options -passout pass:legacy-pass -out $Path 2048 2>&1
                $LASTEXITCODE
            }
            if ($OpenSsl) {
                $script:GenrsaDefault = New-KeyPath
                $null = New-OpenSslRsa -Path $GenrsaDefault -Options @('-aes256')
                $script:Legacy = New-KeyPath
                if ((Get-Content -LiteralPath $GenrsaDefault -TotalCount 1) -eq '-----BEGIN RSA PRIVATE KEY-----') {
                    Copy-Item -LiteralPath $GenrsaDefault -Destination $Legacy
                } else {
                    $null = New-OpenSslRsa -Path $Legacy -Options @('-traditional', '-aes256')
                }
                # openssl's own decryption of the same file is what the import must match.
                $script:LegacyPlain = New-KeyPath
                $null = & $OpenSsl rsa -in $Legacy -passin pass:legacy-pass -out $LegacyPlain 2>&1
                $script:Camellia = New-KeyPath
                $null = & $OpenSsl rsa -in $LegacyPlain -traditional -camellia256 -passout pass:legacy-pass -out $Camellia 2>&1
                if ($LASTEXITCODE -ne 0) { $null = & $OpenSsl rsa -in $LegacyPlain -camellia256 -passout pass:legacy-pass -out $Camellia 2>&1 }
            }
        }

        It 'the openssl genrsa -aes256 -traditional file is legacy encrypted with AES-256-CBC' {
            if (-not $OpenSsl) { Set-ItResult -Skipped -Because 'openssl is not installed on this machine'; return }
            $lines = @(Get-Content -LiteralPath $Legacy -TotalCount 3)
            $lines[0] | Should -BeExactly '-----BEGIN RSA PRIVATE KEY-----'
            $lines[1] | Should -BeExactly 'Proc-Type: 4,ENCRYPTED'
            $lines[2] | Should -BeLike 'DEK-Info: AES-256-CBC,*'
        }

        It 'reads it with -Password as the key openssl decrypts from it' {
            if (-not $OpenSsl) { Set-ItResult -Skipped -Because 'openssl is not installed on this machine'; return }
            $expected = Import-OktaPrivateKey -Path $LegacyPlain
            $key = Import-OktaPrivateKey -Path $Legacy -Password (ConvertTo-SecureString 'legacy-pass' -AsPlainText -Force)
            $key.HasPrivateKey | Should -BeTrue
            $key.KeySize | Should -Be 2048
            $key.Thumbprint | Should -BeExactly $expected.Thumbprint
        }

        It 'reads what plain openssl genrsa -aes256 writes on this machine, with -Password' {
            if (-not $OpenSsl) { Set-ItResult -Skipped -Because 'openssl is not installed on this machine'; return }
            $plain = New-KeyPath
            $null = & $OpenSsl rsa -in $GenrsaDefault -passin pass:legacy-pass -out $plain 2>&1
            $key = Import-OktaPrivateKey -Path $GenrsaDefault -Password 'legacy-pass'
            $key.Thumbprint | Should -BeExactly (Import-OktaPrivateKey -Path $plain).Thumbprint
        }

        It 'refuses it without -Password with OktaEncryptedKey' {
            if (-not $OpenSsl) { Set-ItResult -Skipped -Because 'openssl is not installed on this machine'; return }
            $result = Invoke-Import -Path $Legacy
            $result.Keys.Count | Should -Be 0
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'OktaEncryptedKey,*'
        }

        It 'refuses a wrong -Password with OktaWrongPassword, and the error does not echo it' {
            if (-not $OpenSsl) { Set-ItResult -Skipped -Because 'openssl is not installed on this machine'; return }
            $result = Invoke-Import -Path $Legacy -Password 'legacy-pas'
            $result.Keys.Count | Should -Be 0
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'OktaWrongPassword,*'
            ($result.Errors[0] | Out-String) | Should -Not -Match 'legacy-pas'
        }

        It 'refuses a cipher it cannot undo (CAMELLIA-256-CBC) with OktaUnsupportedCipher' {
            if (-not $OpenSsl) { Set-ItResult -Skipped -Because 'openssl is not installed on this machine'; return }
            (Get-Content -LiteralPath $Camellia -TotalCount 3)[2] | Should -BeLike 'DEK-Info: CAMELLIA-256-CBC,*'
            $result = Invoke-Import -Path $Camellia -Password 'legacy-pass'
            $result.Keys.Count | Should -Be 0
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'OktaUnsupportedCipher,*'
        }
    }

    Context 'what it refuses' {
        It 'a missing file: OktaFileNotFound, with the path as TargetObject' {
            $path = Join-Path $Work 'missing.pem'
            $result = Invoke-Import -Path $path
            $result.Keys.Count | Should -Be 0
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'OktaFileNotFound,*'
            $result.Errors[0].TargetObject | Should -Be $path
        }

        It 'a directory: OktaPathIsDirectory' {
            $result = Invoke-Import -Path $Work
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'OktaPathIsDirectory,*'
        }

        It 'a public key PEM: OktaPublicKeyOnly' {
            $path = New-KeyPath
            if ($OpenSsl) {
                $null = & $OpenSsl pkey -in $EcPem -pubout -out $path 2>&1
            } else {
                $ecdsa = [System.Security.Cryptography.ECDsa]::Create()
                $ecdsa.ImportFromPem((Get-Content -LiteralPath $EcPem -Raw))
                Set-Content -LiteralPath $path -Value $ecdsa.ExportSubjectPublicKeyInfoPem()
            }
            (Get-Content -LiteralPath $path -TotalCount 1) | Should -BeExactly '-----BEGIN PUBLIC KEY-----'
            $result = Invoke-Import -Path $path
            $result.Keys.Count | Should -Be 0
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'OktaPublicKeyOnly,*'
        }

        It 'a PEM whose body is not base64: OktaMalformedPem' {
            $path = New-KeyPath
            Set-Content -LiteralPath $path -Value "-----BEGIN PRIVATE KEY-----`n!!this*is*not*base64!!`n-----END PRIVATE KEY-----"
            $result = Invoke-Import -Path $path
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'OktaMalformedPem,*'
        }

        It 'a JWK without d: OktaPublicKeyOnly' {
            $jwk = Get-Content -LiteralPath $RsaJwk -Raw | ConvertFrom-Json
            foreach ($member in 'd', 'p', 'q', 'dp', 'dq', 'qi') { $jwk.PSObject.Properties.Remove($member) }
            $path = New-KeyPath 'jwk'
            Set-Content -LiteralPath $path -Value ($jwk | ConvertTo-Json)
            $result = Invoke-Import -Path $path
            $result.Keys.Count | Should -Be 0
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'OktaPublicKeyOnly,*'
        }

        It 'an RSA JWK with d but without its CRT members: OktaMissingPrivateMember' {
            $jwk = Get-Content -LiteralPath $RsaJwk -Raw | ConvertFrom-Json
            foreach ($member in 'p', 'q', 'dp', 'dq', 'qi') { $jwk.PSObject.Properties.Remove($member) }
            $path = New-KeyPath 'jwk'
            Set-Content -LiteralPath $path -Value ($jwk | ConvertTo-Json)
            $result = Invoke-Import -Path $path
            $result.Keys.Count | Should -Be 0
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'OktaMissingPrivateMember,*'
        }

        It 'random text: OktaUnknownFormat' {
            $path = New-KeyPath 'txt'
            Set-Content -LiteralPath $path -Value 'this is a shopping list, not a key'
            $result = Invoke-Import -Path $path
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'OktaUnknownFormat,*'
        }
    }

    Context 'pipeline' {
        It 'reads piped paths: one bad file among three gives one error and two keys, in order' {
            $bad = New-KeyPath 'txt'
            Set-Content -LiteralPath $bad -Value 'not a key'
            $failures = $null
            $keys = @($RsaPem, $bad, $EcJwk | Import-OktaPrivateKey -ErrorVariable failures -ErrorAction SilentlyContinue)
            $keys.Count | Should -Be 2
            $keys[0].Thumbprint | Should -BeExactly $Rsa.Thumbprint
            $keys[1].Thumbprint | Should -BeExactly $Ec.Thumbprint
            @($failures).Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OktaUnknownFormat,*'
            $failures[0].TargetObject | Should -Be $bad
        }

        It 'binds files from Get-ChildItem' {
            $folder = Join-Path $Work 'from-gci'
            $null = New-Item -ItemType Directory -Path $folder
            Copy-Item -LiteralPath $EcPem -Destination (Join-Path $folder 'a.pem')
            $keys = @(Get-ChildItem -LiteralPath $folder -Filter *.pem | Import-OktaPrivateKey)
            $keys.Count | Should -Be 1
            $keys[0].Thumbprint | Should -BeExactly $Ec.Thumbprint
        }
    }
}
