# Plumbing for Invoke-Bench.ps1: A B A B runs, summaries, pair-by-pair ratios, fresh processes, the theoretical minimum of a
# rate-limited run, and the results files. Nothing here knows about Okta.
Set-StrictMode -Version 3.0

function Invoke-Alternating {
    <#
    .SYNOPSIS
        Runs the contenders in turn, A B C A B C ..., WarmUp rounds first (thrown away), then Counted rounds.
        Each contender is a script block that does its own untimed setup, times its own work and returns one measurement.
        Returns a hashtable: contender name -> list of the counted measurements, in round order (so index i pairs up).
    #>
    param(
        [Parameter(Mandatory)] [System.Collections.Specialized.OrderedDictionary] $Contenders,
        [int] $WarmUp = 1,
        [int] $Counted = 5,
        # When given, warm-up rounds run only these contenders (e.g. to warm caches without paying for every variant).
        [string[]] $WarmUpWith
    )
    $results = [ordered]@{}
    foreach ($name in $Contenders.Keys) { $results[$name] = [System.Collections.Generic.List[object]]::new() }
    for ($round = 0; $round -lt $WarmUp + $Counted; $round++) {
        $counting = $round -ge $WarmUp
        $tag = if ($counting) { "run $($round - $WarmUp + 1)/$Counted" } else { "warm-up $($round + 1)/$WarmUp" }
        foreach ($name in $Contenders.Keys) {
            if (-not $counting -and $WarmUpWith -and $name -notin $WarmUpWith) { continue }
            $measurement = & $Contenders[$name]
            if ($counting) { $results[$name].Add($measurement) }
            Write-Host ("    {0,-28} {1,-14} {2}" -f $name, $tag, (Format-Measurement $measurement))
        }
    }
    $results
}

function Format-Measurement($Measurement) {
    if ($Measurement -is [System.Collections.IDictionary]) {
        ($Measurement.GetEnumerator() | Where-Object { $_.Value -is [ValueType] -or $_.Value -is [string] } |
            ForEach-Object { '{0}={1}' -f $_.Key, (Format-Number $_.Value) }) -join ' '
    }
    else { Format-Number $Measurement }
}

function Format-Number($Value, [int] $Digits = -1) {
    if ($Value -isnot [double] -and $Value -isnot [single] -and $Value -isnot [decimal]) { return "$Value" }
    if ([double]::IsNaN($Value)) { return 'n/a' }
    if ($Digits -lt 0) {
        $abs = [math]::Abs($Value)
        if ($Value -eq [math]::Floor($Value) -and $abs -lt 1e9) { return ([long]$Value).ToString([cultureinfo]::InvariantCulture) }
        $Digits = if ($abs -ge 100) { 0 } elseif ($abs -ge 10) { 1 } elseif ($abs -ge 1) { 2 } else { 3 }
    }
    $Value.ToString("N$Digits", [cultureinfo]::InvariantCulture)
}

function Get-Stat {
    <# Median, min, max and count of a list of numbers (NaN when empty). #>
    param([AllowEmptyCollection()] [double[]] $Values)
    $sorted = @($Values | Where-Object { -not [double]::IsNaN($_) } | Sort-Object)
    $n = $sorted.Count
    if ($n -eq 0) { return [ordered]@{ n = 0; median = [double]::NaN; min = [double]::NaN; max = [double]::NaN } }
    $median = if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
    [ordered]@{ n = $n; median = [double]$median; min = [double]$sorted[0]; max = [double]$sorted[-1] }
}

function Get-PairRatio {
    <# Run i of A over run i of B, for every i. #>
    param([double[]] $A, [double[]] $B)
    $count = [math]::Min($A.Count, $B.Count)
    , [double[]]@(for ($i = 0; $i -lt $count; $i++) { if ($B[$i] -ne 0) { $A[$i] / $B[$i] } else { [double]::NaN } })
}

function Format-Delta {
    <# A signed difference: "+95.7 ms (80.1–120)", "-12.0 ms". #>
    param($Stat, [string] $Unit = 'ms')
    $text = Format-Stat $Stat $Unit
    if ($Stat.median -ge 0) { "+$text" } else { $text }
}

function Format-Stat {
    <# "412 ms (398–450)"; just the value when there was one run. #>
    param($Stat, [string] $Unit = '', [int] $Digits = -1)
    if ($null -eq $Stat) { return '' }
    $u = if ($Unit) { if ($Unit -eq '×' -or $Unit -eq '%') { $Unit } else { " $Unit" } } else { '' }
    $median = Format-Number $Stat.median $Digits
    if ($Stat.n -le 1) { return "$median$u" }
    "$median$u ($(Format-Number $Stat.min $Digits)–$(Format-Number $Stat.max $Digits))"
}

function Measure-Pwsh {
    <#
    .SYNOPSIS
        Runs `pwsh -NoProfile -NonInteractive -Command <Command>` in a fresh process and times it from start to exit.
    #>
    param([Parameter(Mandatory)] [string] $Pwsh, [Parameter(Mandatory)] [string] $Command)
    $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
    $output = & $Pwsh -NoProfile -NonInteractive -Command $Command 2>&1
    $stopwatch.Stop()
    if ($LASTEXITCODE -ne 0) { throw "pwsh -Command '$Command' exited with $LASTEXITCODE`: $($output | Out-String)" }
    [pscustomobject]@{ Ms = $stopwatch.Elapsed.TotalMilliseconds; Output = @($output | ForEach-Object { "$_" }) }
}

function Get-TheoreticalMinimum {
    <#
    .SYNOPSIS
        The shortest time in which a client sending at Rate requests/s can get Requests requests through a fixed-window limit
        of Limit per WindowSeconds (windows aligned to epoch multiples, as the emulator does), starting at StartEpoch with a
        full budget. Requests refused with 429 do not count against the limit, so they are not part of Requests.
    #>
    param([int] $Requests, [int] $Limit, [int] $WindowSeconds, [double] $Rate, [double] $StartEpoch)
    $t = $StartEpoch
    $left = $Requests
    $windowEnd = ([math]::Floor($StartEpoch / $WindowSeconds) + 1) * $WindowSeconds
    while ($true) {
        $capacity = [math]::Floor(($windowEnd - $t) * $Rate)
        $canSend = [math]::Min($Limit, $capacity)
        if ($left -le $canSend) { return ($t + $left / $Rate) - $StartEpoch }
        $left -= $canSend
        $t = $windowEnd
        $windowEnd += $WindowSeconds
    }
}

function Get-MachineInfo {
    param([string] $RepoRoot)
    $commit = $null
    try {
        $commit = (& git -C $RepoRoot rev-parse --short HEAD 2>$null)
        if ($LASTEXITCODE -ne 0) { $commit = $null }
        elseif (& git -C $RepoRoot status --porcelain 2>$null) { $commit = "$commit (with uncommitted changes)" }
    }
    catch { $commit = $null }
    [ordered]@{
        cores     = [Environment]::ProcessorCount
        os        = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription.Trim()
        arch      = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString()
        runtime   = [System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
        pwsh      = $PSVersionTable.PSVersion.ToString()
        commit    = $commit
        loadAvg   = Get-LoadAverage
    }
}

function Get-LoadAverage {
    if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg -Raw) -split ' ')[0..2] -join ' ' } else { $null }
}

function New-Row {
    <# One line of the results table. Met is decided on the median; 'n/a' without a target or in a dry run. #>
    param(
        [string] $Suite, [string] $Measure, [string] $Ours = '', [string] $Baseline = '', [string] $Ratio = '',
        [string] $Target = '', [Nullable[bool]] $Met = $null
    )
    $metText = if ($script:DryRunRows -and $Target) { 'n/a (dry run)' } elseif ($null -eq $Met) { '' } elseif ($Met) { 'yes' } else { '**no**' }
    [pscustomobject][ordered]@{
        Suite = $Suite; Measure = $Measure; Ours = $Ours; Baseline = $Baseline; Ratio = $Ratio; Target = $Target; Met = $metText
    }
}

function Set-DryRunRows([bool] $On) { $script:DryRunRows = $On }

function ConvertTo-MarkdownCell([string] $Text) { $Text.Replace('|', '\|').Replace("`n", ' ') }

function Write-BenchResults {
    <#
    .SYNOPSIS
        Writes results.md (header, table, notes) and results.json (everything, raw numbers included) to OutDir; returns the
        Markdown text.
    #>
    param(
        [Parameter(Mandatory)] [string] $OutDir,
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Report
    )
    if (-not (Test-Path $OutDir)) { $null = New-Item -ItemType Directory -Path $OutDir -Force }
    $m = $Report.machine
    $lines = [System.Collections.Generic.List[string]]::new()
    $title = if ($Report.dryRun) { '# OktaServiceApp benchmark — DRY RUN (no timing claims)' } else { '# OktaServiceApp benchmark' }
    $lines.Add($title)
    $lines.Add('')
    if ($Report.dryRun) {
        $lines.Add('**DRY RUN**: every suite ran once at its smallest size to prove the harness works. The figures below are not measurements.')
        $lines.Add('')
    }
    $lines.Add("- Date: $($Report.date)")
    $lines.Add("- Mode: $($Report.mode)")
    $lines.Add("- Machine: $($m.cores) cores, $($m.os) ($($m.arch)), $($m.runtime), PowerShell $($m.pwsh)")
    if ($m.loadAvg) { $lines.Add("- Load average at start: $($m.loadAvg); at end: $($Report.loadAvgEnd)") }
    if ($m.commit) { $lines.Add("- Commit: $($m.commit)") }
    $lines.Add("- Bench time: $([math]::Round($Report.elapsedSeconds, 1)) s (" + (($Report.suites | ForEach-Object { "$($_.name) $($_.seconds) s" }) -join ', ') + ')')
    $lines.Add('- Figures are median (min–max). Ratios are taken pair by pair (run i of ours against run i of the baseline, alternating A B A B), then summarised the same way. Absolute times on a shared machine are noise; ratios are the claim.')
    $lines.Add('')
    $lines.Add('| Suite | Measure | Ours | Baseline | Ratio | Target | Met? |')
    $lines.Add('| --- | --- | --- | --- | --- | --- | --- |')
    foreach ($row in $Report.rows) {
        $cells = foreach ($c in 'Suite', 'Measure', 'Ours', 'Baseline', 'Ratio', 'Target', 'Met') { ConvertTo-MarkdownCell $row.$c }
        $lines.Add('| ' + ($cells -join ' | ') + ' |')
    }
    $lines.Add('')
    $lines.Add('## Notes')
    $lines.Add('')
    foreach ($suite in $Report.suites) {
        foreach ($note in $suite.notes) { $lines.Add("- **$($suite.name)**: $note") }
    }
    $lines.Add('')
    $lines.Add('Raw numbers: `results.json` next to this file.')
    $markdown = ($lines -join "`n") + "`n"
    Set-Content -Path (Join-Path $OutDir 'results.md') -Value $markdown -NoNewline -Encoding utf8NoBOM
    $json = $Report | ConvertTo-Json -Depth 12
    Set-Content -Path (Join-Path $OutDir 'results.json') -Value $json -Encoding utf8NoBOM
    $markdown
}

Export-ModuleMember -Function Invoke-Alternating, Format-Number, Format-Stat, Format-Delta, Get-Stat, Get-PairRatio, Measure-Pwsh,
    Get-TheoreticalMinimum, Get-MachineInfo, Get-LoadAverage, New-Row, Set-DryRunRows, Write-BenchResults, Format-Measurement
