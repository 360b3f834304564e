# Shared by every Pester file: import the staged module, run an emulator process, read its stats.
Set-StrictMode -Version 3.0

function Test-OnWindows {
    # $IsWindows does not exist in Windows PowerShell 5.1 (and is an error under strict mode there); Desktop is always Windows.
    $PSVersionTable.PSEdition -eq 'Desktop' -or [System.Environment]::OSVersion.Platform -eq 'Win32NT'
}

function Invoke-TestHttp {
    # A raw HTTP call that answers any status, as another tool would make it: Invoke-WebRequest -SkipHttpErrorCheck is
    # PowerShell 7 only. -Form posts application/x-www-form-urlencoded. Returns Status (int) and Content (string).
    param(
        [Parameter(Mandatory)] [string] $Uri,
        [string] $Method = 'GET',
        [hashtable] $Headers = @{},
        [hashtable] $Form
    )
    Add-Type -AssemblyName System.Net.Http
    $client = New-Object System.Net.Http.HttpClient
    $request = New-Object System.Net.Http.HttpRequestMessage ([System.Net.Http.HttpMethod]::new($Method)), $Uri
    try {
        foreach ($name in $Headers.Keys) { $null = $request.Headers.TryAddWithoutValidation($name, [string]$Headers[$name]) }
        if ($Form) {
            $pairs = New-Object 'System.Collections.Generic.List[System.Collections.Generic.KeyValuePair[string,string]]'
            foreach ($name in $Form.Keys) { $pairs.Add((New-Object 'System.Collections.Generic.KeyValuePair[string,string]' $name, ([string]$Form[$name]))) }
            $request.Content = New-Object System.Net.Http.FormUrlEncodedContent (, $pairs)
        }

        $response = $client.SendAsync($request).GetAwaiter().GetResult()
        [pscustomobject]@{ Status = [int]$response.StatusCode; Content = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult() }
    }
    finally {
        $request.Dispose()
        $client.Dispose()
    }
}

function Get-TestModulePath {
    if ($env:OKTASERVICEAPP_TEST_MODULE) { return $env:OKTASERVICEAPP_TEST_MODULE }
    Join-Path $PSScriptRoot '../../out/OktaServiceApp'
}

function Import-TestModule {
    Import-Module (Join-Path (Get-TestModulePath) 'OktaServiceApp.psd1') -Force -Global
}

function Set-ProcessArguments {
    # ProcessStartInfo.ArgumentList is .NET Core only; on .NET Framework (Windows PowerShell 5.1) the arguments become one
    # command line, quoted the way the child's argv parser (CommandLineToArgvW rules) reads it back.
    param([Parameter(Mandatory)] [System.Diagnostics.ProcessStartInfo] $Info, [string[]] $Arguments)
    if ($null -ne $Info.PSObject.Properties['ArgumentList']) {
        foreach ($a in $Arguments) { $Info.ArgumentList.Add($a) }
        return
    }

    $quoted = foreach ($a in $Arguments) {
        if ($a -and $a -notmatch '[\s"]') { $a; continue }
        $escaped = [regex]::Replace($a, '(\\*)"', '$1$1\"')
        '"' + [regex]::Replace($escaped, '(\\+)$', '$1$1') + '"'
    }
    $Info.Arguments = $quoted -join ' '
}

function Stop-TestProcessTree {
    # Process.Kill(entireProcessTree) is .NET Core only.
    param([Parameter(Mandatory)] [System.Diagnostics.Process] $Process)
    if ($PSVersionTable.PSEdition -eq 'Core') { $Process.Kill($true) } else { $Process.Kill() }
}

function Start-EmulatorProcess {
    # Starts an emulator dll on a free loopback port; it prints one JSON line with its addresses and exits when stdin closes.
    # Returns the process and that line, parsed.
    param([Parameter(Mandatory)] [string] $Dll, [Parameter(Mandatory)] [string] $Name, [string[]] $ArgumentList = @())
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    Set-ProcessArguments $info (@($Dll, '--port', '0', '--exit-on-stdin-close') + $ArgumentList)
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardInput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $line = $process.StandardOutput.ReadLine()
    if (-not $line) { throw "The $Name did not print its JSON line." }
    [pscustomobject]@{ Process = $process; Json = ($line | ConvertFrom-Json) }
}

function Start-TestEmulator {
    param([string[]] $ArgumentList = @())
    $dll = if ($env:OKTASERVICEAPP_TEST_EMULATOR) { $env:OKTASERVICEAPP_TEST_EMULATOR } else { Join-Path $PSScriptRoot '../../out/emulator/OktaEmulator.dll' }
    $started = Start-EmulatorProcess -Dll $dll -Name 'emulator' -ArgumentList $ArgumentList
    [pscustomobject]@{ OrgUrl = $started.Json.orgUrl; ApiToken = $started.Json.apiToken; Process = $started.Process }
}

function Start-TestVaultEmulator {
    # The Key Vault + managed identity emulator (tests/KeyVaultEmulator): VaultUrl, IdentityEndpoint, IdentityHeader, ImdsEndpoint.
    $dll = if ($env:OKTASERVICEAPP_TEST_VAULT_EMULATOR) { $env:OKTASERVICEAPP_TEST_VAULT_EMULATOR } else { Join-Path $PSScriptRoot '../../out/keyvault-emulator/KeyVaultEmulator.dll' }
    $started = Start-EmulatorProcess -Dll $dll -Name 'Key Vault emulator'
    $json = $started.Json
    [pscustomobject]@{
        VaultUrl = $json.vaultUrl; IdentityEndpoint = $json.identityEndpoint; IdentityHeader = $json.identityHeader
        ImdsEndpoint = $json.imdsEndpoint; Process = $started.Process
    }
}

function New-TestVaultKey {
    # Creates a key (or a new version) in the Key Vault emulator; returns its versioned kid.
    param([Parameter(Mandatory)] $Vault, [Parameter(Mandatory)] [string] $Name, [string] $Kty = 'RSA', [string] $Curve = 'P-256')
    $body = @{ name = $Name; kty = $Kty; crv = $Curve } | ConvertTo-Json
    (Invoke-RestMethod -Method Post -Uri "$($Vault.VaultUrl)/__emulator/keys" -ContentType 'application/json' -Body $body).key.kid
}

function Get-TestVaultStats {
    param([Parameter(Mandatory)] $Vault)
    Invoke-RestMethod "$($Vault.VaultUrl)/__emulator/stats"
}

function Set-TestVaultConfig {
    param([Parameter(Mandatory)] $Vault, [Parameter(Mandatory)] [hashtable] $Config)
    $null = Invoke-RestMethod -Method Put -Uri "$($Vault.VaultUrl)/__emulator/config" -ContentType 'application/json' -Body ($Config | ConvertTo-Json -Depth 5)
}

function Get-TestVaultTokens {
    # Every token the vault emulator's identity endpoints issued (for secret-hygiene searches only).
    param([Parameter(Mandatory)] $Vault)
    @((Invoke-RestMethod "$($Vault.VaultUrl)/__emulator/tokens").tokens)
}

function Stop-TestEmulator {
    param([Parameter(Mandatory)] $Emulator)
    if (-not $Emulator.Process.HasExited) {
        $Emulator.Process.StandardInput.Close()
        if (-not $Emulator.Process.WaitForExit(5000)) { Stop-TestProcessTree $Emulator.Process }
    }
}

function Get-EmulatorStats {
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod "$($Emulator.OrgUrl)/__emulator/stats"
}

function Get-EmulatorState {
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod "$($Emulator.OrgUrl)/__emulator/state"
}

function Reset-EmulatorStats {
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-RestMethod -Method Post "$($Emulator.OrgUrl)/__emulator/stats/reset"
}

function Set-EmulatorConfig {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Config)
    $null = Invoke-RestMethod -Method Put "$($Emulator.OrgUrl)/__emulator/config" -ContentType 'application/json' -Body ($Config | ConvertTo-Json -Depth 5)
}

function Connect-TestEmulator {
    param([Parameter(Mandatory)] $Emulator)
    Connect-Okta -OrgUrl $Emulator.OrgUrl -ApiToken $Emulator.ApiToken
}

# ---- Shared by every area --------------------------------------------------------------------------------------------

function New-TestTempDirectory {
    # A fresh, empty folder under the temp path; callers remove it in AfterAll. -AsHome adds the folders .NET expects in a
    # home: without ~/.local/share, GetFolderPath returns '' and tools such as PSResourceGet write into the current folder.
    param([switch] $AsHome)
    $path = Join-Path ([System.IO.Path]::GetTempPath()) ('okta-pester-' + [guid]::NewGuid().ToString('n').Substring(0, 12))
    $null = New-Item -ItemType Directory -Path $path
    if ($AsHome) {
        foreach ($sub in '.local/share', '.config', '.cache') { $null = New-Item -ItemType Directory -Path (Join-Path $path $sub) -Force }
    }

    (Resolve-Path -LiteralPath $path).ProviderPath
}

function Clear-TestOktaVariables {
    # Removes every OKTA_CLIENT_* environment variable of this process.
    foreach ($item in @(Get-ChildItem env: | Where-Object Name -like 'OKTA_CLIENT_*')) {
        Remove-Item -LiteralPath "env:$($item.Name)"
    }
}

function Save-TestEnvironment {
    # Saves and clears every OKTA_CLIENT_* variable and points HOME/USERPROFILE at an empty home, so neither the machine's
    # variables nor its ~/.okta/okta.yaml can reach the tests. .Home is the real home. Restore-TestEnvironment undoes it.
    $saved = @{ Variables = @{}; Home = $env:HOME; UserProfile = $env:USERPROFILE; FakeHome = (New-TestTempDirectory -AsHome) }
    foreach ($item in @(Get-ChildItem env: | Where-Object Name -like 'OKTA_CLIENT_*')) {
        $saved.Variables[$item.Name] = $item.Value
    }

    Clear-TestOktaVariables
    $env:HOME = $saved.FakeHome
    $env:USERPROFILE = $saved.FakeHome
    $saved
}

function Restore-TestEnvironment {
    param([hashtable] $Saved)
    if (-not $Saved) { return }
    Clear-TestOktaVariables
    foreach ($name in $Saved.Variables.Keys) {
        Set-Item -LiteralPath "env:$name" -Value $Saved.Variables[$name]
    }

    $env:HOME = $Saved.Home
    $env:USERPROFILE = $Saved.UserProfile
    if ($Saved.FakeHome -and (Test-Path -LiteralPath $Saved.FakeHome)) {
        Remove-Item -LiteralPath $Saved.FakeHome -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Get-TestPwshPath {
    # This shell, so a child runs in the same edition: pwsh from $PSHOME (which pwsh also puts first on PATH), powershell.exe
    # under Windows PowerShell, else pwsh from PATH.
    foreach ($name in 'pwsh', 'pwsh.exe', 'powershell.exe') {
        $candidate = Join-Path $PSHOME $name
        if (Test-Path -LiteralPath $candidate -PathType Leaf) { return $candidate }
    }

    $command = Get-Command pwsh -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($command) { return $command.Source }
    throw 'pwsh was not found in $PSHOME or on PATH.'
}

function Start-TestPwsh {
    # Starts a fresh pwsh (no profile, non-interactive, NO_COLOR) running -Command, or -Script written to a temp file.
    # With -HomePath its HOME/USERPROFILE is that folder and it inherits no OKTA_CLIENT_* variable; -Environment adds
    # variables. Wait-TestPwsh collects it; several can run at once.
    param(
        [string] $Command,
        [string] $Script,
        [string] $HomePath,
        [hashtable] $Environment = @{}
    )
    $info = [System.Diagnostics.ProcessStartInfo]::new((Get-TestPwshPath))
    $file = $null
    if ($Script) {
        $file = Join-Path ([System.IO.Path]::GetTempPath()) ('okta-pester-child-' + [guid]::NewGuid().ToString('n') + '.ps1')
        Set-Content -LiteralPath $file -Value $Script -Encoding utf8
        Set-ProcessArguments $info '-NoProfile', '-NonInteractive', '-File', $file
    }
    else {
        Set-ProcessArguments $info '-NoProfile', '-NonInteractive', '-Command', $Command
    }

    if ($HomePath) {
        foreach ($name in @($info.Environment.Keys)) {
            if ($name -like 'OKTA_CLIENT_*') { $null = $info.Environment.Remove($name) }
        }

        $info.Environment['HOME'] = $HomePath
        $info.Environment['USERPROFILE'] = $HomePath
    }

    $info.Environment['NO_COLOR'] = '1'
    $info.Environment['POWERSHELL_TELEMETRY_OPTOUT'] = '1'
    $info.Environment['POWERSHELL_UPDATECHECK'] = 'Off'
    foreach ($name in $Environment.Keys) { $info.Environment[$name] = [string]$Environment[$name] }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    [pscustomobject]@{
        Process = $process
        File    = $file
        Stdout  = $process.StandardOutput.ReadToEndAsync()
        Stderr  = $process.StandardError.ReadToEndAsync()
    }
}

function Wait-TestPwsh {
    # Waits for a child from Start-TestPwsh; returns ExitCode, Output (stdout lines), Text (stdout) and ErrorText (stderr).
    param([Parameter(Mandatory)] $Child, [int] $TimeoutSeconds = 120)
    try {
        if (-not $Child.Process.WaitForExit($TimeoutSeconds * 1000)) {
            Stop-TestProcessTree $Child.Process
            throw "The child pwsh did not finish within $TimeoutSeconds s."
        }

        $Child.Process.WaitForExit()
        [pscustomobject]@{
            ExitCode  = $Child.Process.ExitCode
            Output    = @($Child.Stdout.Result -split "`r?`n" | Where-Object { $_ -ne '' })
            Text      = $Child.Stdout.Result
            ErrorText = $Child.Stderr.Result
        }
    }
    finally {
        if ($Child.File) { Remove-Item -LiteralPath $Child.File -ErrorAction SilentlyContinue }
    }
}

function Invoke-TestPwsh {
    # Start-TestPwsh, then Wait-TestPwsh.
    param(
        [string] $Command,
        [string] $Script,
        [string] $HomePath,
        [hashtable] $Environment = @{},
        [int] $TimeoutSeconds = 120
    )
    $child = Start-TestPwsh -Command $Command -Script $Script -HomePath $HomePath -Environment $Environment
    Wait-TestPwsh -Child $child -TimeoutSeconds $TimeoutSeconds
}

function Initialize-TestSuite {
    # The set-up every emulator-backed file needs, in its script scope: the staged module, a clean environment
    # ($SavedEnvironment), an emulator process ($Emulator) and, unless -NoConnect, a connection to it; -Work adds a temp folder ($Work).
    [CmdletBinding()]
    param([switch] $Work, [switch] $NoConnect)
    Import-TestModule
    $values = @{ SavedEnvironment = Save-TestEnvironment; Emulator = Start-TestEmulator }
    if ($Work) { $values.Work = New-TestTempDirectory }
    Disconnect-Okta
    if (-not $NoConnect) { $null = Connect-TestEmulator $values.Emulator }
    foreach ($name in $values.Keys) { Set-TestSuiteVariable $PSCmdlet $name $values[$name] }
}

function Complete-TestSuite {
    # Undoes Initialize-TestSuite: disconnects, stops the emulator, removes $Work / $TempDir, restores the environment.
    [CmdletBinding()]
    param()
    $get = { param($name) $PSCmdlet.SessionState.PSVariable.GetValue($name) }
    try { Disconnect-Okta } catch { }
    if (& $get 'Emulator') { Stop-TestEmulator (& $get 'Emulator') }
    foreach ($folder in (& $get 'Work'), (& $get 'TempDir')) {
        if ($folder) { Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue }
    }

    Restore-TestEnvironment (& $get 'SavedEnvironment')
}

function Set-TestSuiteVariable($Caller, [string] $Name, $Value) {
    # In the calling block's scope, as if the test file had assigned it there; Pester shows it to every block below.
    $Caller.SessionState.PSVariable.Set($Name, $Value)
}

# ---- Auth area: Connect-Okta, keys, assertions, tokens, Invoke-OktaApi, configuration, secret hygiene -------------------





function ConvertFrom-AuthBase64Url {
    param([Parameter(Mandatory)] [string] $Text)
    $s = $Text.Replace('-', '+').Replace('_', '/')
    switch ($s.Length % 4) { 2 { $s += '==' } 3 { $s += '=' } 1 { throw "'$Text' is not base64url." } }
    [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($s))
}

function Get-AuthJwtPart {
    # The decoded header or payload of a compact JWS, as an object.
    param([Parameter(Mandatory)] [string] $Jwt, [ValidateSet('Header', 'Payload')] [string] $Part = 'Payload')
    $parts = $Jwt.Split('.')
    if ($parts.Count -ne 3) { throw 'Not a compact JWS (three dot-separated parts).' }
    ConvertFrom-AuthBase64Url $parts[$(if ($Part -eq 'Header') { 0 } else { 1 })] | ConvertFrom-Json
}

function Get-AuthRouteCount {
    # How many requests the emulator saw on one route ("POST /oauth2/v1/token"); 0 when none.
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Route)
    $stats = Get-EmulatorStats $Emulator
    $property = $stats.routes.PSObject.Properties[$Route]
    if ($property) { [long]$property.Value } else { 0L }
}

function Get-AuthTotalRequests {
    param([Parameter(Mandatory)] $Emulator)
    [long](Get-EmulatorStats $Emulator).totalRequests
}

function Get-AuthOpenSsl {
    # The openssl executable, or $null when this machine has none.
    $command = Get-Command openssl -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($command) { return $command.Source }
    if (Test-Path -LiteralPath '/usr/bin/openssl') { return '/usr/bin/openssl' }
    $null
}

function Get-AuthKeySecret {
    # The private material of exported key files: the private JWK members (d, p, q, dp, dq, qi) and the PEM's base64 body lines.
    param([string[]] $JwkPath = @(), [string[]] $PemPath = @())
    $secrets = [System.Collections.Generic.List[string]]::new()
    foreach ($path in $JwkPath) {
        $jwk = Get-Content -LiteralPath $path -Raw | ConvertFrom-Json
        foreach ($member in 'd', 'p', 'q', 'dp', 'dq', 'qi') {
            $property = $jwk.PSObject.Properties[$member]
            if ($property -and $property.Value) { $secrets.Add([string]$property.Value) }
        }
    }

    foreach ($path in $PemPath) {
        foreach ($line in Get-Content -LiteralPath $path) {
            if ($line -and -not $line.StartsWith('-----')) { $secrets.Add($line.Trim()) }
        }
    }

    , $secrets.ToArray()
}

function Find-AuthSecret {
    # Names (by index, never by value) of the secrets that occur in the text; nothing when none does.
    param([AllowEmptyString()] [AllowNull()] [string] $Text, [Parameter(Mandatory)] [string[]] $Secret)
    if ([string]::IsNullOrEmpty($Text)) { return @() }
    for ($i = 0; $i -lt $Secret.Count; $i++) {
        if ($Secret[$i] -and $Text.Contains($Secret[$i])) { "secret #$i" }
    }
}





function Invoke-AuthRawApi {
    # Calls the org directly with the emulator's API token, not through the module, to see what the org itself holds.
    # Writes the items of a JSON array one by one, or the object.
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Path)
    $response = Invoke-RestMethod -Uri "$($Emulator.OrgUrl)$Path" -Headers @{ Authorization = "SSWS $($Emulator.ApiToken)"; Accept = 'application/json' }
    foreach ($item in @($response)) { $item }
}

# ---- Service-app area (Lifecycle*): apps, grants, keys, roles, help, isolation, package ----------------------------------




function Get-LifecycleNuGetRoot {
    # The NuGet package cache: $env:NUGET_PACKAGES, else ~/.nuget/packages of the given (real) home.
    param([string] $HomePath = $HOME)
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    Join-Path $HomePath '.nuget/packages'
}





function Get-LifecycleChildValue {
    # The value of the last "NAME=value" line a child script printed; $null when there is none.
    param([Parameter(Mandatory)] $Result, [Parameter(Mandatory)] [string] $Name)
    $line = @($Result.Output | Where-Object { $_.StartsWith("$Name=", [System.StringComparison]::Ordinal) }) | Select-Object -Last 1
    if ($null -eq $line) { return $null }
    $line.Substring($Name.Length + 1)
}

function Get-LifecycleClient {
    # The emulator's record of one client (client_id, client_name, keys, grants, roles, ...), or $null when it has none.
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $ClientId)
    @((Get-EmulatorState $Emulator).clients) | Where-Object { $_.client_id -eq $ClientId } | Select-Object -First 1
}

function Get-LifecycleClientCount {
    # How many clients the emulator holds, optionally only those named exactly Name.
    param([Parameter(Mandatory)] $Emulator, [string] $Name)
    $clients = @((Get-EmulatorState $Emulator).clients)
    if ($PSBoundParameters.ContainsKey('Name')) { $clients = @($clients | Where-Object { $_.client_name -ceq $Name }) }
    $clients.Count
}

function Get-LifecycleActiveScope {
    # The ACTIVE granted scopes of a client in the emulator, sorted (ordinal) and space-separated; '' when none.
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $ClientId)
    $client = Get-LifecycleClient $Emulator $ClientId
    if (-not $client) { return '' }
    $scopes = [string[]]@($client.grants | Where-Object { $_.status -eq 'ACTIVE' } | ForEach-Object { $_.scopeId })
    [System.Array]::Sort($scopes, [System.StringComparer]::Ordinal)
    $scopes -join ' '
}

function Get-LifecycleRouteCount {
    # Requests on one route ("POST /oauth2/v1/clients") in a stats snapshot from Get-EmulatorStats; 0 when none.
    param([Parameter(Mandatory)] $Stats, [Parameter(Mandatory)] [string] $Route)
    $property = $Stats.routes.PSObject.Properties[$Route]
    if ($property) { [long]$property.Value } else { 0L }
}

function Get-LifecycleFileMode {
    # '600'-style permission bits on Unix; on Windows 'owner-only' when the ACL is protected and names only the current user.
    param([Parameter(Mandatory)] [string] $Path)
    if ((Test-OnWindows)) {
        $acl = Get-Acl -LiteralPath $Path
        $me = [System.Security.Principal.WindowsIdentity]::GetCurrent().User
        $others = @($acl.Access | Where-Object {
                $_.IdentityReference.Translate([System.Security.Principal.SecurityIdentifier]) -ne $me })
        if ($acl.AreAccessRulesProtected -and $others.Count -eq 0) { return 'owner-only' }
        return ($acl.Access | ForEach-Object { "$($_.IdentityReference):$($_.FileSystemRights)" }) -join '; '
    }

    [Convert]::ToString(([int][System.IO.File]::GetUnixFileMode($Path)) -band 511, 8)
}

Export-ModuleMember -Function *
