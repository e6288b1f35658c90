#requires -Version 7.4
# Pester 5. Sync-CloseioStream against the in-process Sandbox: CSV round trip, incremental runs,
# interrupted runs, -WhatIf, files, and the run summary. Every test uses its own profile file.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Closeio.TestSetup.ps1')
    Connect-Closeio -Sandbox -SandboxSeed 3 -SandboxLeads 40 -SandboxActivities 300 | Out-Null
    $Quiet = @{ WarningAction = 'SilentlyContinue' }
    function New-ProfilePath([string] $Name) { Join-Path $TestDrive "$Name.json" }
}

AfterAll {
    Disconnect-Closeio
}

Describe 'A sync piped to Export-Csv' {
    It 'reads back with Import-Csv with every <Stream> column and no .NET type names' -ForEach @(
        @{ Stream = 'leads' }, @{ Stream = 'activities' }, @{ Stream = 'tasks' }, @{ Stream = 'event_log' }
    ) {
        $csv = Join-Path $TestDrive "$Stream.csv"
        $records = @(Sync-CloseioStream -Stream $Stream -ProfilePath (New-ProfilePath "csv-$Stream") @Quiet)
        $records.Count | Should -BeGreaterThan 0
        $records | Export-Csv -Path $csv

        $rows = @(Import-Csv -Path $csv)
        $rows.Count | Should -Be $records.Count
        $header = Get-PropertyName $rows[0]
        $header | Should -Be (Get-PropertyName $records[0])
        foreach ($property in (Get-CloseioStream -Stream $Stream).Properties.Name) {
            $header | Should -Contain $property
        }
        $typeNames = @($rows | ForEach-Object { $_.PSObject.Properties.Value } | Where-Object { $_ -match '^System\.' })
        $typeNames | Should -BeNullOrEmpty
    }

    It 'writes timestamps as ISO 8601 UTC text and nested values as JSON' {
        $csv = Join-Path $TestDrive 'leads-format.csv'
        Sync-CloseioStream -Stream leads -ProfilePath (New-ProfilePath 'format') @Quiet | Export-Csv -Path $csv
        $rows = @(Import-Csv -Path $csv)
        $rows | ForEach-Object { $_.date_updated | Should -Match '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$' }
        $withContacts = $rows | Where-Object { $_.contacts } | Select-Object -First 1
        $withContacts.contacts | Should -Match '^\['
        { $withContacts.contacts | ConvertFrom-Json } | Should -Not -Throw
    }
}

Describe 'Incremental runs' {
    It 'a second sync returns nothing' {
        $profilePath = New-ProfilePath 'second'
        $first = @(Sync-CloseioStream -ProfilePath $profilePath @Quiet)
        $first.Count | Should -BeGreaterThan 0
        $second = @(Sync-CloseioStream -ProfilePath $profilePath @Quiet)
        $second.Count | Should -Be 0
    }

    It 'adds a Stream property, and the stream''s type name, when several streams are synced' {
        $records = @(Sync-CloseioStream -Stream leads, tasks -ProfilePath (New-ProfilePath 'several') @Quiet)
        $records.Stream | Sort-Object -Unique | Should -Be @('leads', 'tasks')
        $records | ForEach-Object {
            $_.PSObject.TypeNames[0] | Should -Be $(if ($_.Stream -eq 'leads') { 'Closeio.Lead' } else { 'Closeio.Task' })
            (Get-PropertyName $_)[0] | Should -Be 'Stream'
        }
    }

    It 'Select-Object -First 5, then a resume, loses nothing' {
        $profilePath = New-ProfilePath 'resume'
        $all = @(Get-CloseioLead).id
        $all.Count | Should -BeGreaterThan 5

        $cutErrors = $null
        $firstFive = @(Sync-CloseioStream -Stream leads -ProfilePath $profilePath -StartDate '2000-01-01' -ErrorVariable cutErrors @Quiet |
            Select-Object -First 5)
        $firstFive.Count | Should -Be 5
        # Select-Object stops the sync upstream: PowerShell's control flow, not a failure.
        $cutErrors | Should -BeNullOrEmpty
        (Get-CloseioState -Stream leads -ProfilePath $profilePath).Bookmark | Should -Not -BeNullOrEmpty

        $rest = @(Sync-CloseioStream -Stream leads -ProfilePath $profilePath @Quiet)
        $delivered = @($firstFive.id) + @($rest.id) | Sort-Object -Unique
        foreach ($id in $all) { $id | Should -BeIn $delivered }
        # At least once: the resume may repeat the record that was being handed over, never more.
        $rest.Count | Should -BeLessOrEqual ($all.Count - 4)

        @(Sync-CloseioStream -Stream leads -ProfilePath $profilePath @Quiet).Count | Should -Be 0
    }

    It 'under -WhatIf delivers the records but saves no bookmark' {
        $profilePath = New-ProfilePath 'whatif'
        $preview = @(Sync-CloseioStream -Stream leads -ProfilePath $profilePath -WhatIf @Quiet)
        $preview.Count | Should -BeGreaterThan 0
        (Get-CloseioState -Stream leads -ProfilePath $profilePath).Bookmark | Should -BeNullOrEmpty
        @(Sync-CloseioStream -Stream leads -ProfilePath $profilePath @Quiet).Count | Should -Be $preview.Count
    }

    It 'writes one file per stream with -OutputDirectory, and nothing to the pipeline' {
        $directory = Join-Path $TestDrive 'files'
        $output = @(Sync-CloseioStream -Stream leads, tasks -ProfilePath (New-ProfilePath 'files') -OutputDirectory $directory -Format JsonLines @Quiet)
        $output.Count | Should -Be 0
        $lines = Get-Content (Join-Path $directory 'leads.jsonl')
        @($lines).Count | Should -BeGreaterThan 0
        { $lines | ForEach-Object { $_ | ConvertFrom-Json } } | Should -Not -Throw
        Test-Path (Join-Path $directory 'tasks.jsonl') | Should -BeTrue
    }

    It 'under -WhatIf with -OutputDirectory writes no file and saves no bookmark' {
        $directory = Join-Path $TestDrive 'whatif-files'
        $profilePath = New-ProfilePath 'whatif-files'
        $output = @(Sync-CloseioStream -Stream leads -ProfilePath $profilePath -OutputDirectory $directory -WhatIf @Quiet)
        $output.Count | Should -Be 0
        Test-Path (Join-Path $directory 'leads.csv') | Should -BeFalse
        (Get-CloseioState -Stream leads -ProfilePath $profilePath).Bookmark | Should -BeNullOrEmpty
    }

    It 'puts the run summary on the information stream, never among the records' {
        $info = $null
        $records = @(Sync-CloseioStream -Stream tasks -ProfilePath (New-ProfilePath 'summary') -InformationVariable info @Quiet)
        $records.Count | Should -BeGreaterThan 0
        $records | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'Closeio.Task' }
        $summary = @($info.MessageData | Where-Object Stream -EQ 'tasks')
        $summary.Count | Should -Be 1
        $summary[0].Records | Should -Be $records.Count
        $summary[0].Outcome | Should -Not -BeNullOrEmpty
    }

    It 'writes one verbose line per request, without the key' {
        $verbose = Sync-CloseioStream -Stream users -ProfilePath (New-ProfilePath 'verbose') -Verbose @Quiet 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose).Count | Should -BeGreaterThan 0
        ($verbose | Out-String) | Should -Match 'GET'
        ($verbose | Out-String) | Should -Not -Match 'sandbox_api_key'
    }
}
