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
    It 'a second sync returns nothing of the incremental streams, and the full-table streams whole again' {
        $profilePath = New-ProfilePath 'second'
        $fullTable = @(Get-CloseioStream | Where-Object ReplicationMethod -EQ 'FullTable').Name
        $fullTable | Should -Contain 'lead_statuses'
        $first = @(Sync-CloseioStream -ProfilePath $profilePath @Quiet)
        $first.Count | Should -BeGreaterThan 0
        $second = @(Sync-CloseioStream -ProfilePath $profilePath @Quiet)
        @($second | Where-Object Stream -NotIn $fullTable).Count | Should -Be 0
        @($second | Where-Object Stream -In $fullTable).id | Sort-Object | Should -Be (@($first | Where-Object Stream -In $fullTable).id | Sort-Object)
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
        # Select-Object took the fifth record before it stopped the sync: delivered, so not again.
        @($rest.id | Where-Object { $_ -in $firstFive.id }) | Should -BeNullOrEmpty
        $rest.Count | Should -Be ($all.Count - 5)

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

Describe 'A stream that fails' {
    BeforeAll {
        $sandbox = Start-CloseioSandbox -Seed 4 -Leads 20 -Activities 60
        # Close answers 402 when the plan does not cover a resource: not retried, the stream fails.
        (Get-SandboxApi $sandbox).Faults.SetProbability('PaymentRequired', 1.0, 'GET /task/')
        $planLimited = Connect-Closeio -BaseUri $sandbox.BaseUri -ApiKey $sandbox.ApiKey
    }

    AfterAll {
        Stop-CloseioSandbox $sandbox
        Connect-Closeio -Sandbox -SandboxSeed 3 -SandboxLeads 40 -SandboxActivities 300 | Out-Null
    }

    It 'never stops the other streams, even under $ErrorActionPreference = ''Stop'', and the run still ends with its error' {
        $profilePath = New-ProfilePath 'failing-stream'
        foreach ($run in 1, 2) {
            $records = [Collections.Generic.List[object]]::new()
            {
                $ErrorActionPreference = 'Stop'
                Sync-CloseioStream -Connection $planLimited -ProfilePath $profilePath -StartDate '2000-01-01' @Quiet |
                    ForEach-Object { $records.Add($_) }
            } | Should -Throw -ErrorId 'Closeio.PlanLimit*'
            $byStream = $records | Group-Object Stream -AsHashTable -AsString
            if ($run -eq 1) {
                foreach ($stream in 'leads', 'activities', 'users', 'custom_fields', 'event_log') {
                    $byStream[$stream].Count | Should -BeGreaterThan 0 -Because "$stream does not depend on tasks"
                }
            }
            else {
                # Every stream but tasks completed the first time: nothing is left for them (a full-table
                # stream, read whole every run, comes whole again).
                $fullTable = @(Get-CloseioStream | Where-Object ReplicationMethod -EQ 'FullTable').Name
                @($records | Where-Object Stream -NotIn $fullTable).Count | Should -Be 0
            }
            $states = Get-CloseioState -ProfilePath $profilePath
            ($states | Where-Object Stream -EQ 'leads').LastRunOutcome | Should -Be 'completed'
            ($states | Where-Object Stream -EQ 'tasks').LastRunOutcome | Should -Be 'failed'
        }
    }

    It 'exits pwsh -File with code 1' {
        $script = Join-Path $TestDrive 'failing.ps1'
        $profilePath = New-ProfilePath 'failing-exit'
        Set-Content -LiteralPath $script -Value @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
Connect-Closeio -BaseUri '$($sandbox.BaseUri)' -ApiKey (ConvertTo-SecureString 'sandbox_api_key' -AsPlainText -Force) | Out-Null
Sync-CloseioStream -Stream tasks, users -ProfilePath '$profilePath' -WarningAction SilentlyContinue | Out-Null
"@
        $result = Invoke-ChildPwsh -ScriptPath $script -NonInteractive
        $result.ExitCode | Should -Be 1
        (Get-CloseioState -Stream users -ProfilePath $profilePath).LastRunOutcome | Should -Be 'completed'
    }
}

Describe '-Debug' {
    It 'writes the HTTP detail of <Command> without prompting, in a host that cannot prompt (<Case>)' -ForEach @(
        @{ Command = 'Get-CloseioUser -First 1'; Case = '-NonInteractive'; NonInteractive = $true }
        @{ Command = 'Get-CloseioUser -First 1'; Case = 'input redirected'; NonInteractive = $false }
        @{ Command = 'Sync-CloseioStream -Stream users'; Case = '-NonInteractive'; NonInteractive = $true }
        @{ Command = 'Sync-CloseioStream -Stream users'; Case = 'input redirected'; NonInteractive = $false }
    ) {
        $script = Join-Path $TestDrive 'debug.ps1'
        $full = if ($Command -like 'Sync-*') { "$Command -ProfilePath '$(New-ProfilePath 'debug')'" } else { $Command }
        Set-Content -LiteralPath $script -Value @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
Connect-Closeio -Sandbox -SandboxLeads 5 -SandboxActivities 10 | Out-Null
`$all = $full -Debug -WarningAction SilentlyContinue 5>&1 4>&1
foreach (`$item in `$all) {
    if (`$item -is [System.Management.Automation.DebugRecord]) { "DEBUG-LINE `$(`$item.Message)" }
    elseif (`$item -is [System.Management.Automation.VerboseRecord]) { "VERBOSE-LINE `$(`$item.Message)" }
    else { "RECORD `$(`$item.id)" }
}
"@ -Encoding utf8NoBOM
        $result = Invoke-ChildPwsh -ScriptPath $script -NonInteractive:$NonInteractive -InputText "y`ny`ny`n"
        $result.Text | Should -Not -Match 'Continue with this operation|NonInteractive mode|UnexpectedError'
        $result.ExitCode | Should -Be 0
        $debug = @($result.Output | Where-Object { $_ -like 'DEBUG-LINE *' })
        $debug.Count | Should -BeGreaterThan 0
        $debug | Where-Object { $_ -match '^DEBUG-LINE GET \S+user/' } | Should -Not -BeNullOrEmpty
        $debug | ForEach-Object { $_ | Should -Match 'Authorization: Basic \*\*\*' }
        $result.Text | Should -Not -Match 'sandbox_api_key'
        @($result.Output | Where-Object { $_ -like 'RECORD user_*' }).Count | Should -BeGreaterThan 0
    }
}

Describe 'A stream the key may not read' {
    BeforeAll {
        $sandbox = Start-CloseioSandbox -Seed 6 -Leads 20 -Activities 60
        $restricted = Connect-Closeio -BaseUri $sandbox.BaseUri -ApiKey $sandbox.ApiKey
    }

    AfterAll {
        Stop-CloseioSandbox $sandbox
        Connect-Closeio -Sandbox -SandboxSeed 3 -SandboxLeads 40 -SandboxActivities 300 | Out-Null
    }

    It 'is skipped with a warning that names it (403 or 404), the others complete, and its bookmark stays' {
        $profilePath = New-ProfilePath 'restricted'
        $streams = 'sequences', 'custom_object_types', 'email_templates', 'roles'
        $first = @(Sync-CloseioStream -Connection $restricted -Stream $streams -ProfilePath $profilePath -StartDate '2000-01-01' @Quiet)
        @($first | Where-Object Stream -EQ 'sequences').Count | Should -BeGreaterThan 0
        $before = Get-CloseioState -ProfilePath $profilePath

        # The key loses sequences (403), the plan custom objects (404).
        $api = Get-SandboxApi $sandbox
        $api.Options.Restrictions.Add('/sequence/', 'NoPermission')
        $api.Options.Restrictions.Add('/custom_object_type/', 'NotOnPlan')
        $second = @(Sync-CloseioStream -Connection $restricted -Stream $streams -ProfilePath $profilePath -WarningVariable warned -WarningAction SilentlyContinue)

        @($second | Where-Object Stream -In 'sequences', 'custom_object_types').Count | Should -Be 0
        @($warned | Where-Object { "$_" -like 'sequences: skipped*' }).Count | Should -Be 1
        @($warned | Where-Object { "$_" -like 'custom_object_types: skipped*' }).Count | Should -Be 1
        $after = Get-CloseioState -ProfilePath $profilePath
        foreach ($stream in 'sequences', 'custom_object_types') {
            ($after | Where-Object Stream -EQ $stream).LastRunOutcome | Should -Be 'skipped'
            ($after | Where-Object Stream -EQ $stream).Bookmark | Should -Be ($before | Where-Object Stream -EQ $stream).Bookmark
        }
        foreach ($stream in 'email_templates', 'roles') {
            ($after | Where-Object Stream -EQ $stream).LastRunOutcome | Should -Be 'completed'
        }
    }
}
