#requires -Version 7.4
# Pester 5. The HTTP client from the shell: the key stays home, faults fail fast, retries show as they happen.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Closeio.TestSetup.ps1')
    $KeyText = 'api_pesterHttpKey_7c1e9b'
    $Key = ConvertTo-SecureString $KeyText -AsPlainText -Force

    # A loopback port that accepts connections (the kernel's backlog) and never answers.
    function New-SilentListener {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $listener
    }

    # Runs a Connect-Closeio; returns its error and every text it produced (streams, the error in full).
    function Invoke-Connect([scriptblock] $Script) {
        $all = @(& { try { & $Script } catch { $_ } } 4>&1 5>&1 2>&1)
        $err = $all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Select-Object -Last 1
        $text = ($all | Out-String) + ($err | Format-List * -Force | Out-String) + "$($err.Exception)" + "$($err.TargetObject)"
        [pscustomobject]@{ Error = $err; Text = $text }
    }
}

Describe 'Connect-Closeio refuses a base URI that would expose the key' {
    It 'refuses plain http to another machine before any request (even through a proxy)' {
        $proxy = New-SilentListener
        try {
            $r = Invoke-Connect { Connect-Closeio -BaseUri 'http://close.example.invalid/api/v1/' -ApiKey $Key -Proxy "http://127.0.0.1:$($proxy.LocalEndpoint.Port)" -ProfilePath (Join-Path $TestDrive 'http.json') -Verbose -ErrorAction Stop }
            $r.Error.FullyQualifiedErrorId | Should -BeLike 'Closeio.InvalidBaseUri*'
            $r.Error.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $proxy.Pending() | Should -BeFalse
        }
        finally { $proxy.Stop() }
    }

    It 'refuses a key in the URI''s user part, saying where a key goes, and never repeats it' {
        $r = Invoke-Connect { Connect-Closeio -BaseUri "https://$($KeyText):x@api.close.com/api/v1/" -ApiKey $Key -ProfilePath (Join-Path $TestDrive 'user.json') -Verbose -Debug -ErrorAction Stop }
        $r.Error.FullyQualifiedErrorId | Should -BeLike 'Closeio.InvalidBaseUri*'
        $r.Error.Exception.Message | Should -Match '-ApiKey'
        $r.Text | Should -Not -Match $KeyText
    }

    It 'refuses an ftp:// base URI with a clear error' {
        $r = Invoke-Connect { Connect-Closeio -BaseUri 'ftp://api.close.com/api/v1/' -ApiKey $Key -ProfilePath (Join-Path $TestDrive 'ftp.json') -ErrorAction Stop }
        $r.Error.FullyQualifiedErrorId | Should -BeLike 'Closeio.InvalidBaseUri*'
        $r.Error.Exception.Message | Should -Match 'https'
    }
}

Describe 'Connect-Closeio fails fast and shows every attempt' {
    It 'fails at once, after one attempt, when nothing listens at the address' {
        $free = New-SilentListener
        $port = $free.LocalEndpoint.Port
        $free.Stop()
        $r = Invoke-Connect { Connect-Closeio -BaseUri "http://127.0.0.1:$port/api/v1/" -ApiKey $Key -ProfilePath (Join-Path $TestDrive 'refused.json') -Verbose -ErrorAction Stop }
        $r.Error.FullyQualifiedErrorId | Should -BeLike 'Closeio.ConnectionFailed*'
        $r.Error.Exception.Message | Should -Match 'refused'
        @($r.Text -split "`n" | Where-Object { $_ -match 'GET me/ ---' }).Count | Should -Be 1
        $r.Text | Should -Not -Match $KeyText
    }

    It 'takes -TimeoutSec and -MaximumRetryCount, and shows a retry as a verbose line while it still waits' {
        $silent = New-SilentListener
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($Manifest, $BaseUri, $Key, $ProfilePath)
                Import-Module $Manifest
                Connect-Closeio -BaseUri $BaseUri -ApiKey $Key -ProfilePath $ProfilePath -TimeoutSec 1 -MaximumRetryCount 2 -Verbose
            }).AddArgument($script:ModuleManifest).AddArgument("http://127.0.0.1:$($silent.LocalEndpoint.Port)/api/v1/").AddArgument($Key).AddArgument((Join-Path $TestDrive 'silent.json'))
            $async = $ps.BeginInvoke()
            $seenWhileRunning = $false
            $deadline = [datetime]::UtcNow.AddSeconds(60) # a guard against a hang, not a measurement
            while (-not $async.IsCompleted -and [datetime]::UtcNow -lt $deadline) {
                if (@($ps.Streams.Verbose | Where-Object Message -Match 'timed out after 1\.0 s; waiting').Count -gt 0) {
                    $seenWhileRunning = -not $async.IsCompleted
                    break
                }
                Start-Sleep -Milliseconds 50
            }
            $null = $async.AsyncWaitHandle.WaitOne([timespan]::FromSeconds(60))
            $seenWhileRunning | Should -BeTrue
            $ps.Streams.Error[0].FullyQualifiedErrorId | Should -BeLike 'Closeio.Timeout*'
            $ps.Streams.Error[0].Exception.Message | Should -Match '3 attempts'
            @($ps.Streams.Verbose | Where-Object Message -Match 'GET me/ ---').Count | Should -Be 3
        }
        finally {
            $ps.Dispose()
            $silent.Stop()
        }
    }
}
