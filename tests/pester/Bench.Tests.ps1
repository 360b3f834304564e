# Keeps tests/bench/Invoke-Bench.ps1 from rotting: CI never runs the benchmark, so run every suite once (-DryRun -Quick) in a
# fresh pwsh against the staged module and check that it finishes and writes both result files. No figure is asserted.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    $script:EmulatorPath = if ($env:OKTASERVICEAPP_TEST_EMULATOR) { $env:OKTASERVICEAPP_TEST_EMULATOR } else { Join-Path $PSScriptRoot '../../out/emulator/OktaEmulator.dll' }
    $script:BenchScript = Join-Path $PSScriptRoot '../bench/Invoke-Bench.ps1'
    $script:SuiteNames = @('Cold import', 'Bulk grants', 'Rate-limited bulk', 'Tokens', 'Memory')

    $script:OutDir = Join-Path $TestDrive 'bench'
    $script:Log = & pwsh -NoProfile -NonInteractive -File $BenchScript -ModulePath $ModulePath -EmulatorPath $EmulatorPath `
        -OutDir $OutDir -DryRun -Quick 2>&1 | ForEach-Object { "$_" }
    $script:ExitCode = $LASTEXITCODE
}

Describe 'Invoke-Bench.ps1 -DryRun -Quick' {
    It 'exits 0' {
        $ExitCode | Should -Be 0 -Because ($Log -join "`n")
    }

    It 'writes results.md marked DRY RUN, with the machine and every suite' {
        $md = Join-Path $OutDir 'results.md'
        $md | Should -Exist
        $text = Get-Content $md -Raw
        $text | Should -Match 'DRY RUN'
        $text | Should -Match '\| Suite \| Measure \| Ours \| Baseline \| Ratio \| Target \| Met\? \|'
        $text | Should -Match 'Machine: \d+ cores'
        foreach ($name in $SuiteNames) { $text | Should -Match ([regex]::Escape("| $name |")) }
    }

    It 'writes results.json with the raw runs of every suite' {
        $json = Join-Path $OutDir 'results.json'
        $json | Should -Exist
        $report = Get-Content $json -Raw | ConvertFrom-Json
        $report.dryRun | Should -BeTrue
        $report.machine.cores | Should -BeGreaterThan 0
        @($report.suites.name) | Should -Be $SuiteNames
        foreach ($suite in $report.suites) { $suite.raw.runs | Should -Not -BeNullOrEmpty -Because "$($suite.name) keeps its raw runs" }
        @($report.rows).Count | Should -BeGreaterThan 10
    }
}
