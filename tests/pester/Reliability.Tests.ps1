#requires -Version 7.4
# Pester 5. Profiles and output files as a shell user meets them: owned, private, link-safe, honest.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Closeio.TestSetup.ps1')
    Connect-Closeio -Sandbox -SandboxSeed 11 -SandboxLeads 20 -SandboxActivities 60 | Out-Null
    $Quiet = @{ WarningAction = 'SilentlyContinue' }
    function New-WorkDirectory([string] $Name) {
        $path = Join-Path $TestDrive $Name
        New-Item -ItemType Directory -Path $path -Force | Out-Null
        $path
    }
}

AfterAll {
    Disconnect-Closeio
}

Describe 'Two profiles and one -OutputDirectory' {
    It 'refuses the second profile with a stable error id and leaves the first one''s file as it was' {
        $work = New-WorkDirectory 'shared'
        $out = Join-Path $work 'out'
        Sync-CloseioStream -Stream tasks -ProfilePath (Join-Path $work 'a.json') -OutputDirectory $out @Quiet
        $before = Get-Content -Raw -LiteralPath (Join-Path $out 'tasks.csv')

        { Sync-CloseioStream -Stream tasks -ProfilePath (Join-Path $work 'b.json') -OutputDirectory $out @Quiet } |
            Should -Throw -ErrorId 'Closeio.OutputFileOwnedByAnotherProfile,Closeio.PowerShell.Commands.SyncCloseioStreamCommand'

        Get-Content -Raw -LiteralPath (Join-Path $out 'tasks.csv') | Should -Be $before
        Test-Path -LiteralPath (Join-Path $work 'b.json') | Should -BeFalse
        # The first profile goes on as before.
        { Sync-CloseioStream -Stream tasks -ProfilePath (Join-Path $work 'a.json') -OutputDirectory $out -WarningAction Stop } |
            Should -Not -Throw
    }
}

Describe 'Profile files' {
    It 'are readable by their owner only' -Skip:$IsWindows {
        $work = New-WorkDirectory 'modes'
        $profilePath = Join-Path $work 'p.json'
        Sync-CloseioStream -Stream users -ProfilePath $profilePath @Quiet | Out-Null
        Sync-CloseioStream -Stream users -ProfilePath $profilePath @Quiet | Out-Null
        foreach ($file in $profilePath, "$profilePath.bak", "$profilePath.lock") {
            (Get-Item -LiteralPath $file).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite') -Because $file
        }
    }

    It 'stay links when the profile is a symbolic link, and the target is the one updated' {
        $work = New-WorkDirectory 'links'
        $target = Join-Path $work 'real.json'
        $link = Join-Path $work 'link.json'
        Sync-CloseioStream -Stream users -ProfilePath $target @Quiet | Out-Null
        New-Item -ItemType SymbolicLink -Path $link -Target $target | Out-Null
        Set-CloseioState -Stream users -Bookmark '2024-01-01T00:00:00Z' -ProfilePath $link -Force | Out-Null

        (Get-Item -LiteralPath $link).LinkType | Should -Be 'SymbolicLink'
        ([datetime](Get-CloseioState -Stream users -ProfilePath $target).Bookmark).ToUniversalTime() | Should -Be ([datetime]::new(2024, 1, 1, 0, 0, 0, [System.DateTimeKind]::Utc))
    }
}

Describe 'Honest refusals' {
    It 'Set-CloseioState refuses a bookmark in the future' {
        $profilePath = Join-Path (New-WorkDirectory 'future') 'p.json'
        { Set-CloseioState -Stream leads -Bookmark '2031-01-01' -ProfilePath $profilePath -Force } |
            Should -Throw -ErrorId 'Closeio.InvalidArgument,Closeio.PowerShell.Commands.SetCloseioStateCommand'
        Test-Path -LiteralPath $profilePath | Should -BeFalse
    }

    It '-LookBack beyond the limit names the parameter and the limit, not an overflow' {
        $profilePath = Join-Path (New-WorkDirectory 'lookback') 'p.json'
        $err = { Sync-CloseioStream -Stream activities -LookBack ([TimeSpan]::MaxValue) -ProfilePath $profilePath } |
            Should -Throw -ErrorId 'Closeio.InvalidArgument,Closeio.PowerShell.Commands.SyncCloseioStreamCommand' -PassThru
        $err.Exception.Message | Should -BeLike '*LookBack*3650 days*'
    }

    It 'an unknown stream in the profile''s settings.streams says it came from the profile' {
        $profilePath = Join-Path (New-WorkDirectory 'streams') 'p.json'
        '{ "schema_version": 1, "settings": { "streams": ["leads", "deals"] } }' | Set-Content -LiteralPath $profilePath
        $err = { Sync-CloseioStream -ProfilePath $profilePath @Quiet } | Should -Throw -ErrorId 'Closeio.InvalidArgument*' -PassThru
        $err.Exception.Message | Should -BeLike "*$profilePath*'deals'*settings.streams*"
    }

    It 'Sync, Set and Reset can wait for a held profile with -WaitForLock' {
        $command = Get-Command Sync-CloseioStream, Set-CloseioState, Reset-CloseioState
        $command | ForEach-Object { $_.Parameters['WaitForLock'].ParameterType | Should -Be ([timespan]) }
    }
}

Describe 'A canary key' {
    It 'leaves no trace in any file, transcript, verbose, debug, warning, error or information text' {
        $canary = 'canaryKey_Zq8vW2xR5tY7'
        $sandbox = Start-CloseioSandbox -Seed 5 -Leads 20 -Activities 60
        $work = New-WorkDirectory 'canary'
        $profilePath = Join-Path $work 'canary.json'
        $transcript = Join-Path $work 'transcript.txt'
        try {
            (Get-SandboxApi $sandbox).Options.AdditionalApiKeys.Add($canary)
            $key = ConvertTo-SecureString $canary -AsPlainText -Force
            Start-Transcript -LiteralPath $transcript | Out-Null
            try {
                $text = & {
                    $c = Connect-Closeio -BaseUri $sandbox.BaseUri -ApiKey $key -ProfilePath $profilePath -SaveApiKey -Confirm:$false -Verbose -Debug
                    "$c"; $c | Format-List * -Force | Out-String
                    Sync-CloseioStream -ProfilePath $profilePath -OutputDirectory (Join-Path $work 'out') -Verbose -Debug -InformationAction Continue
                    Sync-CloseioStream -ProfilePath $profilePath -Stream users -AsSingerMessage -Verbose -Debug
                    Get-CloseioLead -First 3 -Verbose -Debug | Format-List * | Out-String
                    Get-CloseioState -ProfilePath $profilePath | Format-List * | Out-String
                    Get-CloseioConnection | Format-List * -Force | Out-String
                    try { Invoke-CloseioRequest -Path 'no_such_thing/' -Verbose -Debug -ErrorAction Stop }
                    catch { $_ | Format-List * -Force | Out-String; "$($_.Exception)" }
                    # The key refused from now on: the 401 path, its error in full.
                    (Get-SandboxApi $sandbox).Options.AdditionalApiKeys.Remove($canary) | Out-Null
                    try { Get-CloseioUser -Verbose -Debug -ErrorAction Stop }
                    catch { $_ | Format-List * -Force | Out-String; "$($_.Exception)" }
                    try { Sync-CloseioStream -ProfilePath $profilePath -Stream users -Verbose -Debug -ErrorAction Stop }
                    catch { $_ | Format-List * -Force | Out-String; "$($_.Exception)" }
                } *>&1 | Out-String -Width 400
            }
            finally { Stop-Transcript | Out-Null }
        }
        finally { Stop-CloseioSandbox }

        # Every encoding a key travels in: raw, HTTP Basic (with and without the colon), URL-encoded.
        $utf8 = [Text.Encoding]::UTF8
        $forms = @(
            $canary
            [Convert]::ToBase64String($utf8.GetBytes("$($canary):"))
            [Convert]::ToBase64String($utf8.GetBytes($canary)).TrimEnd('=')
            [Uri]::EscapeDataString($canary)
        ) | Select-Object -Unique
        $texts = @{ 'the command output' = $text }
        # Every file the run wrote except the key store the user asked for (-SaveApiKey).
        Get-ChildItem -LiteralPath $work -Recurse -File | Where-Object Extension -ne '.apikey' |
            ForEach-Object { $texts[$_.FullName] = Get-Content -LiteralPath $_.FullName -Raw }
        $texts.Count | Should -BeGreaterThan 5
        $text | Should -Match 'GET '          # the run did log its requests
        $text | Should -Match 'Closeio\.'     # and its errors
        $hits = foreach ($entry in $texts.GetEnumerator()) {
            foreach ($form in $forms) { if ("$($entry.Value)".Contains($form)) { "$($entry.Key) holds $form" } }
        }
        $hits | Should -BeNullOrEmpty
    }
}
