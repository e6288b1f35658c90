#requires -Version 7.4
# Pester 5. Records as a shell user meets them: timestamps that are dates, nested values that are
# objects, default views that keep whole ids, text forms (CSV, JSON) that stay ISO 8601 and compact
# JSON in any culture, and a module that another module's copy of Polly cannot break.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Closeio.TestSetup.ps1')
    Connect-Closeio -Sandbox -SandboxSeed 11 -SandboxLeads 24 -SandboxActivities 200 | Out-Null
    $Quiet = @{ WarningAction = 'SilentlyContinue' }
    $Iso = '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$'
    $script:Leads = @(Get-CloseioLead)

    # Runs $Script in a fresh pwsh process (same pwsh as this one) and returns its output lines.
    function Invoke-FreshPwsh([string] $Script, [hashtable] $Environment = @{}) {
        $pwsh = @([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }
        $file = Join-Path $TestDrive "fresh-$([guid]::NewGuid().ToString('n')).ps1"
        Set-Content -LiteralPath $file -Value $Script
        $saved = @{}
        foreach ($name in $Environment.Keys) {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $Environment[$name])
        }
        try {
            $out = & $pwsh[0] $pwsh[1..9] -NoProfile -NonInteractive -File $file -Manifest $script:ModuleManifest 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($out | ForEach-Object { "$_" }) }
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }

    # The header of a rendered table: the non-blank lines above the first '--' underline.
    function Get-HeaderLine([string[]] $Lines) {
        $underline = [array]::FindIndex($Lines, [Predicate[string]] { param($l) $l -match '^-' })
        @($Lines[0..($underline - 1)] | Where-Object { $_.Trim() })
    }
}

AfterAll {
    Disconnect-Closeio
}

Describe 'Timestamps in the shell' {
    It 'are dates: -gt against a date counts the records after it' {
        $instants = @($Leads | ForEach-Object { ConvertTo-Instant $_.date_updated.ToString() } | Sort-Object)
        $middle = $instants[[int]($instants.Count / 2)]
        $expected = @($instants | Where-Object { $_ -gt $middle }).Count
        $expected | Should -BeLessThan $Leads.Count

        @($Leads | Where-Object date_updated -gt $middle.LocalDateTime).Count | Should -Be $expected
        @($Leads | Where-Object date_updated -gt (Get-Date).AddYears(50)).Count | Should -Be 0
    }

    It 'cast to [datetime], name the same instant and sort in time order' {
        $lead = $Leads[0]
        $lead.date_updated | Should -BeOfType [datetime]
        ([datetime]$lead.date_updated).ToUniversalTime() | Should -Be (ConvertTo-Instant $lead.date_updated.ToString()).UtcDateTime
        $sorted = @($Leads | Sort-Object date_updated | ForEach-Object id)
        $byInstant = @($Leads | Sort-Object { (ConvertTo-Instant $_.date_updated.ToString()).UtcTicks } | ForEach-Object id)
        $sorted | Should -Be $byInstant
    }

    It 'are dates inside nested objects too' {
        $contact = @($Leads.contacts)[0]
        $contact.date_created | Should -BeOfType [datetime]
    }

    It 'stay ISO 8601 UTC with microseconds in CSV and JSON text, under de-DE' {
        $culture = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            $rows = @($Leads | ConvertTo-Csv | ConvertFrom-Csv)
            $rows | ForEach-Object { $_.date_updated | Should -Match $Iso; $_.date_created | Should -Match $Iso }
            $json = $Leads[0] | Select-Object date_updated | ConvertTo-Json -Compress
            $json | Should -Match '"date_updated":"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})"'
            (ConvertTo-Instant ($json | ConvertFrom-Json -DateKind String).date_updated) |
                Should -Be (ConvertTo-Instant $Leads[0].date_updated.ToString())
        }
        finally { [cultureinfo]::CurrentCulture = $culture }
    }

    It 'compare right against Get-Date and export as UTC text in a process east of UTC in de-DE' {
        $script = @'
param($Manifest)
[cultureinfo]::CurrentCulture = 'de-DE'
Import-Module $Manifest -ErrorAction Stop
Connect-Closeio -Sandbox -SandboxSeed 11 -SandboxLeads 5 | Out-Null
$lead = Get-CloseioLead -First 1
$utc = [datetimeoffset]::Parse($lead.date_updated.ToString(), [cultureinfo]::InvariantCulture)
# A local time one minute after the instant, as Get-Date would give it.
$after = $utc.AddMinutes(1).LocalDateTime
"offset=$([TimeZoneInfo]::Local.GetUtcOffset($utc).TotalHours)"
"before=$($lead.date_updated -lt $after)"
"notafter=$($lead.date_updated -gt $after)"
"csv=$(($lead | ConvertTo-Csv | ConvertFrom-Csv).date_updated)"
"text=$($lead.date_updated.ToString())"
'@
        $r = Invoke-FreshPwsh $script @{ TZ = 'Asia/Tokyo' }
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $r.Output | Should -Contain 'offset=9'
        $r.Output | Should -Contain 'before=True'
        $r.Output | Should -Contain 'notafter=False'
        ($r.Output | Where-Object { $_ -like 'csv=*' }) -replace '^csv=' | Should -Match $Iso
        ($r.Output | Where-Object { $_ -like 'text=*' }) -replace '^text=' | Should -Match $Iso
    }

    It 'Get-CloseioState shows the bookmark as a date and writes it with full precision' {
        $profilePath = Join-Path $TestDrive 'state.json'
        $records = @(Sync-CloseioStream -Stream leads -ProfilePath $profilePath @Quiet)
        $state = Get-CloseioState -Stream leads -ProfilePath $profilePath
        $state.Bookmark | Should -BeOfType [datetime]
        $newest = ($records | ForEach-Object { ConvertTo-Instant $_.date_updated.ToString() } | Measure-Object -Maximum).Maximum
        ([datetime]$state.Bookmark).ToUniversalTime() | Should -Be $newest.UtcDateTime
        $culture = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            ($state | ConvertTo-Csv | ConvertFrom-Csv).Bookmark | Should -Match $Iso
        }
        finally { [cultureinfo]::CurrentCulture = $culture }
    }
}

Describe 'Nested values in the shell' {
    It 'are objects: Select-Object and Sort-Object see their properties' {
        $lead = $Leads | Where-Object { @($_.contacts).Count -ge 2 } | Select-Object -First 1
        $lead | Should -Not -BeNullOrEmpty
        $rows = @($lead.contacts | Select-Object name, title)
        $rows.Count | Should -Be @($lead.contacts).Count
        $rows | ForEach-Object { $_.name | Should -Not -BeNullOrEmpty }
        $names = @($lead.contacts | ForEach-Object { $_.name })
        @($lead.contacts | Sort-Object name | ForEach-Object name) | Should -Be @($names | Sort-Object)
        @($lead.contacts)[0] | Should -BeOfType [pscustomobject]
        @($lead.contacts)[0].emails[0].email | Should -Match '@'
    }

    It 'name contact custom fields as a lead names its custom fields' {
        $contactFields = @(Get-CloseioCustomField | Where-Object kind -in 'contact', 'shared' | ForEach-Object name)
        $contactFields.Count | Should -BeGreaterThan 0
        $contacts = @($Leads.contacts)
        $names = @($contacts | ForEach-Object { $_.PSObject.Properties.Name } | Sort-Object -Unique)
        $names | Where-Object { $_ -like 'custom.*' } | Should -BeNullOrEmpty
        @($names | Where-Object { $_ -in $contactFields }).Count | Should -BeGreaterThan 0
    }

    It 'stay compact JSON as text: in Export-Csv cells, as the files of -OutputDirectory write them' {
        $dir = Join-Path $TestDrive 'files'
        Sync-CloseioStream -Stream leads -ProfilePath (Join-Path $TestDrive 'files.json') -OutputDirectory $dir @Quiet
        $fromFile = @{}
        Get-ChildItem -LiteralPath $dir -Filter '*.csv' -Recurse | Import-Csv | ForEach-Object { $fromFile[$_.id] = $_ }
        $fromFile.Count | Should -BeGreaterThan 0

        $culture = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            $rows = @(Sync-CloseioStream -Stream leads -ProfilePath (Join-Path $TestDrive 'pipe.json') @Quiet | ConvertTo-Csv | ConvertFrom-Csv)
        }
        finally { [cultureinfo]::CurrentCulture = $culture }
        $rows.Count | Should -Be $fromFile.Count
        foreach ($row in $rows) {
            $file = $fromFile[$row.id]
            foreach ($column in 'contacts', 'addresses', 'opportunities', 'custom_fields', 'date_updated') {
                $row.$column | Should -BeExactly $file.$column -Because "$column of $($row.id)"
            }
        }
        $rows[0].contacts | Should -Match '^\[\{"id":"cont_'
    }
}

Describe 'Default views' {
    BeforeDiscovery {
        $Views = @(
            @{ Name = 'leads'; Command = { Get-CloseioLead -First 3 } }
            @{ Name = 'activities'; Command = { Get-CloseioActivity -First 3 } }
            @{ Name = 'tasks'; Command = { Get-CloseioTask -Type all -First 3 } }
            @{ Name = 'users'; Command = { Get-CloseioUser -First 3 } }
            @{ Name = 'custom fields'; Command = { Get-CloseioCustomField -First 3 } }
            @{ Name = 'events'; Command = { Get-CloseioEvent -First 3 } }
            @{ Name = 'streams'; Command = { Get-CloseioStream } }
            @{ Name = 'state'; Command = {
                    $p = Join-Path $TestDrive 'view-state.json'
                    Sync-CloseioStream -Stream users -ProfilePath $p -WarningAction SilentlyContinue | Out-Null
                    Get-CloseioState -ProfilePath $p } }
            @{ Name = 'connection'; Command = { Connect-Closeio -Sandbox -SandboxSeed 11 -SandboxLeads 24 -SandboxActivities 200 } }
        )
    }

    It 'show whole ids, and headers on one line, at <Width> columns: <Name>' -ForEach @(
        foreach ($v in $Views) { foreach ($w in 80, 120) { @{ Name = $v.Name; Command = $v.Command; Width = $w } } }
    ) {
        $objects = @(& $Command)
        $objects.Count | Should -BeGreaterThan 0
        $text = $objects | Format-Table | Out-String -Width $Width
        $lines = $text -split '\r?\n'
        Get-HeaderLine $lines | Should -HaveCount 1 -Because "a header wrapped letter by letter:`n$text"
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual $Width }
        foreach ($o in $objects) {
            if ($o.PSObject.Properties['id']) { $text | Should -Match ([regex]::Escape($o.id)) -Because "the whole id:`n$text" }
        }
    }

    It 'show timestamps as ISO text' {
        $text = $Leads | Select-Object -First 2 | Format-Table | Out-String -Width 120
        $text | Should -Match ([regex]::Escape($Leads[0].date_updated.ToString()))
        $Leads[0].date_updated.ToString() | Should -Match $Iso
    }
}

Describe 'Get-CloseioStream as text' {
    It 'writes no .NET type names to CSV' {
        $rows = @(Get-CloseioStream | ConvertTo-Csv | ConvertFrom-Csv)
        $rows.Count | Should -BeGreaterThan 0
        $cells = @($rows | ForEach-Object { $_.PSObject.Properties.Value })
        $cells | Where-Object { $_ -match 'System\.|Closeio\.Core|`\d|\[\w+\.' } | Should -BeNullOrEmpty
        ($rows | Where-Object Name -eq 'leads').KeyProperties | Should -Be 'id'
        ($rows | Where-Object Name -eq 'leads').Properties | Should -Match '(^|, )date_updated(,|$)'
    }

    It 'keeps the properties as objects in the shell' {
        $leads = Get-CloseioStream -Stream leads
        @($leads.Properties | Where-Object IsCustomField).Count | Should -BeGreaterThan 0
        $leads.KeyProperties | Should -Contain 'id'
    }
}

Describe 'Another module''s Polly' {
    It 'does not break Connect-Closeio and a sync when a different Polly.Core 8.0.0.0 is loaded first' {
        $fake = Join-Path $TestDrive 'other-module' 'Polly.Core.dll'
        New-Item -ItemType Directory -Path (Split-Path $fake) -Force | Out-Null
        # An assembly named Polly.Core with Polly's assembly version and none of its types, as another
        # module's different build of Polly is to this one. Compiled with the Roslyn that Add-Type
        # uses (Add-Type itself would give the assembly a random name).
        Add-Type -TypeDefinition 'public static class CloseioShellTestsRoslynWarmUp { }'
        $source = '[assembly: System.Reflection.AssemblyVersion("8.0.0.0")] namespace Polly { public static class NotPolly { public static int Answer => 42; } }'
        $compilation = [Microsoft.CodeAnalysis.CSharp.CSharpCompilation]::Create('Polly.Core',
            [Microsoft.CodeAnalysis.SyntaxTree[]]@([Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree]::ParseText($source)),
            [Microsoft.CodeAnalysis.MetadataReference[]]@([Microsoft.CodeAnalysis.MetadataReference]::CreateFromFile([object].Assembly.Location)),
            [Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions]::new([Microsoft.CodeAnalysis.OutputKind]::DynamicallyLinkedLibrary))
        $stream = [IO.File]::Create($fake)
        try { $compilation.Emit([IO.Stream]$stream).Success | Should -BeTrue } finally { $stream.Dispose() }
        [Reflection.AssemblyName]::GetAssemblyName($fake).FullName | Should -BeLike 'Polly.Core, Version=8.0.0.0,*'
        $script = @"
param(`$Manifest)
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$fake'
"loaded=`$(@([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Polly.Core' }).Count)"
Import-Module `$Manifest
Connect-Closeio -Sandbox -SandboxLeads 6 | Out-Null
`$n = @(Sync-CloseioStream -Stream leads -ProfilePath (Join-Path '$TestDrive' 'isolated.json') -WarningAction SilentlyContinue).Count
"synced=`$n"
"@
        $r = Invoke-FreshPwsh $script
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $r.Output | Should -Contain 'loaded=1'
        $r.Output | Should -Contain 'synced=6'
    }
}
