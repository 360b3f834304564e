# Issue R4: API tokens, private keys, client assertions and access tokens never appear in output, verbose or debug messages,
# errors or transcripts. Every cmdlet that touches a secret runs here, succeeding and failing, with verbose and debug on;
# then every place a secret could leak is searched for every secret collected on the way.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite -Work -NoConnect

    $secrets = [System.Collections.Generic.List[string]]::new()
    $kinds = @{ ApiToken = 0; AccessToken = 0; Assertion = 0; PrivateKey = 0 }
    $outputs = [System.Collections.Generic.List[object]]::new()
    $keyFiles = [System.Collections.Generic.List[string]]::new()
    $org = $Emulator.OrgUrl
    $apiToken = $Emulator.ApiToken
    $wrongToken = 'wrongTokenXf3kQ9pL2mZ8vR4tY7wB1nC6'
    $secrets.Add($apiToken); $secrets.Add($wrongToken); $kinds.ApiToken = 2

    function Add-Secret([string] $Kind, [string[]] $Value) {
        foreach ($v in $Value) {
            # Short fragments (the tail line of a PEM) could match by chance; every real secret here is far longer.
            if ($v -and $v.Length -ge 16) { $secrets.Add($v); $kinds[$Kind]++ }
        }
    }

    function Get-Plain([securestring] $Secure) { [System.Net.NetworkCredential]::new('', $Secure).Password }

    # Everything a user might do with secrets, successful and failing. Outputs go to variables, never to the pipeline,
    # so that redirecting its streams (*>&1) gives only error, verbose, debug, warning and information records.
    $actions = {
        $dir = $Work

        # Connect-Okta, API token: plain string, SecureString, then a wrong token used for a call.
        $outputs.Add((Connect-Okta -OrgUrl $org -ApiToken $wrongToken))
        $null = Invoke-OktaApi /api/v1/users
        $outputs.Add((Connect-Okta -OrgUrl $org -ApiToken (ConvertTo-SecureString $apiToken -AsPlainText -Force)))
        $outputs.Add((Connect-Okta -OrgUrl $org -ApiToken $apiToken))
        $outputs.Add((Get-OktaConnection))
        try { $null = Connect-Okta -OrgUrl 'http://dev-123.okta.com' -ApiToken $apiToken } catch { }

        # Keys: make, export both formats, refuse to overwrite, import good and bad files.
        $jwks = New-OktaJwks
        $outputs.Add($jwks)
        $pem = Join-Path $dir 'key.pem'
        $jwk = Join-Path $dir 'key.jwk'
        $jwks | Export-OktaPrivateKey -Path $pem
        $jwks | Export-OktaPrivateKey -Path $jwk -Format Jwk
        $keyFiles.Add($pem); $keyFiles.Add($jwk)
        Add-Secret PrivateKey (Get-AuthKeySecret -JwkPath $jwk -PemPath $pem)
        $jwks | Export-OktaPrivateKey -Path $pem
        $outputs.Add((Import-OktaPrivateKey -Path $pem))
        $outputs.Add((Import-OktaPrivateKey -Path $jwk))
        $lines = @(Get-Content -LiteralPath $pem)
        $broken = Join-Path $dir 'broken.pem'
        Set-Content -LiteralPath $broken -Value (@($lines[0..10]) + '@@not-base64@@' + $lines[-1])
        $null = Import-OktaPrivateKey -Path $broken
        $publicOnly = Join-Path $dir 'public.jwk'
        $private = Get-Content -LiteralPath $jwk -Raw | ConvertFrom-Json
        foreach ($member in 'd', 'p', 'q', 'dp', 'dq', 'qi') { $private.PSObject.Properties.Remove($member) }
        Set-Content -LiteralPath $publicOnly -Value ($private | ConvertTo-Json)
        $null = Import-OktaPrivateKey -Path $publicOnly
        $null = Import-OktaPrivateKey -Path (Join-Path $dir 'missing.pem')

        # Apps and grants.
        $appKey = Join-Path $dir 'app.pem'
        $app = $jwks | New-OktaServiceApp -Name "hygiene" -PrivateKeyPath $appKey
        $keyFiles.Add($appKey)
        $outputs.Add($app)
        $null = $jwks | New-OktaServiceApp -Name "hygiene-again" -PrivateKeyPath $appKey
        $outputs.Add(($app | Grant-OktaScope okta.users.read))
        $null = Grant-OktaScope -ClientId '0oanosuchclient00000' -Scope okta.users.read
        $dpopKey = Join-Path $dir 'dpop.pem'
        $dpopApp = New-OktaJwks -Algorithm ES256 | New-OktaServiceApp -Name "hygiene-dpop" -RequireDpop -PrivateKeyPath $dpopKey |
            Grant-OktaScope okta.users.read -PassThru
        $keyFiles.Add($dpopKey)
        $outputs.Add($dpopApp)

        # Client assertions: the output is the secret itself, so it is only collected, never printed.
        Add-Secret Assertion ($app | New-OktaClientAssertion)
        Add-Secret Assertion (New-OktaClientAssertion -ClientId $app.ClientId -PrivateKeyPath $appKey)
        $null = $app | New-OktaClientAssertion -Lifetime (New-TimeSpan -Hours 2)

        # Access tokens: the default output (a SecureString inside), and raw strings.
        $token = $app | Get-OktaAccessToken okta.users.read
        $outputs.Add($token)
        Add-Secret AccessToken (Get-Plain $token.Token)
        Add-Secret AccessToken ($app | Get-OktaAccessToken okta.users.read -AsPlainText -Force)
        $dpopToken = $dpopApp | Get-OktaAccessToken okta.users.read -Force
        $outputs.Add($dpopToken)
        Add-Secret AccessToken (Get-Plain $dpopToken.Token)
        $other = New-OktaJwks -Algorithm ES256
        $null = $app | Get-OktaAccessToken okta.users.read -Jwks $other
        $null = Get-OktaAccessToken -ClientId $app.ClientId -Jwks $other -Scope okta.users.read
        $null = $app | Get-OktaAccessToken okta.groups.read
        $null = Get-OktaAccessToken -ClientId $app.ClientId -PrivateKeyPath $broken -Scope okta.users.read

        # Connect-Okta as the app (Bearer and DPoP), calls that work and calls that fail.
        $outputs.Add((Connect-Okta -OrgUrl $org -ClientId $app.ClientId -PrivateKeyPath $appKey -Scope okta.users.read))
        $outputs.Add((Get-OktaConnection))
        $null = Invoke-OktaApi /api/v1/users
        $null = Invoke-OktaApi /api/v1/apps
        $null = Invoke-OktaApi /api/v1/users/00unosuchuser0000000
        $outputs.Add((Connect-Okta -OrgUrl $org -ClientId $dpopApp.ClientId -PrivateKeyPath $dpopKey -Scope okta.users.read))
        $null = Invoke-OktaApi /api/v1/users
        $null = Invoke-OktaApi /api/v1/apps
        try { $null = Connect-Okta -OrgUrl $org -ClientId $app.ClientId -PrivateKeyPath $appKey -Scope okta.groups.read } catch { }
        try { $null = Connect-Okta -OrgUrl $org -ClientId $app.ClientId -PrivateKeyPath $broken -Scope okta.users.read } catch { }
        try { $null = Connect-Okta -OrgUrl $org -ClientId $app.ClientId -Jwks $other -Scope okta.users.read } catch { }
        $null = Connect-Okta -OrgUrl $org -ApiToken $apiToken
    }

    $saved = @{ Verbose = $VerbosePreference; Debug = $DebugPreference; Information = $InformationPreference; ErrorAction = $ErrorActionPreference }
    $script:TranscriptPath = Join-Path $Work 'transcript.txt'
    $Error.Clear()
    $null = Start-Transcript -Path $TranscriptPath
    try {
        $VerbosePreference = 'Continue'
        $DebugPreference = 'Continue'
        $InformationPreference = 'Continue'
        $ErrorActionPreference = 'Continue'
        # Every stream is captured, and also shown on the host, so the transcript records it as a user would see it (errors
        # as the host formats them) along with anything written to the host directly.
        Write-Host 'SecretHygiene: the verbose, debug and error output below is deliberate; it is recorded in a transcript and searched for secrets.'
        $captured = [System.Collections.Generic.List[object]]::new()
        & $actions *>&1 | ForEach-Object { $captured.Add($_); $_ } | Out-Host
        $script:Records = $captured.ToArray()
    } finally {
        $VerbosePreference = $saved.Verbose
        $DebugPreference = $saved.Debug
        $InformationPreference = $saved.Information
        $ErrorActionPreference = $saved.ErrorAction
        $null = Stop-Transcript
    }

    $script:ErrorsSeen = @($Error)
    $script:Secrets = $secrets.ToArray()
    $script:SecretKinds = $kinds
    $script:Outputs = $outputs.ToArray()
    $script:KeyFiles = $keyFiles.ToArray()

    # Host output wraps long lines and may color them: search the text as is, and with white space, '|' and ANSI codes removed.
    function script:Find-Leak([string] $Text) {
        if (-not $Text) { return }
        $flat = ($Text -replace "`e\[[0-9;?]*[A-Za-z]", '') -replace '[\s|]', ''
        @(Find-AuthSecret -Text $Text -Secret $Secrets) + @(Find-AuthSecret -Text $flat -Secret $Secrets) | Sort-Object -Unique
    }
}

AfterAll {
    Complete-TestSuite
}

Describe 'Secret hygiene (R4)' {
    It 'collected every kind of secret it searches for (so the searches can fail)' {
        $SecretKinds.ApiToken | Should -Be 2
        $SecretKinds.AccessToken | Should -Be 3
        $SecretKinds.Assertion | Should -Be 2
        $SecretKinds.PrivateKey | Should -BeGreaterOrEqual 30 -Because 'an RSA key gives 6 JWK members and about 25 PEM lines'
    }

    It 'the forced failures really failed, with their error ids' {
        $ids = @($ErrorsSeen | ForEach-Object { "$($_.FullyQualifiedErrorId)".Split(',')[0] })
        foreach ($id in 'OktaAuthenticationFailed', 'OktaOrgUrlInsecure', 'OktaFileExists', 'OktaPublicKeyOnly', 'OktaFileNotFound',
            'OktaLifetimeInvalid', 'OktaKeyNotRegistered', 'OktaInvalidClient', 'ObjectNotFound') {
            $ids | Should -Contain $id
        }
        ($ids | Where-Object { $_ -in 'OktaInvalidScope', 'OktaConsentRequired' }) | Should -Not -BeNullOrEmpty
        ($ids | Where-Object { $_ -in 'OktaInsufficientScope', 'PermissionDenied' }) | Should -Not -BeNullOrEmpty
    }

    It 'the transcript shows none of them' {
        $TranscriptPath | Should -Exist
        $text = Get-Content -LiteralPath $TranscriptPath -Raw
        # The transcript must really hold what the cmdlets wrote (checked without ever printing the transcript).
        $sample = @($Records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Select-Object -Last 1)[0].Message
        $text.Contains($sample) | Should -BeTrue -Because 'the verbose messages went to the host while the transcript ran'
        $lastError = @($Records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })[-1]
        $shown = if ($lastError.ErrorDetails.Message) { $lastError.ErrorDetails.Message } else { $lastError.Exception.Message }
        ($text -replace '[\s|]', '').Contains(($shown -replace '[\s|]', '')) | Should -BeTrue -Because 'the errors went to the host too'
        Find-Leak $text | Should -BeNullOrEmpty
    }

    It 'no error record shows any of them (message, exception, details, target)' {
        $ErrorsSeen.Count | Should -BeGreaterThan 10
        foreach ($record in $ErrorsSeen) {
            $texts = @(
                $record.ToString()
                $record.Exception.ToString()
                $record.ErrorDetails.Message
                $record.ErrorDetails.RecommendedAction
                "$($record.TargetObject)"
                $record.CategoryInfo.ToString()
                $record.FullyQualifiedErrorId
                $record.ScriptStackTrace
            )
            foreach ($text in $texts) {
                Find-Leak $text | Should -BeNullOrEmpty -Because "error $($record.FullyQualifiedErrorId) must not show a secret"
            }
        }
    }

    It 'no verbose, debug, warning, information or error stream record shows any of them' {
        $verbose = @($Records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $verbose.Count | Should -BeGreaterThan 10
        @($Records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -BeGreaterThan 5
        foreach ($record in $Records) {
            $text = switch ($record) {
                { $_ -is [System.Management.Automation.ErrorRecord] } { "$($_)`n$($_.Exception)`n$($_.ErrorDetails)`n$($_.TargetObject)"; break }
                { $_ -is [System.Management.Automation.InformationRecord] } { "$($_.MessageData)"; break }
                default { "$($_.Message)`n$_" }
            }
            Find-Leak $text | Should -BeNullOrEmpty -Because "a $($record.GetType().Name) must not show a secret"
        }
    }

    It 'no output object shows any of them, as JSON or formatted' {
        $Outputs.Count | Should -BeGreaterThan 10
        foreach ($object in $Outputs) {
            Find-Leak ($object | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue) | Should -BeNullOrEmpty -Because "$($object.GetType().Name) as JSON"
            Find-Leak ($object | Format-List * | Out-String -Width 4000) | Should -BeNullOrEmpty -Because "$($object.GetType().Name) in Format-List"
            Find-Leak ($object | Out-String -Width 4000) | Should -BeNullOrEmpty -Because "$($object.GetType().Name) as shown"
        }
    }

    It 'every key file written is readable by its owner only' {
        $KeyFiles.Count | Should -Be 4
        foreach ($path in $KeyFiles) {
            $path | Should -Exist
            if (-not (Test-OnWindows)) {
                (Get-Item -LiteralPath $path).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite') -Because $path
            }
        }
    }
}
