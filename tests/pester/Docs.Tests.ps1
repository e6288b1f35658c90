#requires -Version 7.4
# Pester 5. What users read is what runs: every powershell block of README.md and about_Closeio
# runs against the Sandbox (in a temporary directory, with a throw-away profile directory), the
# scheduled-task recipe runs in pwsh -NonInteractive -File, and no example pipes several streams
# into one Export-Csv. A block that needs a real Close key is marked `powershell not-run`.

BeforeDiscovery {
    $RepoRoot = Join-Path $PSScriptRoot '..' '..'
    $Documents = @(
        @{ Name = 'README.md'; Path = Join-Path $RepoRoot 'README.md' }
        @{ Name = 'docs/about_Closeio.md'; Path = Join-Path $RepoRoot 'docs' 'about_Closeio.md' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Closeio.TestSetup.ps1')
    $RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
    $ModuleDirectory = Split-Path -Parent (Resolve-Path $ModuleManifest).Path

    # The fenced blocks of a markdown file: info string (after the backticks), text, first line number.
    function Get-CodeBlock([string] $Path) {
        $lines = Get-Content -LiteralPath $Path
        $block = $null
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -match '^\s*```(.*)$') {
                if ($null -eq $block) { $block = @{ Info = $Matches[1].Trim(); Lines = @(); Line = $i + 2 } }
                else { [pscustomobject]@{ Info = $block.Info; Text = $block.Lines -join "`n"; Line = $block.Line }; $block = $null }
            }
            elseif ($null -ne $block) { $block.Lines += $lines[$i] }
        }
    }

    function New-WorkDirectory {
        $directory = Join-Path ([IO.Path]::GetTempPath()) "closeio-docs-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType Directory -Path $directory | Out-Null
        $directory
    }
}

Describe 'The runnable examples of <Name>' -ForEach $Documents {
    It 'all run against the Sandbox without an error' {
        $blocks = @(Get-CodeBlock $Path | Where-Object Info -EQ 'powershell')
        $blocks.Count | Should -BeGreaterThan 0
        $work = New-WorkDirectory
        try {
            $script = [Text.StringBuilder]::new()
            [void] $script.AppendLine(@"
`$ErrorActionPreference = 'Stop'
`$PSStyle.OutputRendering = 'PlainText'
`$block = 0
trap { "BLOCK-FAILED `$block `$(`$_.FullyQualifiedErrorId): `$(`$_.Exception.Message)"; exit 1 }
Set-Location -LiteralPath '$work'
Import-Module '$ModuleDirectory'
Connect-Closeio -Sandbox | Out-Null
"@)
            foreach ($b in $blocks) {
                # The README is written for the repository's root: ./out/Closeio is the built module.
                $text = $b.Text.Replace('./out/Closeio', $ModuleDirectory)
                [void] $script.AppendLine("`$block = $($b.Line)")
                [void] $script.AppendLine(". {`n$text`n} | Out-String -Width 200 | Out-Null")
                [void] $script.AppendLine("'BLOCK-OK $($b.Line)'")
            }
            $file = Join-Path $work 'examples.ps1'
            Set-Content -LiteralPath $file -Value $script.ToString() -Encoding utf8NoBOM
            # A throw-away profile directory: -ProfileName and the default profile land in it.
            $result = Invoke-ChildPwsh -ScriptPath $file -NonInteractive -Environment @{ XDG_CONFIG_HOME = $work; APPDATA = $work }
            $result.Output | Where-Object { $_ -like 'BLOCK-FAILED*' } | Should -BeNullOrEmpty -Because "the block at that line of $Name must run"
            $result.ExitCode | Should -Be 0 -Because $result.Text
            @($result.Output | Where-Object { $_ -like 'BLOCK-OK*' }).Count | Should -Be $blocks.Count
        }
        finally {
            Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}

Describe 'No example pipes several streams into one Export-Csv' {
    It 'holds for README.md and every page in docs/' {
        $files = @(Join-Path $RepoRoot 'README.md') + @(Get-ChildItem (Join-Path $RepoRoot 'docs') -Filter *.md).FullName
        $offending = foreach ($file in $files) {
            foreach ($b in Get-CodeBlock $file) {
                # One pipeline per logical line: a line ending in | goes on on the next.
                $pipelines = ($b.Text -replace '\|\s*\r?\n\s*', '| ') -split '\r?\n'
                foreach ($p in $pipelines) {
                    if ($p -notmatch 'Sync-CloseioStream' -or $p -notmatch 'Export-Csv') { continue }
                    if ($p -notmatch 'Sync-CloseioStream\b[^|]*-Stream\s+[A-Za-z_]+(\s|$|\|)' -or
                        $p -match 'Sync-CloseioStream\b[^|]*-Stream\s+[^|\s]+\s*,') { "$(Split-Path -Leaf $file): $p" }
                }
            }
        }
        $offending | Should -BeNullOrEmpty
    }
}

Describe 'The scheduled-task recipe (README''s sync-close.ps1)' {
    BeforeAll {
        $recipe = @(Get-CodeBlock (Join-Path $RepoRoot 'README.md') | Where-Object Info -EQ 'powershell sync-close.ps1')
        $sandbox = Start-CloseioSandbox -Seed 6 -Leads 10 -Activities 30

        # The recipe as written, pointed at this machine: the module, the data directory, and the
        # Sandbox instead of Close (each replacement must find its text, or the recipe changed).
        function New-Recipe([string] $Directory) {
            $text = $recipe[0].Text
            foreach ($pair in @(
                    @('/opt/closeio/out/Closeio', $ModuleDirectory),
                    @('/var/data/close', (Join-Path $Directory 'data')),
                    @('Connect-Closeio -ProfileName nightly', "Connect-Closeio -ProfileName nightly -BaseUri '$($sandbox.BaseUri)'"))) {
                $text.Contains($pair[0]) | Should -BeTrue -Because "the recipe names $($pair[0])"
                $text = $text.Replace($pair[0], $pair[1])
            }
            $file = Join-Path $Directory 'sync-close.ps1'
            Set-Content -LiteralPath $file -Value $text -Encoding utf8NoBOM
            $file
        }
    }

    AfterAll { Stop-CloseioSandbox $sandbox }

    It 'is in the README once' {
        $recipe.Count | Should -Be 1
    }

    It 'logs the FullyQualifiedErrorId, in plain text, and exits 1 with a wrong key' {
        $work = New-WorkDirectory
        try {
            $result = Invoke-ChildPwsh -ScriptPath (New-Recipe $work) -NonInteractive `
                -Environment @{ CLOSEIO_API_KEY = 'wrong-key-4711'; XDG_CONFIG_HOME = $work; APPDATA = $work }
            $result.ExitCode | Should -Be 1
            $result.Text | Should -Match 'FAILED Closeio\.AuthenticationFailed,Closeio\.PowerShell\.Commands\.ConnectCloseioCommand'
            $result.Text | Should -Not -Match ([regex]::Escape([string][char]27))
            $result.Text | Should -Not -Match 'wrong-key-4711'
        }
        finally { Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue }
    }

    It 'writes a file per stream, a summary line per stream, and exits 0 with the right key' {
        $work = New-WorkDirectory
        try {
            $result = Invoke-ChildPwsh -ScriptPath (New-Recipe $work) -NonInteractive `
                -Environment @{ CLOSEIO_API_KEY = 'sandbox_api_key'; XDG_CONFIG_HOME = $work; APPDATA = $work }
            $result.ExitCode | Should -Be 0 -Because $result.Text
            $result.Text | Should -Match ' OK$'
            foreach ($stream in 'leads', 'activities', 'tasks', 'users', 'custom_fields', 'event_log') {
                Join-Path $work 'data' "$stream.csv" | Should -Exist
                $result.Text | Should -Match "\b$stream\b"
            }
            $result.Text | Should -Not -Match ([regex]::Escape([string][char]27))
        }
        finally { Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue }
    }
}
