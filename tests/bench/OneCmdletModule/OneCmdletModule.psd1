@{
    RootModule           = 'OneCmdletModule.dll'
    ModuleVersion        = '1.0.0'
    GUID                 = '6a0d3c1e-2b7f-4e51-9c8a-0f4e7d2b9a13'
    Author               = 'OktaServiceApp.PowerShell contributors'
    Description          = 'Benchmark baseline: one cmdlet, built like OktaServiceApp.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    CmdletsToExport      = @('Get-BenchBaseline')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
}
