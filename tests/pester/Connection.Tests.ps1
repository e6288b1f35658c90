#requires -Version 7.4
# Pester 5. Connections that persist in a profile, Get-CloseioConnection, Invoke-CloseioRequest, and a
# module ready to publish. Every request goes to a Sandbox: in-process, or on 127.0.0.1.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Closeio.TestSetup.ps1')
    $SavedEnvKey = $env:CLOSEIO_API_KEY
    $env:CLOSEIO_API_KEY = $null
    $Target = Start-CloseioSandbox -Seed 1 -Leads 10 -Activities 20
    # A second Sandbox stands in for the proxy: it answers a proxied request (absolute URI) with its own organization.
    $ProxySandbox = Start-CloseioSandbox -Seed 2 -Leads 10 -Activities 20
    $ProxyUri = [uri]"http://127.0.0.1:$($ProxySandbox.BaseUri.Port)/"
    $KeyText = [System.Net.NetworkCredential]::new('', $Target.ApiKey).Password
    $ModuleFolder = Split-Path -Parent (Resolve-Path $ModuleManifest)

    # A loopback port with nothing listening on it.
    function Get-ClosedPort {
        $l = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $l.Start(); $port = $l.LocalEndpoint.Port; $l.Stop()
        $port
    }

    # Runs a script in a fresh pwsh (the same one that runs these tests) and returns its output lines.
    function Invoke-ChildPwsh([string] $Script, [hashtable] $Environment = @{}) {
        $exe = [Environment]::ProcessPath
        $arguments = @()
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $arguments += Join-Path $PSHOME 'pwsh.dll' }
        $file = Join-Path $TestDrive "child-$([guid]::NewGuid().ToString('N')).ps1"
        $Script = "Set-Location -LiteralPath '$TestDrive'`n" + $Script
        Set-Content -LiteralPath $file -Value $Script
        $saved = @{}
        foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
        try { $out = & $exe @arguments -NoProfile -NonInteractive -File $file 2>&1 | ForEach-Object { "$_" } }
        finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($out) }
    }

    # The request lines -Verbose wrote (one per request: method, path, status).
    function Get-RequestLine([object[]] $Stream, [string] $Method) {
        @($Stream | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match "^$Method " })
    }
}

AfterAll {
    Stop-CloseioSandbox
    Disconnect-Closeio
    $env:CLOSEIO_API_KEY = $SavedEnvKey
}

Describe 'A profile keeps its connection settings' {
    BeforeAll {
        $direct = Connect-Closeio -BaseUri $Target.BaseUri -ApiKey $Target.ApiKey -ProfilePath (Join-Path $TestDrive 'direct.json')
        $TargetOrganization = $direct.OrganizationId
        $viaProxySandbox = Connect-Closeio -BaseUri $ProxySandbox.BaseUri -ApiKey $ProxySandbox.ApiKey -ProfilePath (Join-Path $TestDrive 'other.json')
        $ProxyOrganization = $viaProxySandbox.OrganizationId
        Disconnect-Closeio
    }

    It 'has two Sandboxes with different organizations (so the answer tells which one was reached)' {
        $TargetOrganization | Should -Not -Be $ProxyOrganization
    }

    It 'reconnects by profile alone to the saved base URI, through the saved proxy' {
        $profilePath = Join-Path $TestDrive 'nightly.json'
        $first = Connect-Closeio -ProfilePath $profilePath -BaseUri $Target.BaseUri -ApiKey $Target.ApiKey -Proxy $ProxyUri -SaveApiKey
        $first.Proxy | Should -Be $ProxyUri
        $first.OrganizationId | Should -Be $ProxyOrganization  # the request went to the proxy
        Disconnect-Closeio

        $again = Connect-Closeio -ProfilePath $profilePath
        $again.KeySource | Should -Be 'SavedKey'
        $again.BaseUri | Should -Be $Target.BaseUri
        $again.Proxy | Should -Be $ProxyUri
        $again.OrganizationId | Should -Be $ProxyOrganization
    }

    It 'fails through a saved proxy with nothing listening, instead of going around it' {
        $profilePath = Join-Path $TestDrive 'deadproxy.json'
        Connect-Closeio -ProfilePath $profilePath -BaseUri $Target.BaseUri -ApiKey $Target.ApiKey | Out-Null
        # No retries (a saved setting too), so the refused connection fails at once instead of backing off.
        $json = Get-Content -Raw -LiteralPath $profilePath | ConvertFrom-Json
        $json.settings.max_retries = 0
        $json | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $profilePath
        (Get-CloseioConnection -ProfilePath $profilePath).MaximumRetryCount | Should -Be 0
        $closed = [uri]"http://127.0.0.1:$(Get-ClosedPort)/"
        { Connect-Closeio -ProfilePath $profilePath -ApiKey $Target.ApiKey -Proxy $closed -ErrorAction Stop } |
            Should -Throw -ErrorId 'Closeio.ConnectionFailed*'
        # A connect that failed saved nothing: the profile still connects directly.
        $again = Connect-Closeio -ProfilePath $profilePath -ApiKey $Target.ApiKey
        $again.OrganizationId | Should -Be $TargetOrganization
        $again.MaximumRetryCount | Should -Be 0
    }

    It 'lets settings given on the command line win over saved ones, and saves them' {
        $profilePath = Join-Path $TestDrive 'override.json'
        Connect-Closeio -ProfilePath $profilePath -BaseUri $Target.BaseUri -ApiKey $Target.ApiKey -Proxy $ProxyUri | Out-Null
        $other = Connect-Closeio -ProfilePath $profilePath -BaseUri $ProxySandbox.BaseUri -ApiKey $ProxySandbox.ApiKey
        $other.BaseUri | Should -Be $ProxySandbox.BaseUri
        (Get-CloseioConnection -ProfilePath $profilePath).BaseUri | Should -Be $ProxySandbox.BaseUri
        (Get-CloseioConnection -ProfilePath $profilePath).Proxy | Should -Be $ProxyUri
    }

    It 'saves nothing under -WhatIf' {
        $profilePath = Join-Path $TestDrive 'whatif.json'
        Connect-Closeio -ProfilePath $profilePath -BaseUri $Target.BaseUri -ApiKey $Target.ApiKey -WhatIf | Out-Null
        (Get-CloseioConnection -ProfilePath $profilePath).IsDefaultBaseUri | Should -BeTrue
    }

    It 'never writes a secret into the profile' {
        $profilePath = Join-Path $TestDrive 'secret.json'
        $proxyCredential = [pscredential]::new('proxyuser', (ConvertTo-SecureString 'proxy-pass-123' -AsPlainText -Force))
        Connect-Closeio -ProfilePath $profilePath -BaseUri $Target.BaseUri -ApiKey $Target.ApiKey -Proxy $ProxyUri -ProxyCredential $proxyCredential | Out-Null
        $text = Get-Content -Raw -LiteralPath $profilePath
        $text | Should -Match ([regex]::Escape($ProxyUri.AbsoluteUri))
        $text | Should -Not -Match ([regex]::Escape($KeyText))
        $text | Should -Not -Match 'proxy-pass-123'
        $text | Should -Not -Match 'proxyuser'
    }
}

Describe 'Get-CloseioConnection' {
    It 'returns the session''s connection, and nothing when there is none' {
        Disconnect-Closeio
        Get-CloseioConnection | Should -BeNullOrEmpty
        $connection = Connect-Closeio -BaseUri $Target.BaseUri -ApiKey $Target.ApiKey -ProfilePath (Join-Path $TestDrive 'session.json')
        (Get-CloseioConnection).OrganizationId | Should -Be $connection.OrganizationId
        (Get-CloseioConnection).BaseUri | Should -Be $Target.BaseUri
    }

    It 'shows a profile''s saved settings, and whether a key is saved' {
        $profilePath = Join-Path $TestDrive 'shown.json'
        Connect-Closeio -ProfilePath $profilePath -BaseUri $Target.BaseUri -ApiKey $Target.ApiKey -Proxy $ProxyUri -SaveApiKey | Out-Null
        $saved = Get-CloseioConnection -ProfilePath $profilePath
        $saved.PSObject.TypeNames[0] | Should -Be 'Closeio.SavedConnection'
        $saved.BaseUri | Should -Be $Target.BaseUri
        $saved.Proxy | Should -Be $ProxyUri
        $saved.HasSavedApiKey | Should -BeTrue
    }

    It 'never shows the key, in any form' {
        $profilePath = Join-Path $TestDrive 'nokey-shown.json'
        Connect-Closeio -ProfilePath $profilePath -BaseUri $Target.BaseUri -ApiKey $Target.ApiKey -SaveApiKey | Out-Null
        foreach ($o in @((Get-CloseioConnection), (Get-CloseioConnection -ProfilePath $profilePath))) {
            $text = ($o | Format-List * -Force | Out-String) + ($o | Format-Table | Out-String) + $o.ToString() +
                ($o | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue)
            $o | Export-Clixml -LiteralPath (Join-Path $TestDrive 'c.xml') -Depth 3
            $text += Get-Content -Raw (Join-Path $TestDrive 'c.xml')
            $text | Should -Not -Match ([regex]::Escape($KeyText))
            $text | Should -Not -Match ([regex]::Escape([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("${KeyText}:"))))
        }
    }
}

Describe 'Invoke-CloseioRequest' {
    BeforeAll {
        Connect-Closeio -Sandbox -SandboxLeads 30 -SandboxActivities 60 | Out-Null
    }

    It 'calls an endpoint and writes the answer as an object with Close''s fields' {
        $me = Invoke-CloseioRequest me/
        $me.PSObject.TypeNames[0] | Should -Be 'Closeio.Record'
        $me.id | Should -BeLike 'user_*'
        @($me.organizations).Count | Should -BeGreaterThan 0
    }

    It 'pages a _skip/has_more list endpoint completely with -All' {
        $onePage = Invoke-CloseioRequest lead/ -Query @{ _limit = 200 }
        $onePage.has_more | Should -BeFalse
        $expected = @($onePage.data.id)
        $expected.Count | Should -BeGreaterThan 14
        $stream = Invoke-CloseioRequest lead/ -Query @{ _limit = 7 } -All -Verbose 4>&1
        $leads = @($stream | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        ($leads.id -join ',') | Should -Be ($expected -join ',')
        (Get-RequestLine $stream 'GET').Count | Should -Be ([math]::Ceiling($expected.Count / 7))
        $leads[0].contacts[0].id | Should -BeLike 'cont_*'  # nesting is kept
    }

    It 'without -All writes one page, envelope included' {
        $page = Invoke-CloseioRequest 'lead/?_limit=7'
        @($page.data).Count | Should -Be 7
        $page.has_more | Should -BeTrue
    }

    It 'pages the event log''s cursor_next completely with -All' {
        $all = @(Invoke-CloseioRequest event/ -Query @{ _limit = 10 } -All)
        # The same pages followed by hand.
        $byHand = @(); $cursor = $null; $pages = 0
        do {
            $query = @{ _limit = 10 }
            if ($cursor) { $query._cursor = $cursor }
            $page = Invoke-CloseioRequest event/ -Query $query
            $byHand += @($page.data); $cursor = $page.cursor_next; $pages++
        } while ($cursor -and $pages -lt 1000)
        $pages | Should -BeGreaterThan 2
        $all.Count | Should -Be $byHand.Count
        @($all.id | Sort-Object -Unique).Count | Should -Be $all.Count
        ($all.id -join ',') | Should -Be ($byHand.id -join ',')
    }

    It 'pages a data/search/ cursor completely with -All' {
        $body = @{ query = @{ type = 'and'; queries = @(@{ type = 'object_type'; object_type = 'lead' }) }; _limit = 7 }
        $expected = @((Invoke-CloseioRequest lead/ -Query @{ _limit = 200 }).data.id | Sort-Object)
        $stream = Invoke-CloseioRequest data/search/ -Method POST -Body $body -All -Confirm:$false -Verbose 4>&1
        $found = @($stream | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        (Get-RequestLine $stream 'POST').Count | Should -BeGreaterThan 2
        (@($found.id | Sort-Object) -join ',') | Should -Be ($expected -join ',')
    }

    It 'sends nothing for a POST under -WhatIf' {
        $body = @{ query = @{ type = 'object_type'; object_type = 'lead' }; _limit = 7 }
        $sent = Invoke-CloseioRequest data/search/ -Method POST -Body $body -Verbose 4>&1
        (Get-RequestLine $sent 'POST').Count | Should -Be 1  # the log sees a POST that is sent
        $stream = Invoke-CloseioRequest data/search/ -Method POST -Body $body -WhatIf -Verbose 4>&1
        (Get-RequestLine $stream 'POST').Count | Should -Be 0
        @($stream | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -Be 0
        $deleted = Invoke-CloseioRequest lead/lead_none/ -Method DELETE -WhatIf -Verbose 4>&1
        (Get-RequestLine $deleted 'DELETE').Count | Should -Be 0
    }

    It 'refuses an absolute URI to another host before sending anything' {
        $err = $null
        try { Invoke-CloseioRequest 'https://example.com/api/v1/me/' -Verbose -ErrorAction Stop 4>&1 | Out-Null } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'Closeio.InvalidArgument*'
        $err.Exception.Message | Should -Match 'base URI'
        { Invoke-CloseioRequest '../../other/' -ErrorAction Stop } | Should -Throw -ErrorId 'Closeio.InvalidArgument*'
    }

    It 'accepts an absolute URI under the connection''s own base URI' {
        $connection = Get-CloseioConnection
        (Invoke-CloseioRequest "$($connection.BaseUri)me/").id | Should -BeLike 'user_*'
    }
}

Describe 'Ready for the PowerShell Gallery' {
    It 'passes Test-ModuleManifest, with the license and the version in one place' {
        $manifest = Test-ModuleManifest -Path $ModuleManifest -ErrorAction Stop -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
        $manifest.LicenseUri.AbsoluteUri | Should -BeLike '*/LICENSE'
        Test-Path (Join-Path $PSScriptRoot '..' '..' 'LICENSE') | Should -BeTrue
        Get-Content -Raw (Join-Path $PSScriptRoot '..' '..' 'LICENSE') | Should -Match 'MIT License'
        $assembly = [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $ModuleFolder 'Closeio.PowerShell.dll'))
        $assembly.Version.ToString(3) | Should -Be $manifest.Version.ToString(3)
        $manifest.PrivateData.PSData.ReleaseNotes | Should -Match ([regex]::Escape($manifest.Version.ToString(3)))
        @($manifest.ExportedCmdlets.Keys) | Should -Contain 'Invoke-CloseioRequest'
        @($manifest.ExportedCmdlets.Keys) | Should -Contain 'Get-CloseioConnection'
    }

    It 'gives every cmdlet a HelpUri pointing at its page in docs/' {
        foreach ($command in Get-Command -Module Closeio) {
            $command.HelpUri | Should -Be "https://github.com/closeiops/CloseioPS/blob/main/docs/$($command.Name).md"
            Test-Path (Join-Path $PSScriptRoot '..' '..' 'docs' "$($command.Name).md") | Should -BeTrue
        }
    }

    It 'opens the cmdlet''s page with Get-Help -Online' -Skip:($IsWindows -or $IsMacOS) {
        # A stand-in for the browser launcher that only writes down the address it was given.
        $bin = Join-Path $TestDrive 'bin'
        New-Item -ItemType Directory -Path $bin -Force | Out-Null
        $opened = Join-Path $TestDrive 'opened.txt'
        Set-Content -LiteralPath (Join-Path $bin 'xdg-open') -Value "#!/bin/sh`necho `"`$1`" > '$opened'`n"
        chmod +x (Join-Path $bin 'xdg-open')
        $result = Invoke-ChildPwsh -Script "Import-Module '$ModuleManifest'; Get-Help Invoke-CloseioRequest -Online; Get-Help Connect-Closeio -Online" `
            -Environment @{ PATH = "$bin$([IO.Path]::PathSeparator)$env:PATH"; BROWSER = $null }
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        Start-Sleep -Milliseconds 500  # the launcher runs detached; this waits for a file, not for a clock
        (Get-Content -LiteralPath $opened) | Should -Be 'https://github.com/closeiops/CloseioPS/blob/main/docs/Connect-Closeio.md'
    }

    It 'loads under -NonInteractive, ErrorActionPreference Stop, strict mode and a non-English culture, with no warnings' {
        $script = @"
`$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
[System.Globalization.CultureInfo]::CurrentCulture = 'de-DE'
[System.Globalization.CultureInfo]::CurrentUICulture = 'de-DE'
Import-Module '$ModuleManifest' -WarningVariable w 3>&1
if (`$w) { throw "warnings: `$w" }
`$c = Connect-Closeio -Sandbox -SandboxLeads 5 -SandboxActivities 10 3>&1
`$n = @(Get-CloseioLead 3>&1).Count
'loaded:' + `$n
"@
        $result = Invoke-ChildPwsh -Script $script
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        $result.Output | Should -Be @('loaded:5')
    }

    It 'publishes to a local repository and installs from it into a clean pwsh' {
        $repo = Join-Path $TestDrive 'repo'
        $home2 = Join-Path $TestDrive 'home'
        $saved = Join-Path $TestDrive 'installed'
        $config = Join-Path $home2 '.config'; $data = Join-Path $home2 '.local' 'share'; $cache = Join-Path $home2 '.cache'
        # .NET reports a per-user folder that does not exist as '' (the working directory): create them all.
        New-Item -ItemType Directory -Path $repo, $home2, $saved, $config, $data, $cache -Force | Out-Null
        # A HOME of its own, so registering the repository touches nothing of the user's.
        $script = @"
`$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath '$home2'
if ([Environment]::GetFolderPath('LocalApplicationData') -ne '$data') { throw 'the per-user data folder is not the test''s own' }
Register-PSResourceRepository -Name CloseioLocal -Uri '$repo' -Trusted
Publish-PSResource -Path '$ModuleFolder' -Repository CloseioLocal
Save-PSResource -Name Closeio -Repository CloseioLocal -Path '$saved' -TrustRepository
'saved'
"@
        $isolated = @{ HOME = $home2; XDG_CONFIG_HOME = $config; XDG_DATA_HOME = $data; XDG_CACHE_HOME = $cache; PSModulePath = $null }
        $publish = Invoke-ChildPwsh -Script $script -Environment $isolated
        $publish.ExitCode | Should -Be 0 -Because ($publish.Output -join "`n")
        @(Get-ChildItem $repo -Filter 'closeio.*.nupkg').Count | Should -Be 1

        $use = Invoke-ChildPwsh -Environment $isolated -Script @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$saved' + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module Closeio
`$m = Get-Module Closeio
`$m.ModuleBase.StartsWith('$saved') | Should-Be
(Connect-Closeio -Sandbox -SandboxLeads 3 -SandboxActivities 5).IsSandbox
`$m.Version.ToString()
"@.Replace(' | Should-Be', '')
        $use.ExitCode | Should -Be 0 -Because ($use.Output -join "`n")
        $version = (Import-PowerShellDataFile $ModuleManifest).ModuleVersion
        $use.Output | Should -Be @('True', 'True', $version)
    }
}
