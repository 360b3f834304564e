# Remove-OktaServiceApp: deletes an app (high impact, -WhatIf keeps it), by id or piped, and maps an unknown id to ObjectNotFound.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite
    $SharedKey = New-OktaJwks -Algorithm ES256
}

AfterAll {
    Complete-TestSuite
}

Describe 'Remove-OktaServiceApp' {
    It 'is a high-impact change that supports -WhatIf and -Confirm' {
        $type = (Get-Command Remove-OktaServiceApp).ImplementingType
        $attribute = $type.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::High)
    }

    It 'deletes the app: gone from the org, and Get-OktaServiceApp no longer finds it' {
        $app = New-OktaServiceApp -Name remove-me -Jwks $SharedKey | Grant-OktaScope okta.users.read -PassThru
        Reset-EmulatorStats $Emulator

        $out = Remove-OktaServiceApp -ClientId $app.ClientId -Confirm:$false -ErrorVariable err

        $out | Should -BeNullOrEmpty
        @($err).Count | Should -Be 0
        Get-LifecycleRouteCount (Get-EmulatorStats $Emulator) 'DELETE /oauth2/v1/clients/{clientId}' | Should -Be 1
        Get-LifecycleClient $Emulator $app.ClientId | Should -BeNullOrEmpty
        Get-OktaServiceApp -ClientId $app.ClientId -ErrorVariable gone -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $gone[0].FullyQualifiedErrorId | Should -Match '^ObjectNotFound(,|$)'
    }

    It 'takes the client id by position' {
        $app = New-OktaServiceApp -Name remove-positional -Jwks $SharedKey
        Remove-OktaServiceApp $app.ClientId -Confirm:$false
        Get-LifecycleClient $Emulator $app.ClientId | Should -BeNullOrEmpty
    }

    It 'deletes the apps piped in from Get-OktaServiceApp -Name, and no other' {
        $doomed = @(1..3 | ForEach-Object { New-OktaServiceApp -Name "remove-batch-$_" -Jwks $SharedKey })
        $survivor = New-OktaServiceApp -Name remove-keeper -Jwks $SharedKey

        Get-OktaServiceApp -Name remove-batch- | Remove-OktaServiceApp -Confirm:$false -ErrorVariable err

        @($err).Count | Should -Be 0
        foreach ($app in $doomed) { Get-LifecycleClient $Emulator $app.ClientId | Should -BeNullOrEmpty }
        Get-LifecycleClient $Emulator $survivor.ClientId | Should -Not -BeNullOrEmpty
    }

    It 'deletes an app created through the Apps API (-RequireDpop)' {
        $app = New-OktaServiceApp -Name remove-dpop -RequireDpop -Jwks $SharedKey
        Remove-OktaServiceApp -ClientId $app.ClientId -Confirm:$false -ErrorVariable err
        @($err).Count | Should -Be 0
        Get-LifecycleClient $Emulator $app.ClientId | Should -BeNullOrEmpty
    }

    It '-WhatIf keeps the app and sends nothing' {
        $app = New-OktaServiceApp -Name remove-what-if -Jwks $SharedKey
        Reset-EmulatorStats $Emulator
        Remove-OktaServiceApp -ClientId $app.ClientId -WhatIf
        (Get-EmulatorStats $Emulator).totalRequests | Should -Be 0
        Get-LifecycleClient $Emulator $app.ClientId | Should -Not -BeNullOrEmpty
    }

    It 'writes ObjectNotFound, with the client id as TargetObject, for an unknown client id, and goes on with the next' {
        $unknown = '0oaNoSuchApp' + [guid]::NewGuid().ToString('n').Substring(0, 8)
        $app = New-OktaServiceApp -Name remove-after-unknown -Jwks $SharedKey

        $unknown, $app.ClientId | Remove-OktaServiceApp -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue

        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Match '^ObjectNotFound(,|$)'
        $err[0].TargetObject | Should -Be $unknown
        Get-LifecycleClient $Emulator $app.ClientId | Should -BeNullOrEmpty
    }

    It 'writes ObjectNotFound when the app was already deleted' {
        $app = New-OktaServiceApp -Name remove-twice -Jwks $SharedKey
        Remove-OktaServiceApp -ClientId $app.ClientId -Confirm:$false
        Remove-OktaServiceApp -ClientId $app.ClientId -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Match '^ObjectNotFound(,|$)'
    }
}
