<#
.SYNOPSIS
    The memory suite's fresh process: imports the module, then streams every client id in IdsPath through one
    Grant-OktaScope pipeline and prints one JSON line with the process's working set before and its peak after.
    The connection comes from OKTA_CLIENT_ORGURL / OKTA_CLIENT_TOKEN, set by Invoke-Bench.ps1 (never on the command line).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $IdsPath,
    [Parameter(Mandatory)] [string] $Scopes
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $ModulePath 'OktaServiceApp.psd1')
$scopeList = $Scopes -split ','
[GC]::Collect()
[GC]::WaitForPendingFinalizers()
$process = [System.Diagnostics.Process]::GetCurrentProcess()
$process.Refresh()
$before = $process.WorkingSet64
$peakBefore = $process.PeakWorkingSet64
$allocatedBefore = [GC]::GetTotalAllocatedBytes($true)
$gen0Before = [GC]::CollectionCount(0)
$stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
# Streaming end to end: ids are read line by line and every grant is counted and dropped, never collected.
$count = (Get-Content -LiteralPath $IdsPath | Grant-OktaScope -Scope $scopeList -ErrorAction SilentlyContinue -ErrorVariable failures |
        Measure-Object).Count
$stopwatch.Stop()
$process.Refresh()
$peak = $process.PeakWorkingSet64
$allocated = [GC]::GetTotalAllocatedBytes($true) - $allocatedBefore
$gen0 = [GC]::CollectionCount(0) - $gen0Before
$heap = [GC]::GetTotalMemory($false)
[ordered]@{
    grants          = $count
    errors          = $failures.Count
    ms              = $stopwatch.Elapsed.TotalMilliseconds
    workingSetMB    = $before / 1MB
    peakBeforeMB    = $peakBefore / 1MB
    peakMB          = $peak / 1MB
    managedHeapMB   = $heap / 1MB
    # After the peak was read: what a full collection leaves is what the pipeline kept.
    retainedMB      = [GC]::GetTotalMemory($true) / 1MB
    allocatedMB     = $allocated / 1MB
    gen0Collections = $gen0
} | ConvertTo-Json -Compress
