#requires -Version 7.4
# Pester 5. Live schemas (Get-CloseioStream -Schema), Singer output (Sync-CloseioStream -AsSingerMessage)
# and Import-CloseioState, against the in-process Sandbox.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Closeio.TestSetup.ps1')
    Connect-Closeio -Sandbox -SandboxSeed 11 -SandboxLeads 15 -SandboxActivities 80 | Out-Null
    $WorkDirectory = Join-Path ([IO.Path]::GetTempPath()) "closeio-singer-tests-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $WorkDirectory | Out-Null

    # A strict check of one Singer message line: the keys each type allows, and a RECORD only after its
    # stream's SCHEMA. Returns the problems found (none when the line is valid).
    function Test-SingerLine([string] $Line, [hashtable] $Schemas) {
        $allowed = @{
            SCHEMA = @{ Required = 'type', 'stream', 'schema', 'key_properties'; Optional = @('bookmark_properties') }
            RECORD = @{ Required = 'type', 'stream', 'record'; Optional = @('time_extracted', 'version') }
            STATE  = @{ Required = 'type', 'value'; Optional = @() }
        }
        if ($Line -match '[\r\n]') { return 'spans several lines' }
        try { $m = $Line | ConvertFrom-Json -AsHashtable -DateKind String -ErrorAction Stop } catch { return "not JSON: $Line" }
        if ($m -isnot [System.Collections.IDictionary] -or -not $allowed.ContainsKey([string]$m.type)) { return "no known type: $Line" }
        $rule = $allowed[$m.type]
        $problems = @()
        foreach ($key in $rule.Required) { if (-not $m.ContainsKey($key)) { $problems += "$($m.type) without $key" } }
        foreach ($key in $m.Keys) { if ($key -notin $rule.Required -and $key -notin $rule.Optional) { $problems += "$($m.type) has $key" } }
        switch ($m.type) {
            'SCHEMA' {
                if ($m.schema -isnot [System.Collections.IDictionary]) { $problems += 'schema is not an object' }
                foreach ($key in @($m.key_properties) + @($m.bookmark_properties)) {
                    if (-not $m.schema.properties.ContainsKey($key)) { $problems += "schema lacks key $key" }
                }
                $Schemas[$m.stream] = $m.schema
            }
            'RECORD' {
                if (-not $Schemas.ContainsKey([string]$m.stream)) { $problems += "RECORD of $($m.stream) before its SCHEMA" }
                elseif ($m.record -isnot [System.Collections.IDictionary]) { $problems += 'record is not an object' }
                else {
                    foreach ($key in $m.record.Keys) {
                        if (-not $Schemas[$m.stream].properties.ContainsKey($key)) { $problems += "$($m.stream) record has $key, not in its schema" }
                    }
                }
                if ($m.ContainsKey('time_extracted') -and $m.time_extracted -notmatch '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$') {
                    $problems += "time_extracted '$($m.time_extracted)' is not RFC 3339"
                }
            }
            'STATE' { if ($m.value -isnot [System.Collections.IDictionary]) { $problems += 'value is not an object' } }
        }
        $problems
    }
}

AfterAll {
    Disconnect-Closeio
    if ($WorkDirectory) { Remove-Item -LiteralPath $WorkDirectory -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Get-CloseioStream -Schema' {
    It 'writes a JSON Schema with the organization''s custom fields, typed' {
        $schema = Get-CloseioStream -Stream leads -Schema | ConvertFrom-Json -AsHashtable
        $schema.type | Should -Be 'object'
        $schema.additionalProperties | Should -BeFalse
        $schema.properties.date_updated.format | Should -Be 'date-time'
        $schema.properties.Seats.type | Should -Be @('null', 'number')
        $schema.properties.'Renewal Date'.format | Should -Be 'date'
    }

    It 'writes one schema per stream' {
        @(Get-CloseioStream -Schema).Count | Should -Be @(Get-CloseioStream).Count
    }
}

Describe 'Sync-CloseioStream -AsSingerMessage' {
    BeforeAll {
        $SingerProfile = Join-Path $WorkDirectory 'singer.json'
        $Lines = @(Sync-CloseioStream -Stream users, leads, tasks -ProfilePath $SingerProfile -StartDate '2000-01-01' -AsSingerMessage -WarningAction SilentlyContinue)
    }

    It 'writes only valid Singer message lines, SCHEMA before RECORD' {
        $Lines.Count | Should -BeGreaterThan 10
        $Lines | ForEach-Object { $_ | Should -BeOfType [string] }
        $schemas = @{}
        $problems = @($Lines | ForEach-Object { Test-SingerLine $_ $schemas })
        $problems | Should -BeNullOrEmpty
        @($schemas.Keys | Sort-Object) | Should -Be @('leads', 'tasks', 'users')
    }

    It 'ends with a STATE holding the bookmarks the profile holds' {
        $last = $Lines[-1] | ConvertFrom-Json
        $last.type | Should -Be 'STATE'
        $saved = (Get-Content -Raw $SingerProfile | ConvertFrom-Json).bookmarks
        ($last.value.bookmarks | ConvertTo-Json -Depth 5 -Compress) | Should -Be ($saved | ConvertTo-Json -Depth 5 -Compress)
    }

    It 'writes as many RECORD lines as the profile says were delivered' {
        $records = @($Lines | Where-Object { ($_ | ConvertFrom-Json).type -eq 'RECORD' }).Count
        $delivered = (Get-CloseioState -ProfilePath $SingerProfile -Stream users, leads, tasks | Measure-Object LastRunRecords -Sum).Sum
        $records | Should -Be $delivered
    }

    It 'refuses -OutputDirectory' {
        { Sync-CloseioStream -Stream users -ProfilePath $SingerProfile -AsSingerMessage -OutputDirectory $WorkDirectory } |
            Should -Throw -ErrorId 'Closeio.InvalidArgument,Closeio.PowerShell.Commands.SyncCloseioStreamCommand'
    }
}

Describe 'Import-CloseioState' {
    BeforeEach {
        $Target = Join-Path $WorkDirectory "import-$([guid]::NewGuid().ToString('N')).json"
        $StateFile = Join-Path $WorkDirectory 'tap-state.json'
        Set-Content -LiteralPath $StateFile -Value '{"currently_syncing": null, "bookmarks": {"leads": {"date_updated": "2024-03-01T10:00:00+00:00"}, "activities": {"date_created": "2024-02-01T00:00:00.000000Z"}, "deals": {"date_updated": "2024-01-01T00:00:00Z"}}}'
    }

    It 'sets the profile''s bookmarks from a tap-closeio state and returns the streams'' state' {
        $states = @(Import-CloseioState -Path $StateFile -ProfilePath $Target -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue)
        $states.Stream | Should -Be @('leads', 'activities')
        $states[0].PSObject.TypeNames[0] | Should -Be 'Closeio.StreamState'
        (ConvertTo-Instant $states[0].Bookmark) | Should -Be ([datetimeoffset]'2024-03-01T10:00:00Z')
        "$warnings" | Should -Match 'deals'
        (Get-CloseioState -ProfilePath $Target -Stream leads).Bookmark | Should -Not -BeNullOrEmpty
    }

    It 'changes nothing under -WhatIf' {
        Import-CloseioState -Path $StateFile -ProfilePath $Target -WhatIf -WarningAction SilentlyContinue
        Test-Path -LiteralPath $Target | Should -BeFalse
    }

    It 'keeps a later bookmark unless -Force' {
        Set-CloseioState -ProfilePath $Target -Stream leads -Bookmark '2025-01-01T00:00:00Z' -Force | Out-Null
        $kept = Import-CloseioState -Path $StateFile -ProfilePath $Target -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue
        @($kept.Stream) | Should -Not -Contain 'leads'
        "$warnings" | Should -Match 'later'
        (ConvertTo-Instant (Get-CloseioState -ProfilePath $Target -Stream leads).Bookmark) | Should -Be ([datetimeoffset]'2025-01-01T00:00:00Z')

        Import-CloseioState -Path $StateFile -ProfilePath $Target -Force -WarningAction SilentlyContinue | Out-Null
        (ConvertTo-Instant (Get-CloseioState -ProfilePath $Target -Stream leads).Bookmark) | Should -Be ([datetimeoffset]'2024-03-01T10:00:00Z')
    }

    It 'reads back the last STATE of a Singer run' {
        $source = Join-Path $WorkDirectory 'source.json'
        $lines = @(Sync-CloseioStream -Stream users -ProfilePath $source -StartDate '2000-01-01' -AsSingerMessage)
        ($lines[-1] | ConvertFrom-Json).value | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $StateFile
        Import-CloseioState -Path $StateFile -ProfilePath $Target -Force | Out-Null
        (Get-CloseioState -ProfilePath $Target -Stream users).Bookmark | Should -Be (Get-CloseioState -ProfilePath $source -Stream users).Bookmark
    }

    It 'refuses a file that is not a tap state, and a missing file' {
        Set-Content -LiteralPath $StateFile -Value '{"leads": "2024-01-01"}'
        { Import-CloseioState -Path $StateFile -ProfilePath $Target -Force } |
            Should -Throw -ErrorId 'Closeio.InvalidTapState,Closeio.PowerShell.Commands.ImportCloseioStateCommand'
        { Import-CloseioState -Path (Join-Path $WorkDirectory 'nope.json') -ProfilePath $Target -Force } |
            Should -Throw -ErrorId 'Closeio.TapStateNotFound,Closeio.PowerShell.Commands.ImportCloseioStateCommand'
        Test-Path -LiteralPath $Target | Should -BeFalse
    }
}
