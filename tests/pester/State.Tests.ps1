#requires -Version 7.4
# Pester 5. Get-, Set- and Reset-CloseioState on a profile written by a sync.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Closeio.TestSetup.ps1')
    Connect-Closeio -Sandbox -SandboxSeed 5 -SandboxLeads 20 -SandboxActivities 100 | Out-Null
    $ProfilePath = Join-Path $TestDrive 'state.json'
    Sync-CloseioStream -Stream leads, tasks -ProfilePath $ProfilePath -StartDate '2000-01-01' -WarningAction SilentlyContinue | Out-Null
}

AfterAll {
    Disconnect-Closeio
}

Describe 'Get-CloseioState' {
    It 'shows one object per stream, with the bookmark as a date and the last run' {
        $states = @(Get-CloseioState -ProfilePath $ProfilePath)
        $states.Stream | Should -Be @('leads', 'activities', 'tasks', 'users', 'custom_fields', 'event_log')
        $leads = $states | Where-Object Stream -EQ 'leads'
        $leads.PSObject.TypeNames[0] | Should -Be 'Closeio.StreamState'
        $leads.Bookmark | Should -BeOfType [datetimeoffset]
        $leads.LastRunRecords | Should -BeGreaterThan 0
        $leads.LastRunOutcome | Should -Not -BeNullOrEmpty
        ($states | Where-Object Stream -EQ 'activities').Bookmark | Should -BeNullOrEmpty
    }
}

Describe 'Reset-CloseioState' {
    It 'changes nothing under -WhatIf' {
        $before = Get-Content -Raw $ProfilePath
        Reset-CloseioState -Stream leads -ProfilePath $ProfilePath -WhatIf
        Get-Content -Raw $ProfilePath | Should -Be $before
        (Get-CloseioState -Stream leads -ProfilePath $ProfilePath).Bookmark | Should -Not -BeNullOrEmpty
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
        $state.Bookmark | Should -Be ([datetimeoffset]'2000-01-01T00:00:00Z')
        @(Sync-CloseioStream -Stream users -ProfilePath $ProfilePath).Count | Should -Be $users.Count
    }
}
