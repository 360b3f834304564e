# Add/Get/Remove-OktaServiceAppRole and New-OktaServiceApp -Role: a service app's admin roles.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite
    $SharedKey = New-OktaJwks -Algorithm ES256

    function New-RoleTestApp([string] $Name) { New-OktaServiceApp -Name $Name -Jwks $SharedKey }
    function Get-StateRoleType($ClientId) { @(@((Get-LifecycleClient $Emulator $ClientId).roles) | ForEach-Object type | Sort-Object) }
}

AfterAll {
    Complete-TestSuite
}

Describe 'Add-OktaServiceAppRole' {
    It 'assigns a standard role and outputs the assignment' {
        $app = New-RoleTestApp 'role-add'
        $role = Add-OktaServiceAppRole -ClientId $app.ClientId -Role READ_ONLY_ADMIN -Confirm:$false
        $role | Should -BeOfType ([OktaServiceApp.PowerShell.OktaServiceAppRole])
        $role.ClientId | Should -Be $app.ClientId
        $role.Role | Should -Be 'READ_ONLY_ADMIN'
        $role.Status | Should -Be 'ACTIVE'
        $role.Id | Should -Not -BeNullOrEmpty
        $state = @((Get-LifecycleClient $Emulator $app.ClientId).roles)
        $state.Count | Should -Be 1
        $state[0].id | Should -Be $role.Id
        $state[0].type | Should -Be 'READ_ONLY_ADMIN'
        $state[0].status | Should -Be 'ACTIVE'
    }

    It 'binds the client id from a piped app (New-OktaServiceApp | Add-OktaServiceAppRole)' {
        $role = New-RoleTestApp 'role-piped' | Add-OktaServiceAppRole -Role APP_ADMIN -Confirm:$false
        $role.Role | Should -Be 'APP_ADMIN'
        Get-StateRoleType $role.ClientId | Should -Be @('APP_ADMIN')
    }

    It 'refuses an unknown role type: an Okta error (OktaBadRequest), and no role assigned' {
        $app = New-RoleTestApp 'role-invalid'
        $out = Add-OktaServiceAppRole -ClientId $app.ClientId -Role NOT_A_REAL_ROLE -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Match '^Okta'
        $err[0].FullyQualifiedErrorId | Should -Match '^OktaBadRequest(,|$)'
        $err[0].TargetObject | Should -Be $app.ClientId
        $err[0].ErrorDetails.Message | Should -Not -BeNullOrEmpty
        Get-StateRoleType $app.ClientId | Should -Be @()
    }

    It 'maps assigning the same role twice (Okta 409) to OktaConflict, keeping one assignment' {
        $app = New-RoleTestApp 'role-twice'
        $null = Add-OktaServiceAppRole -ClientId $app.ClientId -Role REPORT_ADMIN -Confirm:$false
        Add-OktaServiceAppRole -ClientId $app.ClientId -Role REPORT_ADMIN -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Match '^OktaConflict(,|$)'
        Get-StateRoleType $app.ClientId | Should -Be @('REPORT_ADMIN')
    }

    It 'writes ObjectNotFound, with the client id as TargetObject, for an unknown app' {
        $unknown = '0oaNoSuchApp' + [guid]::NewGuid().ToString('n').Substring(0, 8)
        Add-OktaServiceAppRole -ClientId $unknown -Role READ_ONLY_ADMIN -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Match '^ObjectNotFound(,|$)'
        $err[0].TargetObject | Should -Be $unknown
    }

    It '-WhatIf assigns nothing and sends nothing' {
        $app = New-RoleTestApp 'role-what-if'
        Reset-EmulatorStats $Emulator
        Add-OktaServiceAppRole -ClientId $app.ClientId -Role READ_ONLY_ADMIN -WhatIf
        (Get-EmulatorStats $Emulator).totalRequests | Should -Be 0
        Get-StateRoleType $app.ClientId | Should -Be @()
    }
}

Describe 'Get-OktaServiceAppRole' {
    It 'lists every role of an app' {
        $app = New-RoleTestApp 'role-list'
        $null = Add-OktaServiceAppRole -ClientId $app.ClientId -Role READ_ONLY_ADMIN -Confirm:$false
        $null = Add-OktaServiceAppRole -ClientId $app.ClientId -Role GROUP_MEMBERSHIP_ADMIN -Confirm:$false
        $roles = @(Get-OktaServiceAppRole -ClientId $app.ClientId)
        $roles.Count | Should -Be 2
        @($roles.Role | Sort-Object) | Should -Be @('GROUP_MEMBERSHIP_ADMIN', 'READ_ONLY_ADMIN')
        @($roles.ClientId | Select-Object -Unique) | Should -Be @($app.ClientId)
        @($roles.Id | Sort-Object) | Should -Be @(@((Get-LifecycleClient $Emulator $app.ClientId).roles).id | Sort-Object)
    }

    It 'lists nothing, and writes no error, for an app without a role; binds from a piped app' {
        $app = New-RoleTestApp 'role-none'
        $out = $app | Get-OktaServiceAppRole -ErrorVariable err
        $out | Should -BeNullOrEmpty
        @($err).Count | Should -Be 0
    }
}

Describe 'Remove-OktaServiceAppRole' {
    It 'removes the role named with -Role, and only that one' {
        $app = New-RoleTestApp 'role-remove'
        $null = Add-OktaServiceAppRole -ClientId $app.ClientId -Role READ_ONLY_ADMIN -Confirm:$false
        $null = Add-OktaServiceAppRole -ClientId $app.ClientId -Role APP_ADMIN -Confirm:$false
        $out = Remove-OktaServiceAppRole -ClientId $app.ClientId -Role APP_ADMIN -Confirm:$false -ErrorVariable err
        $out | Should -BeNullOrEmpty
        @($err).Count | Should -Be 0
        Get-StateRoleType $app.ClientId | Should -Be @('READ_ONLY_ADMIN')
    }

    It 'removes the roles piped in from Get-OktaServiceAppRole' {
        $app = New-RoleTestApp 'role-remove-piped'
        $null = Add-OktaServiceAppRole -ClientId $app.ClientId -Role READ_ONLY_ADMIN -Confirm:$false
        $null = Add-OktaServiceAppRole -ClientId $app.ClientId -Role SUPER_ADMIN -Confirm:$false
        Get-OktaServiceAppRole -ClientId $app.ClientId | Where-Object Role -eq SUPER_ADMIN | Remove-OktaServiceAppRole -Confirm:$false
        Get-StateRoleType $app.ClientId | Should -Be @('READ_ONLY_ADMIN')
    }

    It 'takes a role the app does not have as already removed: no error, no DELETE' {
        $app = New-RoleTestApp 'role-remove-absent'
        $null = Add-OktaServiceAppRole -ClientId $app.ClientId -Role READ_ONLY_ADMIN -Confirm:$false
        Reset-EmulatorStats $Emulator
        Remove-OktaServiceAppRole -ClientId $app.ClientId -Role APP_ADMIN -Confirm:$false -ErrorVariable err
        @($err).Count | Should -Be 0
        Get-LifecycleRouteCount (Get-EmulatorStats $Emulator) 'DELETE /oauth2/v1/clients/{clientId}/roles/{roleAssignmentId}' | Should -Be 0
        Get-StateRoleType $app.ClientId | Should -Be @('READ_ONLY_ADMIN')
    }

    It '-WhatIf removes nothing' {
        $app = New-RoleTestApp 'role-remove-what-if'
        $null = Add-OktaServiceAppRole -ClientId $app.ClientId -Role READ_ONLY_ADMIN -Confirm:$false
        Remove-OktaServiceAppRole -ClientId $app.ClientId -Role READ_ONLY_ADMIN -WhatIf
        Get-StateRoleType $app.ClientId | Should -Be @('READ_ONLY_ADMIN')
    }
}

Describe 'New-OktaServiceApp -Role' {
    It 'creates the app with the role, which Get-OktaServiceAppRole then lists' {
        $app = New-OktaServiceApp -Name role-at-creation -Role HELP_DESK_ADMIN -Jwks $SharedKey
        $app.ClientId | Should -Not -BeNullOrEmpty
        Get-StateRoleType $app.ClientId | Should -Be @('HELP_DESK_ADMIN')
        @(Get-OktaServiceAppRole -ClientId $app.ClientId).Role | Should -Be @('HELP_DESK_ADMIN')
    }

    It 'still creates and outputs the app when the role is refused, and writes the role''s error' {
        $out = New-OktaServiceApp -Name role-refused-at-creation -Role NOT_A_REAL_ROLE -Jwks $SharedKey -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -Not -BeNullOrEmpty
        Get-LifecycleClient $Emulator $out.ClientId | Should -Not -BeNullOrEmpty
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Match '^OktaBadRequest(,|$)'
        $err[0].TargetObject | Should -Be $out.ClientId
        Get-StateRoleType $out.ClientId | Should -Be @()
    }
}
