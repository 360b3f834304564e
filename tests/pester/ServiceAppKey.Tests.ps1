# Get/Add/Enable/Disable/Remove/Update-OktaServiceAppKey: an app's registered public keys and their rotation.
# Okta's rules: only an inactive key can be deleted, and the only active key of a private_key_jwt app cannot be deactivated.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite
    $TempDir = New-TestTempDirectory
    $OwnerOnly = if ((Test-OnWindows)) { 'owner-only' } else { '600' }
    $PrivateMembers = 'd', 'p', 'q', 'dp', 'dq', 'qi'

    # EC keys are made in milliseconds; RSA only where the default key kind is what is tested.
    function New-KeyTestApp([string] $Name, [string[]] $Scope, [switch] $WithKeyFile) {
        $jwks = New-OktaJwks -Algorithm ES256
        $path = if ($WithKeyFile) { Join-Path $TempDir "$Name.pem" } else { $null }
        $app = if ($path) { $jwks | New-OktaServiceApp -Name $Name -PrivateKeyPath $path } else { $jwks | New-OktaServiceApp -Name $Name }
        if ($Scope) { $null = $app | Grant-OktaScope $Scope }
        $app | Add-Member -NotePropertyName KeyPath -NotePropertyValue $path -PassThru
    }

    function Get-StateKey($ClientId) { @((Get-LifecycleClient $Emulator $ClientId).keys) }
}

AfterAll {
    Complete-TestSuite
}

Describe 'Get-OktaServiceAppKey' {
    It 'lists the app''s key with Okta''s key id (pks...), its kid and ACTIVE status' {
        $app = New-KeyTestApp 'list-keys'
        $keys = @(Get-OktaServiceAppKey -ClientId $app.ClientId)
        $keys.Count | Should -Be 1
        $keys[0] | Should -BeOfType ([OktaServiceApp.PowerShell.OktaServiceAppKey])
        $keys[0].ClientId | Should -Be $app.ClientId
        $keys[0].Id | Should -Match '^pks'
        $keys[0].Id | Should -Be (Get-StateKey $app.ClientId)[0].id
        $keys[0].KeyId | Should -Be $app.Jwks.KeyId
        $keys[0].Status | Should -Be 'ACTIVE'
        $keys[0].KeyType | Should -Be 'EC'
    }

    It 'binds the client id from a piped app' {
        $app = New-KeyTestApp 'list-keys-piped'
        @($app | Get-OktaServiceAppKey).KeyId | Should -Be $app.Jwks.KeyId
    }

    It 'writes ObjectNotFound, with the client id as TargetObject, for an unknown app' {
        $unknown = '0oaNoSuchApp' + [guid]::NewGuid().ToString('n').Substring(0, 8)
        Get-OktaServiceAppKey -ClientId $unknown -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Match '^ObjectNotFound(,|$)'
        $err[0].TargetObject | Should -Be $unknown
    }
}

Describe 'Add-, Disable-, Enable- and Remove-OktaServiceAppKey' {
    BeforeAll {
        $App = New-KeyTestApp 'key-lifecycle'
        $FirstKey = (Get-OktaServiceAppKey -ClientId $App.ClientId)[0]
        $Second = New-OktaJwks -Algorithm ES256
    }

    It 'Add-OktaServiceAppKey registers a second, active key (public members only)' {
        $added = $Second | Add-OktaServiceAppKey -ClientId $App.ClientId -Confirm:$false
        $added | Should -BeOfType ([OktaServiceApp.PowerShell.OktaServiceAppKey])
        $added.KeyId | Should -Be $Second.KeyId
        $added.Status | Should -Be 'ACTIVE'
        $added.Id | Should -Match '^pks'
        @(Get-OktaServiceAppKey -ClientId $App.ClientId).KeyId | Should -Be @($App.Jwks.KeyId, $Second.KeyId)
        $stateKey = Get-StateKey $App.ClientId | Where-Object kid -eq $Second.KeyId
        $stateKey.status | Should -Be 'ACTIVE'
        $names = @($stateKey.PSObject.Properties.Name)
        foreach ($member in $PrivateMembers) { $names | Should -Not -Contain $member }
    }

    It 'Add-OktaServiceAppKey -Inactive registers the key as INACTIVE' {
        $third = New-OktaJwks -Algorithm ES256
        $added = $third | Add-OktaServiceAppKey -ClientId $App.ClientId -Inactive -Confirm:$false
        $added.Status | Should -Be 'INACTIVE'
        (Get-StateKey $App.ClientId | Where-Object kid -eq $third.KeyId).status | Should -Be 'INACTIVE'
        Remove-OktaServiceAppKey -ClientId $App.ClientId -Id $added.Id -Confirm:$false
    }

    It 'a key registered with Add-OktaServiceAppKey gets tokens' {
        $null = $App | Grant-OktaScope okta.users.read
        $token = Get-OktaAccessToken -ClientId $App.ClientId -Jwks $Second -Scope okta.users.read -Force
        $token.ClientId | Should -Be $App.ClientId
    }

    It 'Remove-OktaServiceAppKey of an ACTIVE key is refused by Okta (OktaBadRequest) and the key stays' {
        $key = Get-OktaServiceAppKey -ClientId $App.ClientId | Where-Object KeyId -eq $Second.KeyId
        Remove-OktaServiceAppKey -ClientId $App.ClientId -Id $key.Id -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Match '^OktaBadRequest(,|$)'
        $err[0].ErrorDetails.Message | Should -Not -BeNullOrEmpty
        (Get-StateKey $App.ClientId | Where-Object id -eq $key.Id).status | Should -Be 'ACTIVE'
    }

    It 'Disable-OktaServiceAppKey deactivates a piped key and outputs it INACTIVE' {
        $out = Get-OktaServiceAppKey -ClientId $App.ClientId | Where-Object KeyId -eq $Second.KeyId | Disable-OktaServiceAppKey -Confirm:$false
        $out.Status | Should -Be 'INACTIVE'
        $out.KeyId | Should -Be $Second.KeyId
        (Get-StateKey $App.ClientId | Where-Object kid -eq $Second.KeyId).status | Should -Be 'INACTIVE'
        (Get-StateKey $App.ClientId | Where-Object kid -eq $App.Jwks.KeyId).status | Should -Be 'ACTIVE'
    }

    It 'an INACTIVE key no longer gets tokens (OktaInvalidClient)' {
        Get-OktaAccessToken -ClientId $App.ClientId -Jwks $Second -Scope okta.users.read -Force -ErrorVariable err -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Match '^OktaInvalidClient(,|$)'
    }

    It 'Enable-OktaServiceAppKey activates it again' {
        $key = Get-OktaServiceAppKey -ClientId $App.ClientId | Where-Object KeyId -eq $Second.KeyId
        $out = Enable-OktaServiceAppKey -ClientId $App.ClientId -Id $key.Id -Confirm:$false
        $out.Status | Should -Be 'ACTIVE'
        (Get-StateKey $App.ClientId | Where-Object kid -eq $Second.KeyId).status | Should -Be 'ACTIVE'
        $null = Disable-OktaServiceAppKey -ClientId $App.ClientId -Id $key.Id -Confirm:$false
    }

    It 'Remove-OktaServiceAppKey deletes the INACTIVE key' {
        $key = Get-OktaServiceAppKey -ClientId $App.ClientId | Where-Object KeyId -eq $Second.KeyId
        $key.Status | Should -Be 'INACTIVE'
        $out = $key | Remove-OktaServiceAppKey -Confirm:$false -ErrorVariable err
        $out | Should -BeNullOrEmpty
        @($err).Count | Should -Be 0
        @(Get-OktaServiceAppKey -ClientId $App.ClientId).KeyId | Should -Be @($App.Jwks.KeyId)
        @(Get-StateKey $App.ClientId).kid | Should -Be @($App.Jwks.KeyId)
    }

    It 'deactivating the only active key is refused by Okta (OktaBadRequest) and the key stays ACTIVE' {
        Disable-OktaServiceAppKey -ClientId $App.ClientId -Id $FirstKey.Id -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Match '^OktaBadRequest(,|$)'
        (Get-StateKey $App.ClientId | Where-Object id -eq $FirstKey.Id).status | Should -Be 'ACTIVE'
    }

    It '-WhatIf changes no key' {
        Reset-EmulatorStats $Emulator
        $null = New-OktaJwks -Algorithm ES256 | Add-OktaServiceAppKey -ClientId $App.ClientId -WhatIf
        Disable-OktaServiceAppKey -ClientId $App.ClientId -Id $FirstKey.Id -WhatIf
        Remove-OktaServiceAppKey -ClientId $App.ClientId -Id $FirstKey.Id -WhatIf
        (Get-EmulatorStats $Emulator).totalRequests | Should -Be 0
        @(Get-StateKey $App.ClientId).Count | Should -Be 1
    }
}

Describe 'Update-OktaServiceAppKey' {
    Context 'rotating, keeping the old key inactive' {
        BeforeAll {
            $App = New-KeyTestApp 'rotate' okta.users.read -WithKeyFile
            $OldKey = (Get-OktaServiceAppKey -ClientId $App.ClientId)[0]
            $NewPath = Join-Path $TempDir 'rotate-new.pem'
            $Before = Get-OktaAccessToken -ClientId $App.ClientId -PrivateKeyPath $App.KeyPath -Scope okta.users.read -Force
            Reset-EmulatorStats $Emulator
            $NewJwks = Update-OktaServiceAppKey -ClientId $App.ClientId -PrivateKeyPath $NewPath -Confirm:$false -ErrorVariable err
            $Errors = @($err)
            $Stats = Get-EmulatorStats $Emulator
        }

        It 'outputs the new key pair (a fresh RS256 key by default), with no error' {
            $Errors.Count | Should -Be 0
            $NewJwks | Should -BeOfType ([OktaServiceApp.PowerShell.OktaJwks])
            $NewJwks.HasPrivateKey | Should -BeTrue
            $NewJwks.Algorithm | Should -Be 'RS256'
            $NewJwks.KeyId | Should -Not -Be $App.Jwks.KeyId
        }

        It 'writes the new private key owner-only to -PrivateKeyPath' {
            $NewPath | Should -Exist
            Get-LifecycleFileMode $NewPath | Should -Be $OwnerOnly
            (Import-OktaPrivateKey -Path $NewPath).Thumbprint | Should -Be $NewJwks.Thumbprint
        }

        It 'leaves the new key ACTIVE and the old key INACTIVE' {
            $keys = @(Get-OktaServiceAppKey -ClientId $App.ClientId)
            $keys.Count | Should -Be 2
            ($keys | Where-Object KeyId -eq $NewJwks.KeyId).Status | Should -Be 'ACTIVE'
            ($keys | Where-Object Id -eq $OldKey.Id).Status | Should -Be 'INACTIVE'
        }

        It 'proved the new key with a token request that succeeded, and no token request failed' {
            @($Stats.recentRequests | Where-Object route -eq 'POST /oauth2/v1/token').Count | Should -BeGreaterOrEqual 1
            @($Stats.recentRequests | Where-Object { $_.route -eq 'POST /oauth2/v1/token' -and $_.status -ne 200 }).Count | Should -Be 0
        }

        It 'the new key file gets tokens' {
            $Before.ClientId | Should -Be $App.ClientId
            $token = Get-OktaAccessToken -ClientId $App.ClientId -PrivateKeyPath $NewPath -Scope okta.users.read -Force
            $token.ClientId | Should -Be $App.ClientId
            $token.Scope | Should -Be 'okta.users.read'
        }

        It 'the old key file no longer does (OktaInvalidClient)' {
            Get-OktaAccessToken -ClientId $App.ClientId -PrivateKeyPath $App.KeyPath -Scope okta.users.read -Force -ErrorVariable err -ErrorAction SilentlyContinue |
                Should -BeNullOrEmpty
            @($err).Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Match '^OktaInvalidClient(,|$)'
            $err[0].TargetObject | Should -Be $App.ClientId
        }
    }

    Context 'rotating with -RemoveOld' {
        It 'deletes the old key, so only the new one is left, ACTIVE' {
            $app = New-KeyTestApp 'rotate-remove-old' okta.users.read
            $new = New-OktaJwks -Algorithm ES256
            $path = Join-Path $TempDir 'rotate-remove-old-new.pem'

            $out = Update-OktaServiceAppKey -ClientId $app.ClientId -NewJwks $new -PrivateKeyPath $path -RemoveOld -Confirm:$false -ErrorVariable err

            @($err).Count | Should -Be 0
            $out.KeyId | Should -Be $new.KeyId
            $keys = @(Get-StateKey $app.ClientId)
            $keys.Count | Should -Be 1
            $keys[0].kid | Should -Be $new.KeyId
            $keys[0].status | Should -Be 'ACTIVE'
            Get-LifecycleFileMode $path | Should -Be $OwnerOnly
            (Get-OktaAccessToken -ClientId $app.ClientId -PrivateKeyPath $path -Scope okta.users.read -Force).ClientId | Should -Be $app.ClientId
        }

        It 'binds the client id from a piped app' {
            $app = New-KeyTestApp 'rotate-piped' okta.users.read
            $path = Join-Path $TempDir 'rotate-piped-new.pem'
            $out = $app | Update-OktaServiceAppKey -NewJwks (New-OktaJwks -Algorithm ES256) -PrivateKeyPath $path -RemoveOld -Confirm:$false
            @(Get-StateKey $app.ClientId).kid | Should -Be @($out.KeyId)
        }
    }

    Context 'when the new key cannot be proven' {
        It 'fails for an app with no granted scope and no -Scope, leaving the old key ACTIVE and no new key' {
            $app = New-KeyTestApp 'rotate-no-grant'
            $path = Join-Path $TempDir 'rotate-no-grant-new.pem'
            Reset-EmulatorStats $Emulator

            $out = Update-OktaServiceAppKey -ClientId $app.ClientId -NewJwks (New-OktaJwks -Algorithm ES256) -PrivateKeyPath $path -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue

            $out | Should -BeNullOrEmpty
            @($err).Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Match '^OktaConsentRequired(,|$)'
            $err[0].TargetObject | Should -Be $app.ClientId
            $keys = @(Get-StateKey $app.ClientId)
            $keys.Count | Should -Be 1
            $keys[0].kid | Should -Be $app.Jwks.KeyId
            $keys[0].status | Should -Be 'ACTIVE'
            $path | Should -Not -Exist
            Get-LifecycleRouteCount (Get-EmulatorStats $Emulator) 'POST /api/v1/apps/{appId}/credentials/jwks' | Should -Be 0
        }

        It 'fails when -Scope is not granted, removes the new key again and leaves the old key ACTIVE' {
            $app = New-KeyTestApp 'rotate-bad-scope' okta.users.read
            $new = New-OktaJwks -Algorithm ES256
            $path = Join-Path $TempDir 'rotate-bad-scope-new.pem'

            $out = Update-OktaServiceAppKey -ClientId $app.ClientId -NewJwks $new -PrivateKeyPath $path -Scope okta.logs.read -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue

            $out | Should -BeNullOrEmpty
            @($err).Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Match '^OktaConsentRequired(,|$)'
            $keys = @(Get-StateKey $app.ClientId)
            $keys.Count | Should -Be 1
            $keys[0].kid | Should -Be $app.Jwks.KeyId
            $keys[0].status | Should -Be 'ACTIVE'
            $path | Should -Not -Exist
        }

        It 'refuses an existing -PrivateKeyPath with OktaFileExists and sends nothing' {
            $app = New-KeyTestApp 'rotate-file-exists' okta.users.read
            $path = Join-Path $TempDir 'rotate-exists.pem'
            Set-Content -LiteralPath $path -Value 'keep me'
            Reset-EmulatorStats $Emulator

            Update-OktaServiceAppKey -ClientId $app.ClientId -PrivateKeyPath $path -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue

            @($err).Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Match '^OktaFileExists(,|$)'
            (Get-EmulatorStats $Emulator).totalRequests | Should -Be 0
            Get-Content -LiteralPath $path | Should -Be 'keep me'
            @(Get-StateKey $app.ClientId).Count | Should -Be 1
        }

        It '-WhatIf changes no key and writes no file' {
            $app = New-KeyTestApp 'rotate-what-if' okta.users.read
            $path = Join-Path $TempDir 'rotate-what-if.pem'
            Reset-EmulatorStats $Emulator
            Update-OktaServiceAppKey -ClientId $app.ClientId -NewJwks (New-OktaJwks -Algorithm ES256) -PrivateKeyPath $path -WhatIf
            (Get-EmulatorStats $Emulator).totalRequests | Should -Be 0
            $path | Should -Not -Exist
            @(Get-StateKey $app.ClientId).Count | Should -Be 1
        }
    }
}
