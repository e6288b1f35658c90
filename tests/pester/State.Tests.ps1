#requires -Version 7.4
# Pester 5. Get-, Set- and Reset-CloseioState on a profile written by a sync.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Closeio.TestSetup.ps1')
    Connect-Closeio -Sandbox -SandboxSeed 5 -SandboxLeads 20 -SandboxActivities 100 | Out-Null
    # Not $TestDrive: a file-level BeforeAll runs before Pester sets up a block's TestDrive, and
    # TestDrive is emptied between Describe blocks, while these tests share one profile in order.
    $WorkDirectory = Join-Path ([IO.Path]::GetTempPath()) "closeio-state-tests-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $WorkDirectory | Out-Null
    $ProfilePath = Join-Path $WorkDirectory 'state.json'
    Sync-CloseioStream -Stream leads, tasks -ProfilePath $ProfilePath -StartDate '2000-01-01' -WarningAction SilentlyContinue | Out-Null
}

AfterAll {
    Disconnect-Closeio
    if ($WorkDirectory) { Remove-Item -LiteralPath $WorkDirectory -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Get-CloseioState' {
    It 'shows one object per stream, with the bookmark as a date and the last run' {
        $states = @(Get-CloseioState -ProfilePath $ProfilePath)
        $states.Stream | Should -Be @(Get-CloseioStream).Name
        $leads = $states | Where-Object Stream -EQ 'leads'
        $leads.PSObject.TypeNames[0] | Should -Be 'Closeio.StreamState'
        $leads.Bookmark | Should -BeOfType [datetime]
        $leads.LastRunRecords | Should -BeGreaterThan 0
        $leads.LastRunOutcome | Should -Not -BeNullOrEmpty
        ($states | Where-Object Stream -EQ 'activities').Bookmark | Should -BeNullOrEmpty
    }
}

Describe 'Get-CloseioState -Stream' {
    It 'takes a comma list in one text as well as an array' {
        @(Get-CloseioState -Stream 'leads,tasks' -ProfilePath $ProfilePath).Stream | Should -Be @('leads', 'tasks')
        @(Get-CloseioState -Stream leads, tasks -ProfilePath $ProfilePath).Stream | Should -Be @('leads', 'tasks')
    }
}

Describe 'Reset-CloseioState' {
    It 'changes nothing under -WhatIf' {
        $before = Get-Content -Raw $ProfilePath
        Reset-CloseioState -Stream leads -ProfilePath $ProfilePath -WhatIf
        Get-Content -Raw $ProfilePath | Should -Be $before
        (Get-CloseioState -Stream leads -ProfilePath $ProfilePath).Bookmark | Should -Not -BeNullOrEmpty
    }

    It 'changes nothing under -WhatIf even with -Force' {
        $before = Get-Content -Raw $ProfilePath
        Reset-CloseioState -Stream leads, tasks -ProfilePath $ProfilePath -WhatIf -Force
        Get-Content -Raw $ProfilePath | Should -Be $before
    }

    It 'takes the streams from Get-CloseioState objects piped in (-WhatIf: nothing changes)' {
        $before = Get-Content -Raw $ProfilePath
        Get-CloseioState -Stream leads -ProfilePath $ProfilePath | Reset-CloseioState -ProfilePath $ProfilePath -WhatIf
        Get-Content -Raw $ProfilePath | Should -Be $before
    }

    It 'edits the profile the piped objects were read from, not the connection''s' {
        $other = Join-Path $WorkDirectory 'piped.json'
        Sync-CloseioStream -Stream users, tasks -ProfilePath $other -WarningAction SilentlyContinue | Out-Null
        $connectionProfile = (Get-CloseioState -Stream users).ProfilePath
        $connectionBefore = if (Test-Path -LiteralPath $connectionProfile) { Get-Content -Raw -LiteralPath $connectionProfile }

        Get-CloseioState -ProfilePath $other -Stream users | Reset-CloseioState -Force
        (Get-CloseioState -ProfilePath $other -Stream users).Bookmark | Should -BeNullOrEmpty
        Get-CloseioState -ProfilePath $other -Stream tasks | Set-CloseioState -Bookmark '2001-02-03Z' -Force | Out-Null
        (Get-CloseioState -ProfilePath $other -Stream tasks).Bookmark | Should -Be ([datetimeoffset]'2001-02-03Z')

        $connectionAfter = if (Test-Path -LiteralPath $connectionProfile) { Get-Content -Raw -LiteralPath $connectionProfile }
        $connectionAfter | Should -Be $connectionBefore
    }

    It 'reports an unknown stream without stopping, and changes nothing for it' {
        $before = Get-Content -Raw $ProfilePath
        $errs = $null
        Reset-CloseioState -Stream nosuchstream -ProfilePath $ProfilePath -Force -ErrorAction SilentlyContinue -ErrorVariable errs
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Closeio.InvalidArgument*'
        Get-Content -Raw $ProfilePath | Should -Be $before
    }

    It 'never prompts in a non-interactive session: without -Force it stops with Closeio.ConfirmationRequired' {
        $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        $before = Get-Content -Raw $ProfilePath
        $manifest = Join-Path (Get-Module Closeio).ModuleBase 'Closeio.psd1'
        $script = "Import-Module '$($manifest -replace "'", "''")'; " +
            "try { Reset-CloseioState -Stream leads -ProfilePath '$($ProfilePath -replace "'", "''")' -ErrorAction Stop } " +
            "catch { `$_.FullyQualifiedErrorId }"
        $output = & $pwsh -NoProfile -NonInteractive -Command $script 2>&1 | Out-String
        $output | Should -Match 'Closeio\.ConfirmationRequired'
        Get-Content -Raw $ProfilePath | Should -Be $before
    }

    It 'forgets the bookmark with -Force, so the next sync starts over' {
        $count = @(Get-CloseioLead).Count
        Reset-CloseioState -Stream leads -ProfilePath $ProfilePath -Force
        (Get-CloseioState -Stream leads -ProfilePath $ProfilePath).Bookmark | Should -BeNullOrEmpty
        (Get-CloseioState -Stream tasks -ProfilePath $ProfilePath).Bookmark | Should -Not -BeNullOrEmpty
        @(Sync-CloseioStream -Stream leads -ProfilePath $ProfilePath -StartDate '2000-01-01').Count | Should -Be $count
    }
}

Describe 'Set-CloseioState' {
    It 'changes nothing under -WhatIf' {
        $before = Get-Content -Raw $ProfilePath
        Set-CloseioState -Stream users -Bookmark '2020-01-01T00:00:00Z' -ProfilePath $ProfilePath -WhatIf
        Get-Content -Raw $ProfilePath | Should -Be $before
    }

    It 'moves a bookmark back, so the next sync reads from there' {
        $users = @(Get-CloseioUser)
        $state = Set-CloseioState -Stream users -Bookmark '2000-01-01T00:00:00Z' -ProfilePath $ProfilePath -Force
        ([datetime]$state.Bookmark).ToUniversalTime() | Should -Be ([datetimeoffset]'2000-01-01T00:00:00Z').UtcDateTime
        @(Sync-CloseioStream -Stream users -ProfilePath $ProfilePath).Count | Should -Be $users.Count
    }
}
