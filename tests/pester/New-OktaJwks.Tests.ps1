BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-TestModule
    $script:Work = New-TestTempDirectory
    $script:PrivateMembers = 'd', 'p', 'q', 'dp', 'dq', 'qi'

    # RFC 7638: SHA-256 over the required public members, in lexicographic order, without white space; base64url.
    function script:Get-ExpectedThumbprint($Jwk) {
        $json = if ($Jwk.kty -eq 'RSA') {
            '{"e":"' + $Jwk.e + '","kty":"RSA","n":"' + $Jwk.n + '"}'
        } else {
            '{"crv":"' + $Jwk.crv + '","kty":"EC","x":"' + $Jwk.x + '","y":"' + $Jwk.y + '"}'
        }
        $hash = [System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes($json))
        [Convert]::ToBase64String($hash).TrimEnd('=').Replace('+', '-').Replace('/', '_')
    }

    function script:Get-Base64UrlLength([string] $Text) {
        $s = $Text.Replace('-', '+').Replace('_', '/')
        switch ($s.Length % 4) { 2 { $s += '==' } 3 { $s += '=' } }
        [Convert]::FromBase64String($s).Length
    }
}

AfterAll {
    if ($script:Work) { Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'New-OktaJwks' {
    BeforeAll {
        $script:Default = New-OktaJwks
    }

    Context 'the default key' {
        It 'is an RS256, 2048-bit RSA key pair held in this session' {
            $Default.Algorithm | Should -BeExactly 'RS256'
            $Default.KeyType | Should -BeExactly 'RSA'
            $Default.KeySize | Should -Be 2048
            $Default.Curve | Should -BeNullOrEmpty
            $Default.HasPrivateKey | Should -BeTrue
        }

        It 'uses the RFC 7638 thumbprint as its kid' {
            $Default.Thumbprint | Should -BeExactly (Get-ExpectedThumbprint $Default.Keys[0])
            $Default.KeyId | Should -BeExactly $Default.Thumbprint
            $Default.Keys[0].kid | Should -BeExactly $Default.KeyId
        }

        It 'holds one public JWK with kty, kid, alg, use=sig, n and e' {
            @($Default.Keys).Count | Should -Be 1
            $jwk = $Default.Keys[0]
            $jwk.kty | Should -BeExactly 'RSA'
            $jwk.alg | Should -BeExactly 'RS256'
            $jwk.use | Should -BeExactly 'sig'
            $jwk.e | Should -BeExactly 'AQAB'
            Get-Base64UrlLength $jwk.n | Should -Be 256
        }

        It 'has no private member (d, p, q, dp, dq, qi) in its JWK' {
            $names = $Default.Keys[0].PSObject.Properties.Name
            foreach ($member in $PrivateMembers) { $names | Should -Not -Contain $member }
            $json = $Default.Keys[0] | ConvertTo-Json | ConvertFrom-Json
            foreach ($member in $PrivateMembers) { $json.PSObject.Properties.Name | Should -Not -Contain $member }
        }
    }

    Context 'elliptic curves' {
        It '<Algorithm> makes an EC key on <Curve> with x and y of <Bytes> bytes' -TestCases @(
            @{ Algorithm = 'ES256'; Curve = 'P-256'; Bytes = 32 }
            @{ Algorithm = 'ES384'; Curve = 'P-384'; Bytes = 48 }
            @{ Algorithm = 'ES512'; Curve = 'P-521'; Bytes = 66 }
        ) {
            $jwks = New-OktaJwks -Algorithm $Algorithm
            $jwks.Algorithm | Should -BeExactly $Algorithm
            $jwks.KeyType | Should -BeExactly 'EC'
            $jwks.Curve | Should -BeExactly $Curve
            $jwks.KeySize | Should -BeNullOrEmpty
            $jwk = $jwks.Keys[0]
            $jwk.kty | Should -BeExactly 'EC'
            $jwk.crv | Should -BeExactly $Curve
            $jwk.alg | Should -BeExactly $Algorithm
            $jwk.use | Should -BeExactly 'sig'
            Get-Base64UrlLength $jwk.x | Should -Be $Bytes
            Get-Base64UrlLength $jwk.y | Should -Be $Bytes
            $jwk.n | Should -BeNullOrEmpty
            $jwks.KeyId | Should -BeExactly (Get-ExpectedThumbprint $jwk)
        }
    }

    Context 'RSA sizes and algorithms' {
        # RSA generation is slow on a busy machine, so each key checks a size and an algorithm at once.
        It 'makes a <Size>-bit <Algorithm> RSA key with -KeySize <Size> -Algorithm <Algorithm>' -TestCases @(
            @{ Size = 3072; Algorithm = 'RS384' }
            @{ Size = 4096; Algorithm = 'RS512' }
        ) {
            $jwks = New-OktaJwks -Algorithm $Algorithm -KeySize $Size
            $jwks.KeySize | Should -Be $Size
            $jwks.Algorithm | Should -BeExactly $Algorithm
            $jwks.KeyType | Should -BeExactly 'RSA'
            $jwks.Keys[0].alg | Should -BeExactly $Algorithm
            $jwks.Keys[0].kty | Should -BeExactly 'RSA'
            Get-Base64UrlLength $jwks.Keys[0].n | Should -Be ($Size / 8)
            $jwks.KeyId | Should -BeExactly (Get-ExpectedThumbprint $jwks.Keys[0])
        }

        It 'uses -KeyId as the kid, keeping the thumbprint as Thumbprint' {
            $jwks = New-OktaJwks -Algorithm ES256 -KeyId 'ci-key-2024'
            $jwks.KeyId | Should -BeExactly 'ci-key-2024'
            $jwks.Keys[0].kid | Should -BeExactly 'ci-key-2024'
            $jwks.Thumbprint | Should -BeExactly (Get-ExpectedThumbprint $jwks.Keys[0])
        }
    }

    Context 'what it refuses' {
        It 'refuses -KeySize 1024 with OktaKeySizeTooSmall and outputs nothing' {
            $captured = [System.Collections.Generic.List[object]]::new()
            $err = { New-OktaJwks -KeySize 1024 | ForEach-Object { $captured.Add($_) } } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'OktaKeySizeTooSmall,*'
            $captured.Count | Should -Be 0
        }

        It 'refuses -KeySize with ES256 with OktaKeySizeWithEllipticCurve' {
            $err = { New-OktaJwks -Algorithm ES256 -KeySize 2048 } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'OktaKeySizeWithEllipticCurve,*'
        }

        It 'refuses -Algorithm HS256 at parameter binding' {
            $err = { New-OktaJwks -Algorithm HS256 } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        }
    }

    Context 'the private key stays private' {
        BeforeAll {
            $script:Keys = @{}
            foreach ($case in @(@{ Name = 'RSA'; Jwks = $Default }, @{ Name = 'EC'; Jwks = New-OktaJwks -Algorithm ES384 })) {
                $jwks = $case.Jwks
                $path = Join-Path $Work "private-$($case.Name).jwk"
                $jwks | Export-OktaPrivateKey -Path $path -Format Jwk
                $script:Keys[$case.Name] = @{ Jwks = $jwks; Secrets = Get-AuthKeySecret -JwkPath $path }
            }
        }

        It 'the exported <Name> JWK holds its private members (so the checks below can fail)' -TestCases @(
            @{ Name = 'RSA'; Count = 6 }
            @{ Name = 'EC'; Count = 1 }
        ) {
            @($Keys[$Name].Secrets).Count | Should -Be $Count
        }

        It 'no view of the <Name> key shows private material' -TestCases @(
            @{ Name = 'RSA' }
            @{ Name = 'EC' }
        ) {
            $jwks = $Keys[$Name].Jwks
            $views = [ordered]@{
                'ConvertTo-Json -Depth 5' = $jwks | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue
                'ToString()'              = $jwks.ToString()
                'ToJson()'                = $jwks.ToJson()
                'Format-Table'            = $jwks | Format-Table * | Out-String -Width 4000
                'Format-List'             = $jwks | Format-List * | Out-String -Width 4000
                'Out-String'              = $jwks | Out-String -Width 4000
                'Keys as JSON'            = $jwks.Keys | ConvertTo-Json -Depth 5
                'Select-Object *'         = $jwks | Select-Object * | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue
            }
            foreach ($view in $views.GetEnumerator()) {
                Find-AuthSecret -Text $view.Value -Secret $Keys[$Name].Secrets | Should -BeNullOrEmpty -Because "$($view.Key) must not reveal the private key"
            }
        }
    }

    Context 'ToJson()' {
        It 'is a valid public JWKS document {"keys":[...]}' {
            $jwks = New-OktaJwks -Algorithm ES256
            # Without -AsHashtable, which Windows PowerShell 5.1 lacks.
            $document = $jwks.ToJson() | ConvertFrom-Json
            @($document.PSObject.Properties.Name) | Should -Be @('keys')
            $keys = @($document.keys)
            $keys.Count | Should -Be 1
            $key = $keys[0]
            $key.kid | Should -BeExactly $jwks.KeyId
            $key.kty | Should -BeExactly 'EC'
            $key.crv | Should -BeExactly 'P-256'
            $key.x | Should -BeExactly $jwks.Keys[0].x
            $key.y | Should -BeExactly $jwks.Keys[0].y
            foreach ($member in $PrivateMembers) { @($key.PSObject.Properties.Name) | Should -Not -Contain $member }
        }
    }
}
