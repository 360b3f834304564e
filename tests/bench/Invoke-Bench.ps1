<#
.SYNOPSIS
    Benchmarks OktaServiceApp against the Okta org emulator and writes out/bench/results.md and results.json.

.DESCRIPTION
    build.ps1 -Task Bench [-Quick] [-DryRun] builds in Release and runs this in a fresh pwsh. Five suites, each pairing our
    cmdlets with a baseline in the same run, alternating A B A B after a warm-up:

      1. Cold import        fresh `pwsh -c "Import-Module …"` against a bare `pwsh -c 1`; also import + first New-OktaJwks and
                            import + first API call.
      2. Bulk grants        Grant-OktaScope from one pipeline against (a) an Invoke-RestMethod loop with the SSWS header and
                            (b) a raw C# HttpClient loop over one connection (the floor). No rate limit, no faults.
      3. Rate-limited bulk  the same grants under a short fixed-window limit on /api/v1/apps*: elapsed time against the
                            theoretical minimum, 429s, retries, errors; the naive Invoke-RestMethod loop's failures.
      4. Tokens             Get-OktaAccessToken cold against cached; RS256 against ES256 client assertions per second; the
                            extra round trips and milliseconds of DPoP.
      5. Memory             peak working set of a fresh pwsh streaming 1,000 grants against 100.

    -Quick makes the runs fewer and smaller; -DryRun runs every suite once at its smallest size, claims nothing, and exists so
    that a Pester test keeps this script from rotting. No figure is ever asserted: the machine is shared and noisy.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $OutDir,
    [switch] $Quick,
    [switch] $DryRun
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$benchClock = [System.Diagnostics.Stopwatch]::StartNew()
$ModulePath = (Resolve-Path $ModulePath).ProviderPath
$EmulatorPath = (Resolve-Path $EmulatorPath).ProviderPath
$RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath

$env:OKTASERVICEAPP_TEST_EMULATOR = $EmulatorPath
Import-Module (Join-Path $PSScriptRoot 'BenchTools.psm1') -Force
Import-Module (Join-Path $PSScriptRoot '../pester/TestHelpers.psm1') -Force
Import-Module (Join-Path $ModulePath 'OktaServiceApp.psd1') -Force
if (-not ('OktaServiceAppBench.RawHttp' -as [type])) {
    Add-Type -Path (Join-Path $PSScriptRoot 'BenchRaw.cs')
}
Set-DryRunRows $DryRun.IsPresent

$mode = if ($DryRun) { 'DRY RUN' } elseif ($Quick) { 'Quick' } else { 'Full' }
$Pwsh = Join-Path $PSHOME ($(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }))
if (-not (Test-Path $Pwsh)) { $Pwsh = (Get-Command pwsh -CommandType Application | Select-Object -First 1).Source }

# Ten management scopes every app gets; the memory suite's 1,000 grants are 100 apps × these 10.
$Scopes = @(
    'okta.users.read', 'okta.users.manage', 'okta.groups.read', 'okta.groups.manage', 'okta.apps.read',
    'okta.apps.manage', 'okta.logs.read', 'okta.roles.read', 'okta.roles.manage', 'okta.policies.read'
)

# Sizes and run counts per mode. Counted runs come after WarmUp runs; every suite alternates its contenders.
$Plan = if ($DryRun) {
    @{
        Import = @{ WarmUp = 0; Counted = 1 }
        Bulk   = @{ Apps = 2; Scopes = 2; WarmUp = 0; Counted = 1 }
        Rate   = @{ Apps = 2; Scopes = 2; Limit = 4; Window = 1; Counted = 1 }
        Tokens = @{ WarmUp = 0; Counted = 1; Cold = 2; LatencyCold = 1; Cached = 5; Assertions = 5; Api = 2 }
        Memory = @{ SmallApps = 1; LargeApps = 2; WarmUp = 0; Counted = 1 }
    }
}
elseif ($Quick) {
    @{
        Import = @{ WarmUp = 1; Counted = 5 }
        Bulk   = @{ Apps = 30; Scopes = 10; WarmUp = 1; Counted = 5 }
        Rate   = @{ Apps = 10; Scopes = 10; Limit = 60; Window = 3; Counted = 3 }
        Tokens = @{ WarmUp = 1; Counted = 5; Cold = 5; LatencyCold = 1; Cached = 50; Assertions = 100; Api = 10 }
        Memory = @{ SmallApps = 10; LargeApps = 100; WarmUp = 0; Counted = 2 }
    }
}
else {
    @{
        Import = @{ WarmUp = 1; Counted = 7 }
        Bulk   = @{ Apps = 30; Scopes = 10; WarmUp = 1; Counted = 5 }
        Rate   = @{ Apps = 30; Scopes = 10; Limit = 75; Window = 4; Counted = 5 }
        Tokens = @{ WarmUp = 1; Counted = 10; Cold = 20; LatencyCold = 3; Cached = 200; Assertions = 500; Api = 50 }
        Memory = @{ SmallApps = 10; LargeApps = 100; WarmUp = 1; Counted = 5 }
    }
}

$Unlimited = @{ limit = 1000000; windowSeconds = 60 }
$LatencyMs = 50
$NoLimits = @{ rateLimits = @{ apps = $Unlimited; clients = $Unlimited; token = $Unlimited; default = $Unlimited }; faults = @{} }

# ---- helpers that need the emulator ------------------------------------------------------------------------------------

function Get-Values([System.Collections.IEnumerable] $Runs, [string] $Key, [double] $Scale = 1) { , [double[]]@($Runs | ForEach-Object { [double]$_[$Key] * $Scale }) }

function Get-Route($Stats, [string] $Route) {
    $p = $Stats.routes.PSObject.Properties[$Route]
    if ($p) { [int]$p.Value } else { 0 }
}

function Get-ClientStatistics($Connection) {
    # The connection's OktaClient is internal; its counters are public. Reflection is fine for a benchmark.
    $flags = [System.Reflection.BindingFlags]'NonPublic,Instance'
    $Connection.GetType().GetProperty('Client', $flags).GetValue($Connection).Statistics
}

function New-BenchApps([int] $Count, [string] $Prefix) {
    # A clean org for every run: the same state for every contender, and the emulator's store never grows.
    $null = Invoke-RestMethod -Method Post "$($script:Emulator.OrgUrl)/__emulator/reset"
    $ids = [OktaServiceAppBench.RawHttp]::CreateApps($script:Emulator.OrgUrl, $script:Emulator.ApiToken, $Prefix, $Count, $script:AppJwksJson)
    Reset-EmulatorStats $script:Emulator
    , $ids
}

function Invoke-IrmLoop([string[]] $Ids, [string[]] $ScopeList, [hashtable] $Extra = @{}) {
    # The seed guide's call as an admin writes it in PowerShell: a header table, then one Invoke-RestMethod per grant.
    $org = $script:Emulator.OrgUrl
    $headers = @{ Authorization = "SSWS $($script:Emulator.ApiToken)"; Accept = 'application/json' }
    $ok = 0; $failed = 0
    $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
    foreach ($id in $Ids) {
        foreach ($scope in $ScopeList) {
            try {
                $body = @{ scopeId = $scope; issuer = $org } | ConvertTo-Json
                $null = Invoke-RestMethod -Method Post -Uri "$org/api/v1/apps/$id/grants" -Headers $headers -ContentType 'application/json' -Body $body @Extra
                $ok++
            }
            catch { $failed++ }
        }
    }
    $stopwatch.Stop()
    [ordered]@{ ms = $stopwatch.Elapsed.TotalMilliseconds; ok = $ok; failed = $failed }
}

function Assert-Grants([string] $Who, [int] $Expected, [int] $Got, [int] $Errors) {
    if ($Got -ne $Expected -or $Errors -ne 0) { throw "$Who made $Got of $Expected grants with $Errors errors." }
}

# ---- 1. cold import -----------------------------------------------------------------------------------------------------

function New-OneCmdletModule {
    # Built here, outside every timing, the way build.ps1 builds ours: Release, netstandard2.0, the dll next to its manifest.
    $source = Join-Path $PSScriptRoot 'OneCmdletModule'
    $destination = Join-Path $OutDir 'OneCmdletModule'
    & dotnet build (Join-Path $source 'OneCmdletModule.csproj') -c Release --nologo '-v:q' '-clp:ErrorsOnly' -o $destination | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "Building the one-cmdlet baseline module failed with exit code $LASTEXITCODE" }
    Copy-Item (Join-Path $source 'OneCmdletModule.psd1') $destination
    Join-Path $destination 'OneCmdletModule.psd1'
}

function Invoke-ColdImportSuite {
    $p = $Plan.Import
    Write-Host "==> 1. Cold import ($($p.WarmUp) warm-up round of 2 + $($p.Counted) counted rounds of 4 fresh processes)"
    $module = "'" + $ModulePath.Replace("'", "''") + "'"
    $baseline = "'" + (New-OneCmdletModule).Replace("'", "''") + "'"
    $contenders = [ordered]@{
        'bare pwsh -c 1'          = { [ordered]@{ ms = (Measure-Pwsh $Pwsh '1').Ms } }
        'one-cmdlet module'       = { [ordered]@{ ms = (Measure-Pwsh $Pwsh "Import-Module $baseline").Ms } }
        'Import-Module'           = {
            $r = Measure-Pwsh $Pwsh "`$s = [Diagnostics.Stopwatch]::StartNew(); Import-Module $module; `$s.Elapsed.TotalMilliseconds"
            [ordered]@{ ms = $r.Ms; inProcessMs = [double]($r.Output[-1]) }
        }
        'import + New-OktaJwks'   = { [ordered]@{ ms = (Measure-Pwsh $Pwsh "Import-Module $module; `$null = New-OktaJwks").Ms } }
        'import + first API call' = { [ordered]@{ ms = (Measure-Pwsh $Pwsh "Import-Module $module; `$null = Invoke-OktaApi /api/v1/users").Ms } }
    }
    $runs = Invoke-Alternating -Contenders $contenders -WarmUp $p.WarmUp -Counted $p.Counted -WarmUpWith 'bare pwsh -c 1', 'one-cmdlet module', 'Import-Module'
    $bare = Get-Values $runs['bare pwsh -c 1'] 'ms'
    $rows = [System.Collections.Generic.List[object]]::new()
    $bareStat = Get-Stat $bare
    $import = Get-Values $runs['Import-Module'] 'ms'
    $extra = [double[]]@(for ($i = 0; $i -lt $import.Count; $i++) { $import[$i] - $bare[$i] })
    $extraStat = Get-Stat $extra
    $rows.Add((New-Row 'Cold import' 'pwsh -c "Import-Module out/OktaServiceApp" against pwsh -c 1 (wall ms)' `
                (Format-Stat (Get-Stat $import) 'ms') (Format-Stat $bareStat 'ms') (Format-Stat (Get-Stat (Get-PairRatio $import $bare)) '×')))
    $one = Get-Values $runs['one-cmdlet module'] 'ms'
    $rows.Add((New-Row 'Cold import' 'Whole process with Import-Module out/OktaServiceApp against a one-cmdlet binary module built the same way (wall ms, pair by pair)' `
                (Format-Stat (Get-Stat $import) 'ms') (Format-Stat (Get-Stat $one) 'ms') (Format-Stat (Get-Stat (Get-PairRatio $import $one)) '×') `
                '≈ 1.02× (PowerShell''s floor for a binary module)' ((Get-Stat (Get-PairRatio $import $one)).median -le 1.05)))
    $rows.Add((New-Row 'Cold import' 'Extra ms the import adds over bare pwsh (pair by pair)' (Format-Delta $extraStat) '' '' '< 150 ms' `
                ($extraStat.median -lt 150)))
    $inProcess = Get-Stat (Get-Values $runs['Import-Module'] 'inProcessMs')
    $rows.Add((New-Row 'Cold import' 'Import-Module alone, timed inside the fresh process (less noisy than the wall-time difference)' `
                (Format-Stat $inProcess 'ms') '' '' '< 150 ms (same aim)' ($inProcess.median -lt 150)))
    foreach ($name in 'import + New-OktaJwks', 'import + first API call') {
        $ours = Get-Values $runs[$name] 'ms'
        $plus = [double[]]@(for ($i = 0; $i -lt $ours.Count; $i++) { $ours[$i] - $bare[$i] })
        $what = if ($name -like '*Jwks') { 'Cold import + first New-OktaJwks (RS256 2048) (wall ms)' } else { 'Cold import + first API call, Invoke-OktaApi /api/v1/users (wall ms)' }
        $rows.Add((New-Row 'Cold import' $what (Format-Stat (Get-Stat $ours) 'ms') (Format-Stat $bareStat 'ms') `
                    ("$(Format-Stat (Get-Stat (Get-PairRatio $ours $bare)) '×'); $(Format-Delta (Get-Stat $plus))")))
    }
    @{
        name  = 'Cold import'
        sizes = $p
        runs  = $runs
        rows  = $rows
        notes = @(
            "The one-cmdlet module (tests/bench/OneCmdletModule) is netstandard2.0 on PowerShellStandard.Library with a manifest, like ours, but one cmdlet and no dependencies: PowerShell's own floor for importing a binary module. It runs in every round between bare pwsh and our import."
            "Each round starts 5 fresh processes in turn: ``pwsh -NoProfile -NonInteractive -c 1``, ``Import-Module`` of the one-cmdlet module, the same with ``Import-Module <out/OktaServiceApp>`` (wrapped in a Stopwatch that prints the in-process import time), with the import then ``New-OktaJwks``, and with the import then ``Invoke-OktaApi /api/v1/users`` (connection from OKTA_CLIENT_ORGURL/OKTA_CLIENT_TOKEN). Wall time is from process start to exit, timed by the harness. $($p.WarmUp) warm-up round (bare and import only) + $($p.Counted) counted rounds."
        )
    }
}

# ---- 2. bulk grants -----------------------------------------------------------------------------------------------------

function Invoke-BulkSuite {
    $p = $Plan.Bulk
    $scopeList = $Scopes[0..($p.Scopes - 1)]
    $n = $p.Apps * $p.Scopes
    Write-Host "==> 2. Bulk grants: $n grants ($($p.Apps) apps × $($p.Scopes) scopes), no rate limit, no faults"
    Set-EmulatorConfig $script:Emulator $NoLimits
    $connection = Connect-Okta -OrgUrl $script:Emulator.OrgUrl -ApiToken $script:Emulator.ApiToken
    # Cheap profile of each run: this process's CPU time (all its threads, not the emulator's) and its allocations.
    $startProbe = { @{ cpuMs = [System.Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalMilliseconds; bytes = [GC]::GetTotalAllocatedBytes($false) } }
    $measure = {
        param($Probe, [double] $Ms, [int] $Ok)
        $cpuMs = [System.Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalMilliseconds - $Probe.cpuMs
        $bytes = [GC]::GetTotalAllocatedBytes($false) - $Probe.bytes
        $stats = Get-EmulatorStats $script:Emulator
        [ordered]@{
            ms              = $Ms
            grants          = $Ok
            requests        = [int]$stats.totalRequests
            gets            = Get-Route $stats 'GET /api/v1/apps/{appId}/grants'
            posts           = Get-Route $stats 'POST /api/v1/apps/{appId}/grants'
            maxInFlight     = [int]$stats.maxInFlight
            grantsPerSec    = $Ok / ($Ms / 1000)
            requestsPerSec  = $stats.totalRequests / ($Ms / 1000)
            cpuMsPerGrant   = $cpuMs / $Ok
            allocKBPerGrant = $bytes / 1KB / $Ok
        }
    }
    $contenders = [ordered]@{
        'Grant-OktaScope'        = {
            $ids = New-BenchApps $p.Apps 'bulk-ours'
            $probe = & $startProbe
            $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
            $grants = $ids | Grant-OktaScope -Scope $scopeList -Connection $connection -ErrorAction SilentlyContinue -ErrorVariable failures
            $stopwatch.Stop()
            $result = & $measure $probe $stopwatch.Elapsed.TotalMilliseconds @($grants).Count
            Assert-Grants 'Grant-OktaScope' $n @($grants).Count $failures.Count
            $result
        }
        '(a) Invoke-RestMethod'  = {
            $ids = New-BenchApps $p.Apps 'bulk-irm'
            $probe = & $startProbe
            $r = Invoke-IrmLoop $ids $scopeList
            $result = & $measure $probe $r.ms $r.ok
            Assert-Grants 'The Invoke-RestMethod loop' $n $r.ok $r.failed
            $result
        }
        '(b) HttpClient floor'   = {
            $ids = New-BenchApps $p.Apps 'bulk-raw'
            $probe = & $startProbe
            $r = [OktaServiceAppBench.RawHttp]::GrantLoop($script:Emulator.OrgUrl, $script:Emulator.ApiToken, $ids, $scopeList)
            $result = & $measure $probe $r.ElapsedMs $r.Ok
            Assert-Grants 'The HttpClient loop' $n $r.Ok $r.Failed
            $result
        }
    }
    $runs = Invoke-Alternating -Contenders $contenders -WarmUp $p.WarmUp -Counted $p.Counted
    $ours = Get-Values $runs['Grant-OktaScope'] 'grantsPerSec'
    $irm = Get-Values $runs['(a) Invoke-RestMethod'] 'grantsPerSec'
    $raw = Get-Values $runs['(b) HttpClient floor'] 'grantsPerSec'
    $vsIrm = Get-Stat (Get-PairRatio $ours $irm)
    $vsRaw = Get-Stat (Get-PairRatio $ours $raw)
    $oursStat = Format-Stat (Get-Stat $ours) 'grants/s'
    $first = $runs['Grant-OktaScope'][0]
    $script:UnlimitedRate = @{
        ours = (Get-Stat (Get-Values $runs['Grant-OktaScope'] 'requestsPerSec')).median
        irm  = (Get-Stat (Get-Values $runs['(a) Invoke-RestMethod'] 'requestsPerSec')).median
    }
    $rows = [System.Collections.Generic.List[object]]::new()
    $rows.Add((New-Row 'Bulk grants' "$n grants ($($p.Apps) apps × $($p.Scopes) scopes), one pipeline, against (a) an Invoke-RestMethod loop" `
                $oursStat (Format-Stat (Get-Stat $irm) 'grants/s') "us/(a) $(Format-Stat $vsIrm '×')" '≥ 3×' ($vsIrm.median -ge 3)))
    $rows.Add((New-Row 'Bulk grants' 'The same, against (b) a raw C# HttpClient loop over one connection (the floor)' `
                $oursStat (Format-Stat (Get-Stat $raw) 'grants/s') "us/(b) $(Format-Stat $vsRaw '×')" '≥ 0.7×' ($vsRaw.median -ge 0.7)))
    $rows.Add((New-Row 'Bulk grants' "HTTP requests/s (per run: ours $($first.posts) POST + $($first.gets) GET, up to 4 apps at once, at most $(($runs['Grant-OktaScope'] | ForEach-Object { $_.maxInFlight } | Measure-Object -Maximum).Maximum) requests seen at once by the emulator; (a) and (b) $n POST, one at a time)" `
                (Format-Stat (Get-Stat (Get-Values $runs['Grant-OktaScope'] 'requestsPerSec')) 'req/s') `
                ("(a) $(Format-Stat (Get-Stat (Get-Values $runs['(a) Invoke-RestMethod'] 'requestsPerSec')) 'req/s'); (b) $(Format-Stat (Get-Stat (Get-Values $runs['(b) HttpClient floor'] 'requestsPerSec')) 'req/s')")))
    $profileCell = {
        param([string] $Name)
        "$(Format-Stat (Get-Stat (Get-Values $runs[$Name] 'cpuMsPerGrant' 1000)) 'µs') CPU, $(Format-Stat (Get-Stat (Get-Values $runs[$Name] 'allocKBPerGrant')) 'KB')"
    }
    $rows.Add((New-Row 'Bulk grants' 'Client cost per grant: CPU of the harness process (all threads, emulator excluded) and bytes allocated' `
                (& $profileCell 'Grant-OktaScope') "(a) $(& $profileCell '(a) Invoke-RestMethod'); (b) $(& $profileCell '(b) HttpClient floor')"))
    @{
        name  = 'Bulk grants'
        sizes = $p
        runs  = $runs
        rows  = $rows
        notes = @(
            "Every run gets a freshly reset org with $($p.Apps) new apps (made by Dynamic Client Registration, untimed), then grants the same $($p.Scopes) scopes to each. Ours: ```$ids | Grant-OktaScope -Scope …`` in one pipeline; it reads each app's grants once before posting (idempotence), so it sends $($p.Apps) GETs more than the baselines. (a) ``foreach`` over apps and scopes calling ``Invoke-RestMethod -Method Post`` with an ``SSWS`` Authorization header and a ``ConvertTo-Json`` body. (b) one ``HttpClient`` (MaxConnectionsPerServer 1) posting the same bodies one after another, compiled with Add-Type and run inside the harness. Ratios compare grants per second (higher is better). $($p.WarmUp) warm-up + $($p.Counted) counted rounds, order A B C."
        )
    }
}

# ---- 3. rate-limited bulk -----------------------------------------------------------------------------------------------

function Invoke-RateLimitedSuite {
    $p = $Plan.Rate
    $scopeList = $Scopes[0..($p.Scopes - 1)]
    $n = $p.Apps * $p.Scopes
    Write-Host "==> 3. Rate-limited bulk: $n grants ($($p.Apps) apps × $($p.Scopes) scopes), /api/v1/apps* limited to $($p.Limit) requests per $($p.Window) s"
    $config = @{
        rateLimits = @{ apps = @{ limit = $p.Limit; windowSeconds = $p.Window }; clients = $Unlimited; token = $Unlimited; default = $Unlimited }
        faults     = @{}
    }
    Set-EmulatorConfig $script:Emulator $config
    $epochNow = { [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() / 1000.0 }
    # Every timed run starts 50 ms into a fresh window, so runs are comparable and the minimum is never a sliver of a window.
    # The naive loop only needs to fit in one window (it never waits), so it starts at once when enough of the window is left.
    $alignToWindow = {
        param([double] $UnlessSecondsLeft = [double]::MaxValue)
        $now = & $epochNow
        $next = ([math]::Floor($now / $p.Window) + 1) * $p.Window
        if ($next - $now -ge $UnlessSecondsLeft) { return }
        Start-Sleep -Milliseconds ([int](($next + 0.05 - $now) * 1000))
    }
    $contenders = [ordered]@{
        'Grant-OktaScope'          = {
            $ids = New-BenchApps $p.Apps 'rate-ours'
            # A fresh connection per run: the pacer starts knowing nothing about the bucket, as a new runbook would.
            $connection = Connect-Okta -OrgUrl $script:Emulator.OrgUrl -ApiToken $script:Emulator.ApiToken
            & $alignToWindow
            $start = & $epochNow
            $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
            $grants = $ids | Grant-OktaScope -Scope $scopeList -Connection $connection -ErrorAction SilentlyContinue -ErrorVariable failures
            $stopwatch.Stop()
            $stats = Get-EmulatorStats $script:Emulator
            $client = Get-ClientStatistics $connection
            $applied = [int]$stats.totalRequests - [int]$stats.count429
            $minimum = Get-TheoreticalMinimum -Requests $applied -Limit $p.Limit -WindowSeconds $p.Window -Rate $script:UnlimitedRate.ours -StartEpoch $start
            $ms = $stopwatch.Elapsed.TotalMilliseconds
            [ordered]@{
                ms          = $ms
                minimumMs   = $minimum * 1000
                overMinimum = $ms / ($minimum * 1000)
                grants      = @($grants).Count
                errors      = $failures.Count
                errors429   = @($failures | Where-Object { "$_" -match '429|rate limit' }).Count
                requests    = [int]$stats.totalRequests
                count429    = [int]$stats.count429
                share429    = [int]$stats.count429 / [math]::Max(1, [int]$stats.totalRequests)
                retries     = [int]$client.Retries
                pacingWaits = [int]$client.PacingWaits
            }
        }
        'naive Invoke-RestMethod'  = {
            $ids = New-BenchApps $p.Apps 'rate-irm'
            & $alignToWindow ([math]::Min($p.Window * 0.9, 5 * $n / $script:UnlimitedRate.irm))
            $r = Invoke-IrmLoop $ids $scopeList
            $stats = Get-EmulatorStats $script:Emulator
            [ordered]@{ ms = $r.ms; grants = $r.ok; failed = $r.failed; requests = [int]$stats.totalRequests; count429 = [int]$stats.count429 }
        }
    }
    $runs = Invoke-Alternating -Contenders $contenders -WarmUp 0 -Counted $p.Counted

    # Once: what it takes to make the naive loop finish, with Invoke-RestMethod's own retry switches.
    Write-Host '    Invoke-RestMethod with -MaximumRetryCount (1 run)'
    $ids = New-BenchApps $p.Apps 'rate-irm-retry'
    & $alignToWindow
    $start = & $epochNow
    $retry = Invoke-IrmLoop $ids $scopeList @{ MaximumRetryCount = 10; RetryIntervalSec = $p.Window }
    $stats = Get-EmulatorStats $script:Emulator
    $applied = [int]$stats.totalRequests - [int]$stats.count429
    $retryMin = Get-TheoreticalMinimum -Requests $applied -Limit $p.Limit -WindowSeconds $p.Window -Rate $script:UnlimitedRate.irm -StartEpoch $start
    $retryRun = [ordered]@{ ms = $retry.ms; minimumMs = $retryMin * 1000; overMinimum = $retry.ms / ($retryMin * 1000); grants = $retry.ok; failed = $retry.failed
        requests = [int]$stats.totalRequests; count429 = [int]$stats.count429 }
    Write-Host ("    {0,-28} {1,-14} {2}" -f 'IRM -MaximumRetryCount', 'run 1/1', (Format-Measurement $retryRun))
    Set-EmulatorConfig $script:Emulator $NoLimits

    $ours = $runs['Grant-OktaScope']
    $naive = $runs['naive Invoke-RestMethod']
    $over = Get-Stat (Get-Values $ours 'overMinimum')
    $share = Get-Stat (Get-Values $ours 'share429' 100)
    $surfaced = Get-Stat (Get-Values $ours 'errors')
    $rows = [System.Collections.Generic.List[object]]::new()
    $rows.Add((New-Row 'Rate-limited bulk' "Elapsed against the theoretical minimum, $n grants at $($p.Limit) requests per $($p.Window) s (ours: elapsed s; naive loop: elapsed s, it does not wait)" `
                "$(Format-Stat $over '×') ($(Format-Stat (Get-Stat (Get-Values $ours 'ms' 0.001)) 's'))" `
                (Format-Stat (Get-Stat (Get-Values $naive 'ms' 0.001)) 's') '' '≤ 1.15×' ($over.median -le 1.15)))
    $rows.Add((New-Row 'Rate-limited bulk' '429s received (share of all requests)' `
                "$(Format-Stat (Get-Stat (Get-Values $ours 'count429'))) ($(Format-Stat $share '%'))" `
                "$(Format-Stat (Get-Stat (Get-Values $naive 'count429'))) of $(Format-Stat (Get-Stat (Get-Values $naive 'requests')))" '' '≤ 2%' ($share.median -le 2)))
    $rows.Add((New-Row 'Rate-limited bulk' 'Retries (module counters) / requests held by pacing' `
                "$(Format-Stat (Get-Stat (Get-Values $ours 'retries'))) / $(Format-Stat (Get-Stat (Get-Values $ours 'pacingWaits')))" '—'))
    $rows.Add((New-Row 'Rate-limited bulk' "Errors surfaced to the user (ours) / grants that failed (naive loop), of $n" `
                (Format-Stat $surfaced) (Format-Stat (Get-Stat (Get-Values $naive 'failed'))) '' '0 surfaced' ($surfaced.max -eq 0)))
    $rows.Add((New-Row 'Rate-limited bulk' "Invoke-RestMethod -MaximumRetryCount 10 -RetryIntervalSec $($p.Window), 1 run: elapsed against its own minimum, 429s, failures" `
                '' "$(Format-Number $retryRun.overMinimum)× ($(Format-Number ($retryRun.ms / 1000)) s), $($retryRun.count429) × 429, $($retryRun.failed) failed"))
    @{
        name         = 'Rate-limited bulk'
        sizes        = $p
        runs         = $runs
        irmWithRetry = $retryRun
        unlimitedRequestsPerSec = $script:UnlimitedRate
        rows         = $rows
        notes        = @(
            "The emulator's ``apps`` bucket (/api/v1/apps*) allows $($p.Limit) requests per fixed $($p.Window)-second window (aligned to epoch multiples, like the emulator); 429s do not count against it. Each run starts on a freshly reset org and limiter; ours (and Invoke-RestMethod with retries) 50 ms into a fresh window, the naive loop whenever enough of the window is left to finish in it; ours with a fresh ``Connect-Okta`` so the pacer starts knowing nothing. The theoretical minimum is the time a client sending at its own unlimited speed (from the bulk suite: ours $(Format-Number $script:UnlimitedRate.ours) req/s, Invoke-RestMethod $(Format-Number $script:UnlimitedRate.irm) req/s) would need to get the same applied requests through the windows from the same start instant. 429 share = emulator's 429 answers / all requests of the run. Retries and pacing holds are the connection's own counters (OktaClientStatistics). $($p.Counted) counted pairs, no warm-up (the bulk suite warmed up the code)."
        )
    }
}

# ---- 4. tokens ----------------------------------------------------------------------------------------------------------

function Invoke-TokensSuite {
    $p = $Plan.Tokens
    Write-Host "==> 4. Tokens: cold against cached, RS256 against ES256 assertions, DPoP"
    Set-EmulatorConfig $script:Emulator $NoLimits
    $null = Invoke-RestMethod -Method Post "$($script:Emulator.OrgUrl)/__emulator/reset"
    $org = $script:Emulator.OrgUrl
    $ssws = Connect-Okta -OrgUrl $org -ApiToken $script:Emulator.ApiToken
    $rsKey = New-OktaJwks -Algorithm RS256
    $esKey = New-OktaJwks -Algorithm ES256
    $plain = $rsKey | New-OktaServiceApp -Name bench-token -Connection $ssws | Grant-OktaScope okta.users.read -PassThru -Connection $ssws
    $dpopKey = New-OktaJwks -Algorithm RS256
    $dpop = $dpopKey | New-OktaServiceApp -Name bench-dpop -RequireDpop -Connection $ssws | Grant-OktaScope okta.users.read -PassThru -Connection $ssws
    $tokenRoute = 'POST /oauth2/v1/token'

    # The very first DPoP token of the session: the nonce challenge costs a round trip.
    Reset-EmulatorStats $script:Emulator
    $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
    $null = Get-OktaAccessToken -ClientId $dpop.ClientId -Jwks $dpopKey -OrgUrl $org -Scope okta.users.read -Force
    $stopwatch.Stop()
    $firstDpop = [ordered]@{ ms = $stopwatch.Elapsed.TotalMilliseconds; tokenRequests = Get-Route (Get-EmulatorStats $script:Emulator) $tokenRoute }
    $null = Get-OktaAccessToken -ClientId $plain.ClientId -Jwks $rsKey -OrgUrl $org -Scope okta.users.read

    $timeCalls = {
        param([int] $Count, [scriptblock] $Call)
        Reset-EmulatorStats $script:Emulator
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        for ($i = 0; $i -lt $Count; $i++) { $null = & $Call }
        $stopwatch.Stop()
        $stats = Get-EmulatorStats $script:Emulator
        [ordered]@{
            msPerCall       = $stopwatch.Elapsed.TotalMilliseconds / $Count
            requestsPerCall = $stats.totalRequests / $Count
            tokenPerCall    = (Get-Route $stats $tokenRoute) / $Count
        }
    }

    Write-Host "    cold (-Force, $($p.Cold) calls per run) against cached ($($p.Cached) calls per run)"
    $cache = Invoke-Alternating -WarmUp $p.WarmUp -Counted $p.Counted -Contenders ([ordered]@{
            'cold'   = { & $timeCalls $p.Cold { Get-OktaAccessToken -ClientId $plain.ClientId -Jwks $rsKey -OrgUrl $org -Scope okta.users.read -Force } }
            'cached' = { & $timeCalls $p.Cached { Get-OktaAccessToken -ClientId $plain.ClientId -Jwks $rsKey -OrgUrl $org -Scope okta.users.read } }
        })

    # Loopback makes a cold token unrealistically cheap; the same comparison with a WAN-like delay on the token endpoint.
    Write-Host "    cold with $($LatencyMs) ms of added latency on /oauth2/v1/token ($($p.LatencyCold) calls per run) against cached"
    Set-EmulatorConfig $script:Emulator @{ faults = @{ slow = 1.0; slowDelayMs = $LatencyMs; pathPrefixes = @('/oauth2/v1/token') } }
    try {
        $latency = Invoke-Alternating -WarmUp 0 -Counted $p.Counted -Contenders ([ordered]@{
                'cold, added latency' = { & $timeCalls $p.LatencyCold { Get-OktaAccessToken -ClientId $plain.ClientId -Jwks $rsKey -OrgUrl $org -Scope okta.users.read -Force } }
                'cached'              = { & $timeCalls $p.Cached { Get-OktaAccessToken -ClientId $plain.ClientId -Jwks $rsKey -OrgUrl $org -Scope okta.users.read } }
            })
    }
    finally { Set-EmulatorConfig $script:Emulator @{ faults = @{} } }

    Write-Host "    client assertions, $($p.Assertions) per run through one pipeline"
    $inputs = @(1..$p.Assertions | ForEach-Object { [pscustomobject]@{ ClientId = $plain.ClientId } })
    $sign = {
        param($Key)
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $count = ($inputs | New-OktaClientAssertion -Jwks $Key -OrgUrl $org | Measure-Object).Count
        $stopwatch.Stop()
        [ordered]@{ perSec = $count / $stopwatch.Elapsed.TotalSeconds; count = $count }
    }
    $assertions = Invoke-Alternating -WarmUp $p.WarmUp -Counted $p.Counted -Contenders ([ordered]@{
            'RS256' = { & $sign $rsKey }
            'ES256' = { & $sign $esKey }
        })

    Write-Host "    DPoP: cold tokens ($($p.Cold) per run) and API calls ($($p.Api) per run), DPoP-bound against plain Bearer"
    $dpopTokens = Invoke-Alternating -WarmUp $p.WarmUp -Counted $p.Counted -Contenders ([ordered]@{
            'DPoP token'  = { & $timeCalls $p.Cold { Get-OktaAccessToken -ClientId $dpop.ClientId -Jwks $dpopKey -OrgUrl $org -Scope okta.users.read -Force } }
            'plain token' = { & $timeCalls $p.Cold { Get-OktaAccessToken -ClientId $plain.ClientId -Jwks $rsKey -OrgUrl $org -Scope okta.users.read -Force } }
        })
    # Connect-Okta disposes the connection it replaces, so each run connects as its app (untimed) right before its calls.
    $dpopApi = Invoke-Alternating -WarmUp $p.WarmUp -Counted $p.Counted -Contenders ([ordered]@{
            'DPoP-bound API call' = {
                $connection = Connect-Okta -OrgUrl $org -ClientId $dpop.ClientId -Jwks $dpopKey -Scope okta.users.read
                & $timeCalls $p.Api { Invoke-OktaApi /api/v1/users -Connection $connection }
            }
            'Bearer API call'     = {
                $connection = Connect-Okta -OrgUrl $org -ClientId $plain.ClientId -Jwks $rsKey -Scope okta.users.read
                & $timeCalls $p.Api { Invoke-OktaApi /api/v1/users -Connection $connection }
            }
        })
    $null = Connect-Okta -OrgUrl $org -ApiToken $script:Emulator.ApiToken

    $cold = Get-Values $cache['cold'] 'msPerCall'
    $cached = Get-Values $cache['cached'] 'msPerCall'
    $cacheRatio = Get-Stat (Get-PairRatio $cold $cached)
    $rs = Get-Values $assertions['RS256'] 'perSec'
    $es = Get-Values $assertions['ES256'] 'perSec'
    $dTok = Get-Values $dpopTokens['DPoP token'] 'msPerCall'
    $pTok = Get-Values $dpopTokens['plain token'] 'msPerCall'
    $dApi = Get-Values $dpopApi['DPoP-bound API call'] 'msPerCall'
    $pApi = Get-Values $dpopApi['Bearer API call'] 'msPerCall'
    $diff = { param($a, $b) , [double[]]@(for ($i = 0; $i -lt $a.Count; $i++) { $a[$i] - $b[$i] }) }
    $rows = [System.Collections.Generic.List[object]]::new()
    $rows.Add((New-Row 'Tokens' 'Get-OktaAccessToken, ms per call: cold (-Force: sign, POST /oauth2/v1/token) against cached' `
                (Format-Stat (Get-Stat $cold) 'ms') (Format-Stat (Get-Stat $cached) 'ms') "cold/cached $(Format-Stat $cacheRatio '×')" '≥ 100×' ($cacheRatio.median -ge 100)))
    $slowCold = Get-Values $latency['cold, added latency'] 'msPerCall'
    $slowCached = Get-Values $latency['cached'] 'msPerCall'
    $rows.Add((New-Row 'Tokens' "The same with $LatencyMs ms added to every token request (a WAN round trip; informative, not the target measure)" `
                (Format-Stat (Get-Stat $slowCold) 'ms') (Format-Stat (Get-Stat $slowCached) 'ms') "cold/cached $(Format-Stat (Get-Stat (Get-PairRatio $slowCold $slowCached)) '×')"))
    $rows.Add((New-Row 'Tokens' 'Client assertions signed per second (New-OktaClientAssertion, one pipeline): RS256 against ES256' `
                (Format-Stat (Get-Stat $rs) '/s') (Format-Stat (Get-Stat $es) '/s') "RS256/ES256 $(Format-Stat (Get-Stat (Get-PairRatio $rs $es)) '×')"))
    $rows.Add((New-Row 'Tokens' "DPoP: first token of the session, round trips to /oauth2/v1/token (nonce challenge) and ms" `
                "$($firstDpop.tokenRequests) round trips, $(Format-Number $firstDpop.ms) ms" '1 round trip without DPoP'))
    $rows.Add((New-Row 'Tokens' 'DPoP: cold token afterwards (nonce remembered), ms and round trips per call, against a plain cold token' `
                "$(Format-Stat (Get-Stat $dTok) 'ms'), $(Format-Stat (Get-Stat (Get-Values $dpopTokens['DPoP token'] 'tokenPerCall'))) round trip(s)/call" `
                "$(Format-Stat (Get-Stat $pTok) 'ms'), $(Format-Stat (Get-Stat (Get-Values $dpopTokens['plain token'] 'tokenPerCall'))) round trip(s)/call" `
                "$(Format-Stat (Get-Stat (Get-PairRatio $dTok $pTok)) '×'); $(Format-Delta (Get-Stat (& $diff $dTok $pTok)))"))
    $rows.Add((New-Row 'Tokens' 'DPoP: Invoke-OktaApi /api/v1/users with a DPoP-bound token (new proof per request) against Bearer, ms and requests per call' `
                "$(Format-Stat (Get-Stat $dApi) 'ms'), $(Format-Stat (Get-Stat (Get-Values $dpopApi['DPoP-bound API call'] 'requestsPerCall'))) request(s)/call" `
                "$(Format-Stat (Get-Stat $pApi) 'ms'), $(Format-Stat (Get-Stat (Get-Values $dpopApi['Bearer API call'] 'requestsPerCall'))) request(s)/call" `
                "$(Format-Stat (Get-Stat (Get-PairRatio $dApi $pApi)) '×'); $(Format-Delta (Get-Stat (& $diff $dApi $pApi)))"))
    @{
        name  = 'Tokens'
        sizes = $p
        runs  = @{ cache = $cache; cacheWithLatency = $latency; assertions = $assertions; dpopTokens = $dpopTokens; dpopApi = $dpopApi; firstDpopToken = $firstDpop }
        rows  = $rows
        notes = @(
            "One RS256 app made by Dynamic Client Registration and one ``-RequireDpop`` app, both granted okta.users.read. Each run times a loop of calls in this process (cold: $($p.Cold) ``Get-OktaAccessToken -Force`` calls, each signs an assertion and posts it; cached: $($p.Cached) calls answered from the in-memory cache) and divides by the count. Assertions: $($p.Assertions) objects piped into one ``New-OktaClientAssertion`` per run. The latency row makes the emulator hold every token request $LatencyMs ms (its 'slow' fault on /oauth2/v1/token only). Round trips come from the emulator's request counts. $($p.WarmUp) warm-up + $($p.Counted) counted pairs per comparison."
        )
    }
}

# ---- 5. memory ----------------------------------------------------------------------------------------------------------

function Invoke-MemorySuite {
    $p = $Plan.Memory
    $small = $p.SmallApps * $Scopes.Count
    $large = $p.LargeApps * $Scopes.Count
    Write-Host "==> 5. Memory: peak working set of a fresh pwsh streaming $large grants against $small"
    Set-EmulatorConfig $script:Emulator $NoLimits
    $child = Join-Path $PSScriptRoot 'Memory.Child.ps1'
    $idsPath = Join-Path ([System.IO.Path]::GetTempPath()) "oktaserviceapp-bench-ids-$PID.txt"
    $run = {
        param([int] $Apps)
        $ids = New-BenchApps $Apps 'memory'
        Set-Content -LiteralPath $idsPath -Value $ids
        $output = & $Pwsh -NoProfile -NonInteractive -File $child -ModulePath $ModulePath -IdsPath $idsPath -Scopes ($Scopes -join ',') 2>&1
        if ($LASTEXITCODE -ne 0) { throw "The memory child exited with $LASTEXITCODE`: $($output | Out-String)" }
        $r = "$($output | Select-Object -Last 1)" | ConvertFrom-Json -AsHashtable
        Assert-Grants 'The memory child' ($Apps * $Scopes.Count) $r.grants $r.errors
        $r.growthMB = $r.peakMB - $r.workingSetMB
        $r
    }
    try {
        $runs = Invoke-Alternating -WarmUp $p.WarmUp -Counted $p.Counted -Contenders ([ordered]@{
                "$large grants" = { & $run $p.LargeApps }
                "$small grants" = { & $run $p.SmallApps }
            })
    }
    finally { Remove-Item -LiteralPath $idsPath -ErrorAction SilentlyContinue }
    $big = Get-Values $runs["$large grants"] 'peakMB'
    $little = Get-Values $runs["$small grants"] 'peakMB'
    $ratio = Get-Stat (Get-PairRatio $big $little)
    $bigGrowth = Get-Values $runs["$large grants"] 'growthMB'
    $littleGrowth = Get-Values $runs["$small grants"] 'growthMB'
    $rows = [System.Collections.Generic.List[object]]::new()
    $rows.Add((New-Row 'Memory' "Peak working set of the process, $large grants (ours) against $small grants (baseline)" `
                (Format-Stat (Get-Stat $big) 'MB') (Format-Stat (Get-Stat $little) 'MB') (Format-Stat $ratio '×') 'flat (≤ 1.1×)' ($ratio.median -le 1.1)))
    $rows.Add((New-Row 'Memory' 'Growth during the pipeline: peak minus the working set before it (gen0 collections during it)' `
                "$(Format-Stat (Get-Stat $bigGrowth) 'MB') ($(Format-Stat (Get-Stat (Get-Values $runs["$large grants"] 'gen0Collections'))) GCs)" `
                "$(Format-Stat (Get-Stat $littleGrowth) 'MB') ($(Format-Stat (Get-Stat (Get-Values $runs["$small grants"] 'gen0Collections'))) GCs)" `
                "$(Format-Delta (Get-Stat (& { [double[]]@(for ($i = 0; $i -lt $bigGrowth.Count; $i++) { $bigGrowth[$i] - $littleGrowth[$i] }) })) 'MB')"))
    $bigKept = Get-Values $runs["$large grants"] 'retainedMB'
    $littleKept = Get-Values $runs["$small grants"] 'retainedMB'
    $rows.Add((New-Row 'Memory' 'Managed memory still held after the pipeline (after a full GC): what streaming keeps' `
                (Format-Stat (Get-Stat $bigKept) 'MB') (Format-Stat (Get-Stat $littleKept) 'MB') (Format-Stat (Get-Stat (Get-PairRatio $bigKept $littleKept)) '×')))
    $perGrant = { param($r) , [double[]]@($r | ForEach-Object { $_.allocatedMB * 1024 / $_.grants }) }
    $bigAlloc = Get-Values $runs["$large grants"] 'allocatedMB' 1024
    $littleAlloc = Get-Values $runs["$small grants"] 'allocatedMB' 1024
    $marginal = [double[]]@(for ($i = 0; $i -lt $bigAlloc.Count; $i++) { ($bigAlloc[$i] - $littleAlloc[$i]) / ($large - $small) })
    $rows.Add((New-Row 'Memory' 'Allocated per grant during the pipeline, whole process (ratio column: each extra grant, from the pair)' `
                (Format-Stat (Get-Stat (& $perGrant $runs["$large grants"])) 'KB') (Format-Stat (Get-Stat (& $perGrant $runs["$small grants"])) 'KB') `
                "$(Format-Stat (Get-Stat $marginal) 'KB') per extra grant"))
    @{
        name  = 'Memory'
        sizes = @{ smallGrants = $small; largeGrants = $large; warmUp = $p.WarmUp; counted = $p.Counted }
        runs  = $runs
        rows  = $rows
        notes = @(
            "Each run is a fresh ``pwsh -File Memory.Child.ps1``: import the module, collect garbage, read the working set, then ``Get-Content ids.txt | Grant-OktaScope -Scope <10 scopes> | Measure-Object`` (nothing collected), then read the process's peak working set, then collect garbage again to see what the pipeline kept. Apps are made by the harness beforehand on a freshly reset org. 'Flat (≤ 1.1×)' is this harness's reading of 'streaming should keep it flat'; the issue gives no number. $($p.WarmUp) warm-up + $($p.Counted) counted pairs."
        )
    }
}

# ---- main ---------------------------------------------------------------------------------------------------------------

# The machine's own OKTA_CLIENT_* variables must not steer the run (a MaxApiCapacity of 50 would halve the rate-limited suite):
# clear them all, pin the knobs at their defaults (environment beats ~/.okta/okta.yaml), and restore everything at the end.
$savedEnv = @{}
foreach ($item in @(Get-ChildItem env: | Where-Object Name -like 'OKTA_CLIENT_*')) {
    $savedEnv[$item.Name] = $item.Value
    Remove-Item -LiteralPath "env:$($item.Name)"
}
$machine = Get-MachineInfo -RepoRoot $RepoRoot
Write-Host "==> OktaServiceApp bench ($mode): $($machine.cores) cores, $($machine.runtime), PowerShell $($machine.pwsh), load $($machine.loadAvg)"
$suites = [System.Collections.Generic.List[object]]::new()
$failed = $null
$script:Emulator = Start-TestEmulator
try {
    # Child processes (cold import, memory) connect through the SDK environment variables, never a command line.
    $env:OKTA_CLIENT_ORGURL = $script:Emulator.OrgUrl
    $env:OKTA_CLIENT_TOKEN = $script:Emulator.ApiToken
    $env:OKTA_CLIENT_AUTHORIZATIONMODE = 'SSWS'
    $env:OKTA_CLIENT_RATELIMIT_MAXRETRIES = '4'
    $env:OKTA_CLIENT_REQUESTTIMEOUT = '100'
    $env:OKTA_CLIENT_MAXAPICAPACITY = '100'
    $script:AppJwksJson = (New-OktaJwks -Algorithm ES256).ToJson()
    $script:UnlimitedRate = $null
    foreach ($suite in 'Invoke-ColdImportSuite', 'Invoke-BulkSuite', 'Invoke-RateLimitedSuite', 'Invoke-TokensSuite', 'Invoke-MemorySuite') {
        $suiteClock = [System.Diagnostics.Stopwatch]::StartNew()
        $result = & $suite
        $result.seconds = [math]::Round($suiteClock.Elapsed.TotalSeconds, 1)
        Write-Host "    ($($result.name): $($result.seconds) s)"
        $suites.Add($result)
    }
}
catch {
    $failed = $_
}
finally {
    Stop-TestEmulator $script:Emulator
    foreach ($item in @(Get-ChildItem env: | Where-Object Name -like 'OKTA_CLIENT_*')) { Remove-Item -LiteralPath "env:$($item.Name)" }
    foreach ($name in $savedEnv.Keys) { Set-Item -LiteralPath "env:$name" -Value $savedEnv[$name] }
}

if ($failed) {
    Write-Host "Bench failed: $($failed.Exception.Message)" -ForegroundColor Red
    Write-Host $failed.ScriptStackTrace
    exit 1
}

$report = [ordered]@{
    date           = [DateTimeOffset]::UtcNow.ToString('yyyy-MM-dd HH:mm:ss') + ' UTC'
    mode           = $mode
    dryRun         = $DryRun.IsPresent
    machine        = $machine
    loadAvgEnd     = Get-LoadAverage
    elapsedSeconds = $benchClock.Elapsed.TotalSeconds
    scopes         = $Scopes
    rows           = @($suites | ForEach-Object { $_.rows })
    suites         = @($suites | ForEach-Object {
            $raw = [ordered]@{}
            foreach ($key in $_.Keys) { if ($key -notin 'name', 'sizes', 'notes', 'rows', 'seconds') { $raw[$key] = $_[$key] } }
            [ordered]@{ name = $_.name; seconds = $_.seconds; sizes = $_.sizes; notes = $_.notes; raw = $raw }
        })
}
$markdown = Write-BenchResults -OutDir $OutDir -Report $report
Write-Host ''
Write-Host $markdown
Write-Host "==> results: $(Join-Path $OutDir 'results.md') and results.json ($([math]::Round($benchClock.Elapsed.TotalSeconds, 1)) s)"
exit 0
