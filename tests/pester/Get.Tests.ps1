#requires -Version 7.4
# Pester 5. The Get-* cmdlets against the in-process Sandbox.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Closeio.TestSetup.ps1')
    Connect-Closeio -Sandbox -SandboxSeed 7 -SandboxLeads 30 -SandboxActivities 300 | Out-Null
}

AfterAll {
    Disconnect-Closeio
}

Describe 'Get-CloseioLead' {
    It 'streams leads typed Closeio.Lead, and -First stops after that many' {
        $leads = @(Get-CloseioLead -First 3)
        $leads.Count | Should -Be 3
        $leads | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'Closeio.Lead' }
        $leads | ForEach-Object { $_.id | Should -BeLike 'lead_*' }
    }

    It 'gives every lead the same properties in the same order, id and date_updated first' {
        $leads = @(Get-CloseioLead)
        $first = Get-PropertyName $leads[0]
        $first[0..1] | Should -Be @('id', 'date_updated')
        $leads | ForEach-Object { (Get-PropertyName $_) -join ',' | Should -Be ($first -join ',') }
    }

    It '-IncludeTotalCount writes the count object first, then the records' {
        $out = @(Get-CloseioLead -First 2 -IncludeTotalCount)
        $out.Count | Should -Be 3
        $out[0] | Should -BeOfType [uint64]
        $out[1].PSObject.TypeNames[0] | Should -Be 'Closeio.Lead'
    }

    It '-First 0 returns nothing' {
        @(Get-CloseioLead -First 0).Count | Should -Be 0
    }

    It '-IncludeTotalCount gives the number of leads Close counts, not an unknown total' {
        $all = @(Get-CloseioLead)
        $out = @(Get-CloseioLead -First 1 -IncludeTotalCount)
        $out[0] | Should -BeOfType [uint64]
        [uint64]$out[0] | Should -Be $all.Count
        "$($out[0])" | Should -Not -Match 'Unknown'
    }

    It 'reads the custom fields once for a loop of reads by id, and only the kinds a lead carries' {
        $id = (Get-CloseioLead -First 1).id
        $verbose = 1..5 | ForEach-Object { Get-CloseioLead -Id $id -Verbose 4>&1 } |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        @($verbose | Where-Object { $_ -match 'GET lead/lead_' }).Count | Should -Be 5
        $fieldReads = @($verbose | Where-Object { $_ -match 'custom_field/' })
        $fieldReads.Count | Should -BeLessOrEqual 4
        $fieldReads -match 'custom_field/(activity|custom_object_type)/' | Should -BeNullOrEmpty
    }

    It '-Skip skips' {
        $all = @(Get-CloseioLead -First 6)
        $skipped = @(Get-CloseioLead -Skip 2 -First 4)
        $skipped.id | Should -Be $all[2..5].id
    }

    It 'reads one lead by id' {
        $one = Get-CloseioLead -First 1
        $again = @(Get-CloseioLead -Id $one.id)
        $again.Count | Should -Be 1
        $again[0].id | Should -Be $one.id
    }

    It 'reads leads piped in again by their id property' {
        $leads = @(Get-CloseioLead -First 2)
        $again = @($leads | Get-CloseioLead)
        $again.id | Should -Be $leads.id
    }

    It 'takes a comma list in one -Property text' {
        $lead = Get-CloseioLead -First 1 -Property 'display_name,status_label'
        Get-PropertyName $lead | Should -Be (Get-PropertyName (Get-CloseioLead -First 1 -Property display_name, status_label))
    }

    It 'reports an unknown id as ObjectNotFound without stopping' {
        $errs = $null
        $result = @(Get-CloseioLead -Id 'lead_doesnotexist' -ErrorAction SilentlyContinue -ErrorVariable errs)
        $result.Count | Should -Be 0
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Closeio.NotFound*'
    }

    It '-UpdatedAfter returns only leads updated since then, oldest first' {
        $all = @(Get-CloseioLead)
        $instants = $all | ForEach-Object { ConvertTo-Instant $_.date_updated } | Sort-Object
        $after = $instants[[int]($instants.Count / 2)]
        $recent = @(Get-CloseioLead -UpdatedAfter $after.UtcDateTime)
        $recent.Count | Should -Be @($instants | Where-Object { $_ -ge $after }).Count
        $keys = $recent | ForEach-Object { ConvertTo-Instant $_.date_updated }
        $keys | ForEach-Object { $_ | Should -BeGreaterOrEqual $after }
        ($keys | Sort-Object) -join '|' | Should -Be ($keys -join '|')
    }

    It '-Property keeps only the properties asked for (and the keys)' {
        $lead = Get-CloseioLead -First 1 -Property display_name
        Get-PropertyName $lead | Should -Be @('id', 'date_updated', 'display_name', '_extra')
    }

    It 'shows nested values as JSON text, never as a .NET type name' {
        $lead = Get-CloseioLead | Where-Object { $null -ne $_.contacts } | Select-Object -First 1
        $lead | Should -Not -BeNullOrEmpty
        "$($lead.contacts)" | Should -Not -Match '^System\.'
        $lead.contacts.ToString() | Should -Match '^\['
    }
}

Describe 'Get-CloseioActivity' {
    It 'takes leads from the pipeline: Get-CloseioLead -First 3 | Get-CloseioActivity' {
        $leads = @(Get-CloseioLead -First 3)
        $activities = @($leads | Get-CloseioActivity)
        $activities.Count | Should -BeGreaterThan 0
        $activities | ForEach-Object {
            $_.PSObject.TypeNames[0] | Should -Be 'Closeio.Activity'
            $_.lead_id | Should -BeIn $leads.id
        }
    }

    It '-Type limits the activity types' {
        $calls = @(Get-CloseioActivity -Type Call -First 20)
        $calls.Count | Should -BeGreaterThan 0
        $calls | ForEach-Object { $_._type | Should -Be 'Call' }
    }

    It '-CreatedAfter and -CreatedBefore bound the creation date' {
        $sample = @(Get-CloseioActivity -First 50) | ForEach-Object { ConvertTo-Instant $_.date_created } | Sort-Object
        $after = $sample[10]
        $before = $sample[40]
        $inRange = @(Get-CloseioActivity -CreatedAfter $after.UtcDateTime -CreatedBefore $before.UtcDateTime)
        $inRange.Count | Should -BeGreaterThan 0
        $inRange | ForEach-Object {
            $created = ConvertTo-Instant $_.date_created
            $created | Should -BeGreaterOrEqual $after
            $created | Should -BeLessThan $before
        }
    }

    It 'binds a piped task''s lead_id, not its own id' {
        $task = Get-CloseioTask | Where-Object { $_.lead_id } | Select-Object -First 1
        $task | Should -Not -BeNullOrEmpty
        $activities = @($task | Get-CloseioActivity)
        $activities | ForEach-Object { $_.lead_id | Should -Be $task.lead_id }
    }

    It 'supports -First across all the leads piped in' {
        @(Get-CloseioLead -First 5 | Get-CloseioActivity -First 4).Count | Should -Be 4
    }
}

Describe 'Get-CloseioTask' {
    It 'returns tasks of every type, not only lead tasks' {
        $tasks = @(Get-CloseioTask)
        $tasks.Count | Should -BeGreaterThan 0
        $tasks[0].PSObject.TypeNames[0] | Should -Be 'Closeio.Task'
        @($tasks._type | Sort-Object -Unique).Count | Should -BeGreaterThan 1
    }

    It '-IncludeTotalCount gives the total_results Close answers' {
        $all = @(Get-CloseioTask)
        $out = @(Get-CloseioTask -IncludeTotalCount -First 1)
        [uint64]$out[0] | Should -Be $all.Count
        "$($out[0])" | Should -Not -Match 'Unknown'
    }

    It '-Type limits the task types' {
        $lead = @(Get-CloseioTask -Type lead)
        $lead | ForEach-Object { $_._type | Should -Be 'lead' }
    }
}

Describe 'Get-CloseioUser' {
    It 'returns the users typed Closeio.User' {
        $users = @(Get-CloseioUser)
        $users.Count | Should -BeGreaterThan 0
        $users | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'Closeio.User'; $_.id | Should -BeLike 'user_*' }
    }
}

Describe 'Get-CloseioCustomField' {
    It 'returns definitions of every kind, each with its kind' {
        $fields = @(Get-CloseioCustomField)
        $fields.Count | Should -BeGreaterThan 0
        $fields | ForEach-Object { $_.kind | Should -BeIn @('lead', 'contact', 'opportunity', 'activity', 'shared', 'custom_object_type') }
    }

    It '-Kind takes custom_object_type, the fields of custom objects' {
        $fields = @(Get-CloseioCustomField -Kind custom_object_type)
        $fields.Count | Should -BeGreaterThan 0
        $fields | ForEach-Object { $_.kind | Should -Be 'custom_object_type' }
    }

    It '-IncludeTotalCount gives the number of definitions' {
        $all = @(Get-CloseioCustomField)
        $out = @(Get-CloseioCustomField -IncludeTotalCount -First 2)
        [uint64]$out[0] | Should -Be $all.Count
        "$($out[0])" | Should -Not -Match 'Unknown'
    }

    It '-Kind limits the kinds' {
        $lead = @(Get-CloseioCustomField -Kind lead)
        $lead.Count | Should -BeGreaterThan 0
        $lead | ForEach-Object { $_.kind | Should -Be 'lead'; $_.PSObject.TypeNames[0] | Should -Be 'Closeio.CustomField' }
    }
}

Describe 'Get-CloseioEvent' {
    It 'completes -ObjectType with the object types the event log names' {
        $line = 'Get-CloseioEvent -ObjectType activity.c'
        $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $found | Should -Contain 'activity.call'
        $found | Should -Contain 'activity.created'
        $found | Should -Not -Contain 'lead'
        $line = 'Get-CloseioEvent -ObjectType task.'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'task.outgoing_call'
        $line = 'Get-CloseioEvent -ObjectType '
        $all = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        'lead', 'contact', 'opportunity' | ForEach-Object { $all | Should -Contain $_ }
    }

    It 'completes -Action with the four actions' {
        $line = 'Get-CloseioEvent -ObjectType lead -Action '
        $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $found | Sort-Object | Should -Be @('created', 'deleted', 'merged', 'updated')
    }

    It 'returns events typed Closeio.Event, and -First stops after that many' {
        $events = @(Get-CloseioEvent -First 10)
        $events.Count | Should -BeGreaterThan 0
        $events.Count | Should -BeLessOrEqual 10
        $events | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'Closeio.Event'; $_.id | Should -Not -BeNullOrEmpty }
    }

    It '-Since returns only events updated since then' {
        $since = (ConvertTo-Instant (Get-CloseioEvent -First 20 | Select-Object -Last 1).date_updated)
        $recent = @(Get-CloseioEvent -Since $since.UtcDateTime)
        $recent.Count | Should -BeGreaterThan 0
        $recent | ForEach-Object { ConvertTo-Instant $_.date_updated | Should -BeGreaterOrEqual $since }
    }

    It '-ObjectType and -Action filter the events' {
        $created = @(Get-CloseioEvent -ObjectType lead -Action created -First 5)
        $created | ForEach-Object { $_.object_type | Should -Be 'lead'; $_.action | Should -Be 'created' }
    }
}

Describe 'Get-CloseioStream' {
    It 'lists the six seed streams first, then the others, with keys, replication and endpoint' {
        $streams = @(Get-CloseioStream)
        $streams.Name | Select-Object -First 6 | Should -Be @('leads', 'activities', 'tasks', 'users', 'custom_fields', 'event_log')
        $streams.Name | Should -Contain 'lead_statuses'
        $leads = $streams | Where-Object Name -EQ 'leads'
        $leads.ReplicationKey | Should -Be 'date_updated'
        $leads.KeyProperties | Should -Be @('id')
        $leads.TypeName | Should -Be 'Closeio.Lead'
    }

    It 'includes the connected organization''s custom fields, named as the records name them' {
        $leads = Get-CloseioStream -Stream leads
        $custom = @($leads.Properties | Where-Object IsCustomField)
        $custom.Count | Should -BeGreaterThan 0
        $record = Get-CloseioLead -First 1
        Get-PropertyName $record | Should -Be $leads.Properties.Name
    }
}

Describe 'Warnings from the engine' {
    BeforeAll {
        $sandbox = Start-CloseioSandbox -Seed 5 -Leads 15 -Activities 20
        $conn = Connect-Closeio -BaseUri $sandbox.BaseUri -ApiKey $sandbox.ApiKey
    }

    AfterAll {
        Disconnect-Closeio
        Stop-CloseioSandbox $sandbox
        Connect-Closeio -Sandbox -SandboxSeed 7 -SandboxLeads 30 -SandboxActivities 300 | Out-Null
    }

    It 'shows a custom field deleted while leads are read as a warning, and still returns every lead' {
        $before = @(Get-CloseioLead -Connection $conn)
        $field = @(Get-CloseioCustomField -Connection $conn -Kind lead)[0]
        (Get-SandboxApi $sandbox).Organization.DeleteCustomField($field.id)
        $after = @(Get-CloseioLead -Connection $conn -WarningVariable warned -WarningAction SilentlyContinue)
        $after.Count | Should -Be $before.Count
        ($warned | Out-String) | Should -Match $field.id
    }
}

Describe 'Get-CloseioOpportunity and Get-CloseioContact' {
    BeforeAll {
        $leads = @(Get-CloseioLead -First 2)
        $allOpportunities = @(Get-CloseioRecord -Stream opportunities)
        $allContacts = @(Get-CloseioRecord -Stream contacts)
    }

    It 'Get-CloseioLead -First 2 | Get-CloseioOpportunity returns exactly those leads'' opportunities' {
        # The first two leads that have deals (the Sandbox's first leads may have none).
        $withDeals = @(Get-CloseioLead -Id @($allOpportunities.lead_id | Sort-Object -Unique) -First 2)
        $withDeals.Count | Should -Be 2
        $expected = @($allOpportunities | Where-Object lead_id -In $withDeals.id)
        $found = @($withDeals | Get-CloseioOpportunity)
        $found | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'Closeio.Opportunity' }
        @($found.id | Sort-Object) | Should -Be @($expected.id | Sort-Object)
    }

    It 'Get-CloseioLead -First 2 | Get-CloseioContact returns exactly those leads'' contacts' {
        $expected = @($allContacts | Where-Object lead_id -In $leads.id)
        $expected.Count | Should -BeGreaterThan 0
        $found = @($leads | Get-CloseioContact)
        $found | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'Closeio.Contact' }
        @($found.id | Sort-Object) | Should -Be @($expected.id | Sort-Object)
    }

    It '-UpdatedAfter returns exactly the <Noun> updated since then' -ForEach @(
        @{ Noun = 'opportunities'; Command = 'Get-CloseioOpportunity' }
        @{ Noun = 'contacts'; Command = 'Get-CloseioContact' }
    ) {
        $all = if ($Noun -eq 'opportunities') { $allOpportunities } else { $allContacts }
        $times = @($all | ForEach-Object { ConvertTo-Instant $_.date_updated } | Sort-Object)
        $after = $times[[int]($times.Count / 2)]
        $expected = @($all | Where-Object { (ConvertTo-Instant $_.date_updated) -ge $after })
        $found = @(& $Command -UpdatedAfter $after.UtcDateTime)
        $found.Count | Should -BeGreaterThan 0
        $found.Count | Should -BeLessThan $all.Count
        @($found.id | Sort-Object) | Should -Be @($expected.id | Sort-Object)
    }

    It '-StatusType won returns only won opportunities, all of them' {
        $expected = @($allOpportunities | Where-Object status_type -EQ 'won')
        $found = @(Get-CloseioOpportunity -StatusType won)
        $found.Count | Should -Be $expected.Count
        $found | ForEach-Object { $_.status_type | Should -Be 'won' }
    }

    It 'reads one <Command> by id, and -First stops there' -ForEach @(
        @{ Command = 'Get-CloseioOpportunity' }
        @{ Command = 'Get-CloseioContact' }
    ) {
        $two = @(& $Command -First 2)
        $two.Count | Should -Be 2
        $again = @($two[1].id | & $Command)
        $again.Count | Should -Be 1
        $again[0].id | Should -Be $two[1].id
    }

    It 'completes -Property of <Command> with the stream''s fields' -ForEach @(
        @{ Command = 'Get-CloseioOpportunity'; Field = 'status_type'; Other = 'display_name' }
        @{ Command = 'Get-CloseioContact'; Field = 'title'; Other = 'status_type' }
    ) {
        $line = "$Command -Property "
        $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $found | Should -Contain $Field
        $found | Should -Contain 'date_updated'
        $found | Should -Not -Contain $Other
    }
}

Describe 'Get-CloseioRecord' {
    It 'reads a stream that has no cmdlet of its own, typed and shaped as a sync gives it' {
        $statuses = @(Get-CloseioRecord -Stream lead_statuses)
        $statuses.Count | Should -BeGreaterThan 0
        $statuses | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'Closeio.LeadStatus' }
        (Get-PropertyName $statuses[0])[0..2] | Should -Be @('id', 'label', 'organization_id')
        $synced = @(Sync-CloseioStream -Stream lead_statuses -ProfilePath (Join-Path $TestDrive 'record.json') -WarningAction SilentlyContinue)
        ($statuses.id | Sort-Object) | Should -Be ($synced.id | Sort-Object)
    }

    It 'takes the stream by name from Get-CloseioStream, and -Since and -First' {
        $users = @(Get-CloseioStream -Stream users | Get-CloseioRecord)
        $users.Count | Should -Be @(Get-CloseioUser).Count
        $since = ($users | Sort-Object date_updated)[-1].date_updated
        @(Get-CloseioRecord users -Since $since).id | Should -Contain ($users | Sort-Object date_updated)[-1].id
        @(Get-CloseioRecord -Stream tasks -First 2).Count | Should -Be 2
    }

    It 'completes -Stream with every stream, and refuses an unknown one naming the valid ones' {
        $line = 'Get-CloseioRecord -Stream lead_st'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'lead_statuses'
        { Get-CloseioRecord -Stream deals -ErrorAction Stop } | Should -Throw -ErrorId 'Closeio.InvalidArgument*'
        $error[0].Exception.Message | Should -BeLike "*'deals' is not a Close stream*lead_statuses*"
    }
}
