BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite -Work

    $script:KeyPath = Join-Path $Work 'config-app.pem'
    $script:App = New-OktaJwks -Algorithm ES256 | New-OktaServiceApp -Name 'config-app' -PrivateKeyPath $KeyPath -Role READ_ONLY_ADMIN |
        Grant-OktaScope okta.users.read, okta.apps.read -PassThru
    $script:UserCount = @(Invoke-AuthRawApi $Emulator '/api/v1/users').Count
    if ($UserCount -lt 1) { throw 'The org lists no users, so the listing checks here would prove nothing.' }
    $script:TokenPostsBefore = Get-AuthRouteCount $Emulator 'POST /oauth2/v1/token'

    # One fresh pwsh, started with HOME (and USERPROFILE) in an empty temp folder and no OKTA_CLIENT_* variable, plays every
    # scenario in turn: before each one it disconnects, clears OKTA_CLIENT_* and rewrites (or removes) ~/.okta/okta.yaml.
    # Each scenario prints one JSON line: the connection the module used and how many users it listed, or the error id.
    # One process keeps the file fast on a small machine; a pwsh start costs seconds of CPU.
    $childScript = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:TEST_MANIFEST
$yamlPath = Join-Path ([Environment]::GetFolderPath('UserProfile')) '.okta/okta.yaml'
$null = New-Item -ItemType Directory -Force -Path (Split-Path $yamlPath)
$dead = 'http://127.0.0.1:1'   # nothing listens here: settings pointing at it must lose

function Set-Yaml([string] $Text) {
    if ($Text) { [System.IO.File]::WriteAllText($yamlPath, $Text) } else { Remove-Item -LiteralPath $yamlPath -ErrorAction SilentlyContinue }
}

function Invoke-Scenario([string] $Name, [scriptblock] $Setup) {
    Disconnect-Okta
    Get-ChildItem env: | Where-Object Name -like 'OKTA_CLIENT_*' | ForEach-Object { Remove-Item -LiteralPath "env:$($_.Name)" }
    Set-Yaml $null
    $r = [ordered]@{ Scenario = $Name; OrgUrl = $null; AuthMode = $null; ClientId = $null; Scopes = @(); Users = $null; ErrorId = $null; Problem = $null }
    try {
        . $Setup
        $c = Get-OktaConnection
        $r.OrgUrl = $c.OrgUrl; $r.AuthMode = $c.AuthMode; $r.ClientId = $c.ClientId; $r.Scopes = @($c.Scopes)
        $r.Users = @(Invoke-OktaApi /api/v1/users).Count
    } catch {
        $r.ErrorId = $_.FullyQualifiedErrorId
        $r.Problem = "$_"
    }
    [pscustomobject]$r | ConvertTo-Json -Compress
}

Invoke-Scenario 'Nothing' { }

Invoke-Scenario 'YamlOnly' {
    Set-Yaml "okta:`n  client:`n    orgUrl: `"$env:TEST_ORG`"`n    token: `"$env:TEST_TOKEN`""
}

Invoke-Scenario 'EnvBeatsYaml' {
    Set-Yaml "okta:`n  client:`n    orgUrl: `"$dead`"`n    token: `"yaml-token-that-is-wrong`""
    $env:OKTA_CLIENT_ORGURL = $env:TEST_ORG
    $env:OKTA_CLIENT_TOKEN = $env:TEST_TOKEN
}

Invoke-Scenario 'ParamsBeatEnv' {
    $env:OKTA_CLIENT_ORGURL = $dead
    $env:OKTA_CLIENT_TOKEN = 'env-token-that-is-wrong'
    $null = Connect-Okta -OrgUrl $env:TEST_ORG -ApiToken $env:TEST_TOKEN
}

Invoke-Scenario 'EnvPrivateKey' {
    $env:OKTA_CLIENT_ORGURL = $env:TEST_ORG
    $env:OKTA_CLIENT_AUTHORIZATIONMODE = 'PrivateKey'
    $env:OKTA_CLIENT_CLIENTID = $env:TEST_CLIENT_ID
    $env:OKTA_CLIENT_SCOPES = 'okta.users.read, okta.apps.read'
    $env:OKTA_CLIENT_PRIVATEKEY = $env:TEST_KEY_PATH
}

Invoke-Scenario 'YamlPem' {
    $pem = ((Get-Content -LiteralPath $env:TEST_KEY_PATH -Raw).Trim() -split "`r?`n" | ForEach-Object { "      $_" }) -join "`n"
    Set-Yaml @"
okta:
  client:
    orgUrl: "$env:TEST_ORG"
    authorizationMode: "PrivateKey"
    clientId: "$env:TEST_CLIENT_ID"
    scopes:
      - okta.users.read
    privateKey: |
$pem
"@
}
'@
    $script:ChildHome = Join-Path $Work 'home'
    $null = New-Item -ItemType Directory -Path $ChildHome
    $script:Child = Start-TestPwsh -Command $childScript -HomePath $ChildHome -Environment @{
        TEST_MANIFEST  = (Resolve-Path (Join-Path (Get-TestModulePath) 'OktaServiceApp.psd1')).ProviderPath
        TEST_ORG       = $Emulator.OrgUrl
        TEST_TOKEN     = $Emulator.ApiToken
        TEST_CLIENT_ID = $App.ClientId
        TEST_KEY_PATH  = $KeyPath
    }

    $script:ChildResult = $null
    function script:Get-Scenario([string] $Name) {
        if (-not $script:ChildResult) {
            $result = Wait-TestPwsh -Child $Child
            $script:ChildResult = [pscustomobject]@{
                ExitCode  = $result.ExitCode
                Scenarios = @($result.Output | Where-Object { $_.StartsWith('{') } | ForEach-Object { $_ | ConvertFrom-Json })
                Log       = "$($result.ErrorText)`n$($result.Output -join "`n")"
            }
        }

        $ChildResult.ExitCode | Should -Be 0 -Because $ChildResult.Log
        $scenario = $ChildResult.Scenarios | Where-Object Scenario -EQ $Name
        $scenario | Should -Not -BeNullOrEmpty -Because "the child must report scenario $Name. $($ChildResult.Log)"
        $scenario
    }
}

AfterAll {
    if ($script:Child -and -not $script:Child.Process.HasExited) { Stop-TestProcessTree $script:Child.Process }
    Complete-TestSuite
}

Describe 'Configuration precedence (fresh pwsh, HOME in a temp folder)' {
    It 'with no okta.yaml and no OKTA_CLIENT_* variable, cmdlets stop with OktaNotConnected' {
        $s = Get-Scenario 'Nothing'
        $s.ErrorId | Should -BeLike 'OktaNotConnected,*'
        $s.Users | Should -BeNullOrEmpty
    }

    It 'reads orgUrl and token from ~/.okta/okta.yaml alone' {
        $s = Get-Scenario 'YamlOnly'
        $s.ErrorId | Should -BeNullOrEmpty -Because $s.Problem
        $s.OrgUrl | Should -BeExactly $Emulator.OrgUrl
        $s.AuthMode | Should -BeExactly 'SSWS'
        $s.Users | Should -Be $UserCount
    }

    It 'lets OKTA_CLIENT_* variables beat okta.yaml' {
        $s = Get-Scenario 'EnvBeatsYaml'
        $s.ErrorId | Should -BeNullOrEmpty -Because $s.Problem
        $s.OrgUrl | Should -BeExactly $Emulator.OrgUrl
        $s.Users | Should -Be $UserCount
    }

    It 'lets explicit Connect-Okta parameters beat OKTA_CLIENT_* variables' {
        $s = Get-Scenario 'ParamsBeatEnv'
        $s.ErrorId | Should -BeNullOrEmpty -Because $s.Problem
        $s.OrgUrl | Should -BeExactly $Emulator.OrgUrl
        $s.Users | Should -Be $UserCount
    }

    It 'runs as a service app from OKTA_CLIENT_AUTHORIZATIONMODE=PrivateKey, CLIENTID, SCOPES and a PRIVATEKEY path' {
        $s = Get-Scenario 'EnvPrivateKey'
        $s.ErrorId | Should -BeNullOrEmpty -Because $s.Problem
        $s.AuthMode | Should -BeExactly 'PrivateKey'
        $s.ClientId | Should -BeExactly $App.ClientId
        @($s.Scopes | Sort-Object) | Should -Be @('okta.apps.read', 'okta.users.read')
        $s.Users | Should -Be $UserCount
    }

    It 'runs as a service app from okta.yaml with a multi-line PEM privateKey' {
        $s = Get-Scenario 'YamlPem'
        $s.ErrorId | Should -BeNullOrEmpty -Because $s.Problem
        $s.AuthMode | Should -BeExactly 'PrivateKey'
        $s.ClientId | Should -BeExactly $App.ClientId
        @($s.Scopes) | Should -Be @('okta.users.read')
        $s.Users | Should -Be $UserCount
    }

    It 'the service-app scenarios got their tokens from the org token endpoint (so key, client id and scopes really were read)' {
        $null = Get-Scenario 'YamlPem'
        (Get-AuthRouteCount $Emulator 'POST /oauth2/v1/token') - $TokenPostsBefore | Should -BeGreaterOrEqual 2
    }
}
