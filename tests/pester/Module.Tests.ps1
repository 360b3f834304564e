BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
}

Describe 'OktaServiceApp module' {
    It 'imports in a fresh pwsh without warnings and exports its cmdlets' {
        $out = & pwsh -NoProfile -NonInteractive -Command "Import-Module '$ModulePath/OktaServiceApp.psd1' -WarningVariable w 3>&1; if (`$w) { 'WARN' }; (Get-Command -Module OktaServiceApp).Count" 2>&1
        $LASTEXITCODE | Should -Be 0
        $out | Should -Not -Contain 'WARN'
        [int]($out | Select-Object -Last 1) | Should -BeGreaterThan 10
    }

    It 'passes Test-ModuleManifest with both editions and explicit exports' {
        $manifest = Test-ModuleManifest (Join-Path $ModulePath 'OktaServiceApp.psd1')
        $manifest.CompatiblePSEditions | Should -Contain 'Desktop'
        $manifest.CompatiblePSEditions | Should -Contain 'Core'
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
        $manifest.ExportedCmdlets.Count | Should -BeGreaterThan 10
        $manifest.ExportedFunctions.Count | Should -Be 0
    }

    It 'keeps every dependency out of the module root' {
        Get-ChildItem $ModulePath -Filter *.dll | ForEach-Object Name | Sort-Object | Should -Be @('OktaServiceApp.Core.dll', 'OktaServiceApp.dll')
        Join-Path $ModulePath 'Dependencies/Core/Microsoft.IdentityModel.Tokens.dll' | Should -Exist
    }
}
