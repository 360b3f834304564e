# Every table view in OktaServiceApp.Format.ps1xml at an 80-column prompt, rendered from real objects the cmdlets return
# against the emulator: no line wider than 80, no column dropped or its header wrapped, one line per object, and identifiers
# (client ids, key ids, grant and role ids, statuses, dates) shown whole. Only the free-text columns named below may be cut
# short, and even they keep room to be read.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $formatPath = Join-Path (Get-TestModulePath) 'OktaServiceApp.Format.ps1xml'
    $TableViews = @(([xml](Get-Content -LiteralPath $formatPath -Raw)).Configuration.ViewDefinitions.View |
            Where-Object { $_.TableControl } |
            ForEach-Object { @{ View = $_.Name; TypeName = $_.ViewSelectedBy.TypeName } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-TestSuite -Work

    $script:FormatXml = [xml](Get-Content -LiteralPath (Join-Path (Get-TestModulePath) 'OktaServiceApp.Format.ps1xml') -Raw)
    $script:Width = 80
    # Free text: a name, a finding or a list may be cut at the end of its column, but must keep this many columns.
    $script:MinFreeTextWidth = 20
    $script:FreeText = @{
        OktaServiceAppTable           = @('Name')
        OktaServiceAppRoleTargetTable = @('Name')
        OktaServiceAppReportRowTable  = @('Name')
        OktaDoctorCheckTable          = @('Found')
        OktaRequiredScopeTable        = @('PathTemplate')
        OktaAccessTokenTable          = @('Scope')
        OktaConnectionTable           = @('Scopes')
        OktaServiceAppAccessTable     = @('Role')
    }
    # The identifiers each row must show in full, by property name, where the view has a column for them.
    $script:Identifiers = @('ClientId', 'KeyId', 'kid', 'Id', 'ScopeId', 'Target')

    # PowerShell 7 colours table headers when it writes to a terminal; the text measured here is what Out-String returns.
    $script:SavedRendering = $null
    if (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue) {
        $script:SavedRendering = $PSStyle.OutputRendering
        $PSStyle.OutputRendering = 'PlainText'
    }

    # Realistic objects: an app with a real-sized name, RSA and EC keys (43-character RFC 7638 kids), three grants, a role
    # with a group target, a desired-state access summary, a rate-limit share, the doctor's checks and the posture report.
    $rsa = New-OktaJwks
    $ec = New-OktaJwks -Algorithm ES384
    $keyPath = Join-Path $Work 'payroll.pem'
    $app = New-OktaServiceApp -Name 'Payroll sync (production)' -Jwks $rsa -PrivateKeyPath $keyPath
    $scopes = @('okta.users.read', 'okta.groups.manage', 'okta.authorizationServers.manage')
    $grants = @(Grant-OktaScope -ClientId $app.ClientId -Scope $scopes -Confirm:$false)
    $null = Add-OktaServiceAppKey -ClientId $app.ClientId -Jwks $ec -Confirm:$false
    $group = Invoke-OktaApi -Method POST -Path /api/v1/groups -Body @{ profile = @{ name = 'Helpdesk - EMEA tier 2 agents' } }
    $role = Add-OktaServiceAppRole -ClientId $app.ClientId -Role GROUP_MEMBERSHIP_ADMIN -Confirm:$false
    $targets = @($role | Add-OktaServiceAppRoleTarget -Group $group.id -Confirm:$false)
    $null = Add-OktaServiceAppRole -ClientId $app.ClientId -Role API_ACCESS_MANAGEMENT_ADMIN -Confirm:$false
    $access = Set-OktaServiceAppAccess -ClientId $app.ClientId -Scope ($scopes + 'okta.logs.read') `
        -Role GROUP_MEMBERSHIP_ADMIN, API_ACCESS_MANAGEMENT_ADMIN -GroupTarget $group.id -RateLimitPercent 30 -Confirm:$false
    $calls = @(
        [pscustomobject]@{ Path = '/api/v1/users' }
        [pscustomobject]@{ Path = '/api/v1/groups/00g1a2b3c4d5e6f7g8h9/users' }
        [pscustomobject]@{ Method = 'POST'; Path = '/api/v1/apps/0oa1a2b3c4d5e6f7g8h9/lifecycle/activate' }
        [pscustomobject]@{ Path = '/api/v1/authorizationServers' }
    )
    $script:Samples = @{
        'OktaServiceApp.PowerShell.OktaJwks'                 = @($rsa, $ec)
        'OktaServiceApp.PowerShell.OktaJwk'                  = @($rsa.Keys) + @($ec.Keys)
        'OktaServiceApp.PowerShell.OktaServiceApp'           = @(Get-OktaServiceApp -ClientId $app.ClientId)
        'OktaServiceApp.PowerShell.OktaScopeGrant'           = $grants
        'OktaServiceApp.PowerShell.OktaAccessToken'          = @(Get-OktaAccessToken -ClientId $app.ClientId -Jwks $rsa -Scope $scopes)
        'OktaServiceApp.PowerShell.OktaServiceAppKey'        = @(Get-OktaServiceAppKey -ClientId $app.ClientId)
        'OktaServiceApp.PowerShell.OktaServiceAppRole'       = @(Get-OktaServiceAppRole -ClientId $app.ClientId)
        'OktaServiceApp.PowerShell.OktaServiceAppRoleTarget' = $targets
        'OktaServiceApp.PowerShell.OktaRequiredScope'        = @($calls | Get-OktaRequiredScope)
        'OktaServiceApp.PowerShell.OktaServiceAppAccess'     = @($access)
        'OktaServiceApp.PowerShell.OktaServiceAppRateLimit'  = @(Get-OktaServiceAppRateLimit -ClientId $app.ClientId)
        'OktaServiceApp.PowerShell.OktaDoctorCheck'          = @(Test-OktaServiceApp -ClientId $app.ClientId -PrivateKeyPath $keyPath -Path '/api/v1/users', 'POST /api/v1/groups')
        'OktaServiceApp.PowerShell.OktaServiceAppReportRow'  = @(Get-OktaServiceAppReport)
    }
    # Both kinds of connection: an API token one, and (last, as it becomes the current one) an app's OAuth connection.
    $tokenConnection = Get-OktaConnection
    $appConnection = Connect-Okta -OrgUrl $Emulator.OrgUrl -ClientId $app.ClientId -PrivateKeyPath $keyPath -Scope $scopes
    $Samples['OktaServiceApp.PowerShell.OktaConnection'] = @($tokenConnection, $appConnection)

    # The table as a user at an 80-column prompt sees it: header, the dashes under it, one line per object.
    function script:Get-RenderedTable {
        param([object[]] $InputObject, [string] $View)
        $text = $InputObject | Format-Table -View $View | Out-String -Width $Width
        $lines = @(($text -split '\r?\n') | ForEach-Object { $_.TrimEnd() })
        $first = 0
        while ($first -lt $lines.Count -and $lines[$first].Length -eq 0) { $first++ }
        $rows = [System.Collections.Generic.List[string]]::new()
        for ($i = $first + 2; $i -lt $lines.Count -and $lines[$i].Length -gt 0; $i++) { $rows.Add($lines[$i]) }
        # Column i runs from the start of its dashes to the start of the next column's; the last one to the prompt's edge.
        $starts = @([regex]::Matches($lines[$first + 1], '-+') | ForEach-Object { $_.Index })
        [pscustomobject]@{ Text = $text; Lines = $lines; Header = $lines[$first]; Dashes = $lines[$first + 1]; Rows = $rows.ToArray(); Starts = $starts }
    }

    function script:Get-Cell {
        param($Table, [string] $Row, [int] $Column)
        $start = $Table.Starts[$Column]
        if ($start -ge $Row.Length) { return '' }
        $end = if ($Column + 1 -lt $Table.Starts.Count) { $Table.Starts[$Column + 1] } else { $Row.Length }
        $Row.Substring($start, [Math]::Min($end, $Row.Length) - $start).Trim()
    }

    function script:Get-ColumnWidth {
        param($Table, [int] $Column)
        if ($Column + 1 -lt $Table.Starts.Count) { return $Table.Starts[$Column + 1] - $Table.Starts[$Column] - 1 }
        $Width - $Table.Starts[$Column]
    }

    function script:Get-ViewColumn {
        # Each column's label and, when it shows a property as it is, that property's name.
        param([string] $View)
        $node = @($FormatXml.Configuration.ViewDefinitions.View | Where-Object { $_.Name -eq $View })[0]
        $headers = @($node.TableControl.TableHeaders.TableColumnHeader)
        $items = @($node.TableControl.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem)
        for ($i = 0; $i -lt $headers.Count; $i++) {
            $property = if ($items[$i].PSObject.Properties['PropertyName']) { $items[$i].PropertyName } else { $null }
            [pscustomobject]@{ Label = $headers[$i].Label; Property = $property }
        }
    }
}

AfterAll {
    if ($null -ne $script:SavedRendering) { $PSStyle.OutputRendering = $script:SavedRendering }
    Complete-TestSuite
}

Describe 'Table views at an 80-column prompt' {
    It '<View> has realistic objects to render' -ForEach $TableViews {
        $Samples.ContainsKey($TypeName) | Should -BeTrue -Because "Format.Tests.ps1 must make a sample $TypeName"
        @($Samples[$TypeName]).Count | Should -BeGreaterThan 0
    }

    Context '<View>' -ForEach $TableViews {
        BeforeAll {
            $Objects = @($Samples[$TypeName])
            $Table = Get-RenderedTable -InputObject $Objects -View $View
            $Columns = @(Get-ViewColumn -View $View)
            $Free = if ($FreeText.ContainsKey($View)) { $FreeText[$View] } else { @() }
        }

        It 'no line is wider than 80 columns' {
            $wide = @($Table.Lines | Where-Object { $_.Length -gt $Width })
            $wide | Should -BeNullOrEmpty -Because $Table.Text
        }

        It 'keeps every column, each header on one line' {
            $Table.Dashes | Should -Match '^-+( +-+)*$' -Because "the header must not wrap:`n$($Table.Text)"
            $Table.Starts.Count | Should -Be $Columns.Count -Because "no column may be dropped:`n$($Table.Text)"
            for ($i = 0; $i -lt $Columns.Count; $i++) {
                Get-Cell -Table $Table -Row $Table.Header -Column $i | Should -BeExactly $Columns[$i].Label
            }
        }

        It 'shows each object on one line' {
            $Table.Rows.Count | Should -Be $Objects.Count -Because "no row may wrap:`n$($Table.Text)"
        }

        It 'cuts no identifier, date or status short' {
            for ($i = 0; $i -lt $Columns.Count; $i++) {
                if ($Free -contains $Columns[$i].Label) { continue }
                foreach ($row in $Table.Rows) {
                    Get-Cell -Table $Table -Row $row -Column $i | Should -Not -Match '(\u2026|\.\.\.)$' -Because "column $($Columns[$i].Label) is cut:`n$($Table.Text)"
                }
            }
        }

        It 'shows every client id, key id and other identifier whole, in its own row' {
            for ($i = 0; $i -lt $Columns.Count; $i++) {
                $property = $Columns[$i].Property
                if (-not $property -or $Identifiers -notcontains $property) { continue }
                for ($r = 0; $r -lt $Objects.Count; $r++) {
                    $value = [string]$Objects[$r].$property
                    Get-Cell -Table $Table -Row $Table.Rows[$r] -Column $i | Should -BeExactly $value -Because "column $($Columns[$i].Label):`n$($Table.Text)"
                }
            }
        }

        It 'gives a free-text column room to be read' {
            for ($i = 0; $i -lt $Columns.Count; $i++) {
                if ($Free -notcontains $Columns[$i].Label) { continue }
                Get-ColumnWidth -Table $Table -Column $i | Should -BeGreaterOrEqual $MinFreeTextWidth -Because "column $($Columns[$i].Label):`n$($Table.Text)"
            }
        }
    }

    It 'the Okta client id column shows a full 20-character id' {
        $app = @($Samples['OktaServiceApp.PowerShell.OktaServiceApp'])[0]
        $app.ClientId.Length | Should -Be 20
        $table = Get-RenderedTable -InputObject $app -View 'OktaServiceAppTable'
        Get-Cell -Table $table -Row $table.Rows[0] -Column 0 | Should -BeExactly $app.ClientId
    }
}

Describe 'List views stay informative' {
    It 'the app list shows every key id and grant type whole' {
        $app = @($Samples['OktaServiceApp.PowerShell.OktaServiceApp'])[0]
        $text = $app | Format-List | Out-String -Width $Width
        foreach ($keyId in $app.KeyIds) { $text | Should -Match ([regex]::Escape($keyId)) }
        $text | Should -Match 'client_credentials'
        $text | Should -Match ([regex]::Escape($app.ClientId))
    }

    It 'the connection list shows the app connection''s client id and every scope' {
        $connection = @($Samples['OktaServiceApp.PowerShell.OktaConnection'])[1]
        $text = $connection | Format-List | Out-String -Width $Width
        $text | Should -Match ([regex]::Escape($connection.ClientId))
        foreach ($scope in $connection.Scopes) { $text | Should -Match ([regex]::Escape($scope)) }
    }
}
