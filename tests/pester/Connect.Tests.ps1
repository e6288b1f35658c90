#requires -Version 7.4
# Pester 5. Connecting: the Sandbox, keys from each source, the wrong key, disconnecting.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Closeio.TestSetup.ps1')
    $SavedEnvKey = $env:CLOSEIO_API_KEY
    $env:CLOSEIO_API_KEY = $null
    $Loopback = Start-CloseioSandbox -Leads 10 -Activities 40
    $SandboxKeyText = [System.Net.NetworkCredential]::new('', $Loopback.ApiKey).Password
}

AfterAll {
    Stop-CloseioSandbox
    Disconnect-Closeio
    $env:CLOSEIO_API_KEY = $SavedEnvKey
}

Describe 'Connect-Closeio -Sandbox' {
    It 'returns a Closeio.Connection naming the organization, the user and the base URI' {
        $connection = Connect-Closeio -Sandbox -SandboxLeads 10 -SandboxActivities 40
        $connection.PSObject.TypeNames[0] | Should -Be 'Closeio.Connection'
        $connection.Organization | Should -Not -BeNullOrEmpty
        $connection.User | Should -Not -BeNullOrEmpty
        $connection.BaseUri | Should -Not -BeNullOrEmpty
        $connection.IsSandbox | Should -BeTrue
    }

    It 'never shows the key, whatever way the connection is displayed' {
        $connection = Connect-Closeio -Sandbox
        $text = ($connection | Format-List * | Out-String) + $connection.ToString() + ($connection | ConvertTo-Json -Depth 2 -WarningAction SilentlyContinue)
        $text | Should -Not -Match ([regex]::Escape($SandboxKeyText))
    }

    It 'keeps the connection for the session, so Get cmdlets need no -Connection' {
        Connect-Closeio -Sandbox | Out-Null
        @(Get-CloseioUser).Count | Should -BeGreaterThan 0
    }
}

Describe 'Connect-Closeio with a key (loopback Sandbox)' {
    It 'connects with -ApiKey as a SecureString' {
        $connection = Connect-Closeio -BaseUri $Loopback.BaseUri -ApiKey $Loopback.ApiKey -ProfilePath (Join-Path $TestDrive 'key.json')
        $connection.KeySource | Should -Be 'Parameter'
        $connection.BaseUri | Should -Be $Loopback.BaseUri
        @(Get-CloseioUser -Connection $connection).Count | Should -BeGreaterThan 0
    }

    It 'connects with -Credential, the key being the password' {
        $credential = [pscredential]::new('ignored', $Loopback.ApiKey)
        $connection = Connect-Closeio -BaseUri $Loopback.BaseUri -Credential $credential -ProfilePath (Join-Path $TestDrive 'cred.json')
        $connection.KeySource | Should -Be 'Parameter'
    }

    It 'connects with -Credential holding the key as user name and an empty password (Close''s Basic form)' {
        $credential = [pscredential]::new($SandboxKeyText, [securestring]::new())
        $connection = Connect-Closeio -BaseUri $Loopback.BaseUri -Credential $credential -ProfilePath (Join-Path $TestDrive 'cred-user.json')
        $connection.KeySource | Should -Be 'Parameter'
    }

    It 'reads CLOSEIO_API_KEY when no key is given' {
        try {
            $env:CLOSEIO_API_KEY = $SandboxKeyText
            $connection = Connect-Closeio -BaseUri $Loopback.BaseUri -ProfilePath (Join-Path $TestDrive 'env.json')
            $connection.KeySource | Should -Be 'EnvironmentVariable'
        }
        finally {
            $env:CLOSEIO_API_KEY = $null
        }
    }

    It 'fails without prompting when no key is anywhere' {
        $err = $null
        try { Connect-Closeio -BaseUri $Loopback.BaseUri -ProfilePath (Join-Path $TestDrive 'nokey.json') -ErrorAction Stop }
        catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'Closeio.ApiKeyMissing*'
        $err.Exception.Message | Should -Match 'CLOSEIO_API_KEY'
    }

    It 'refuses an empty -ApiKey instead of falling back to CLOSEIO_API_KEY' {
        try {
            $env:CLOSEIO_API_KEY = $SandboxKeyText
            $err = $null
            try { Connect-Closeio -BaseUri $Loopback.BaseUri -ApiKey ([securestring]::new()) -ProfilePath (Join-Path $TestDrive 'empty.json') -ErrorAction Stop }
            catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'Closeio.InvalidArgument*'
        }
        finally {
            $env:CLOSEIO_API_KEY = $null
        }
    }

    It 'saves the key only when asked, and a later run connects with the saved key' {
        $profilePath = Join-Path $TestDrive 'saved.json'
        $keyFile = Join-Path $TestDrive 'saved.apikey'
        Connect-Closeio -BaseUri $Loopback.BaseUri -ApiKey $Loopback.ApiKey -ProfilePath $profilePath | Out-Null
        Test-Path $keyFile | Should -BeFalse

        Connect-Closeio -BaseUri $Loopback.BaseUri -ApiKey $Loopback.ApiKey -ProfilePath $profilePath -SaveApiKey | Out-Null
        Test-Path $keyFile | Should -BeTrue
        Get-Content -Raw $keyFile | Should -Not -Match ([regex]::Escape($SandboxKeyText))
        if (-not $IsWindows) {
            (Get-Item $keyFile).UnixMode | Should -Be '-rw-------'
        }

        $again = Connect-Closeio -BaseUri $Loopback.BaseUri -ProfilePath $profilePath
        $again.KeySource | Should -Be 'SavedKey'
    }

    It 'under -WhatIf connects but does not save the key' {
        $profilePath = Join-Path $TestDrive 'whatif.json'
        Connect-Closeio -BaseUri $Loopback.BaseUri -ApiKey $Loopback.ApiKey -ProfilePath $profilePath -SaveApiKey -WhatIf | Out-Null
        Test-Path (Join-Path $TestDrive 'whatif.apikey') | Should -BeFalse
    }
}

Describe 'A wrong key' {
    BeforeAll {
        $WrongKeyText = 'wrong_key_4f1d9a7c0e2b'
        $WrongKey = ConvertTo-SecureString $WrongKeyText -AsPlainText -Force
    }

    It 'gives an AuthenticationError that does not contain the key' {
        $err = $null
        try {
            Connect-Closeio -BaseUri $Loopback.BaseUri -ApiKey $WrongKey -ProfilePath (Join-Path $TestDrive 'wrong.json') -ErrorAction Stop
        }
        catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.FullyQualifiedErrorId | Should -BeLike 'Closeio.AuthenticationFailed*'
        $everything = ($err | Format-List * -Force | Out-String) + $err.Exception.ToString() + $err.ToString()
        $everything | Should -Not -Match $WrongKeyText
    }

    It 'writes no verbose or debug line containing the key' {
        $lines = & {
            try {
                Connect-Closeio -BaseUri $Loopback.BaseUri -ApiKey $WrongKey -ProfilePath (Join-Path $TestDrive 'wrong2.json') -Verbose -Debug -ErrorAction Stop
            }
            catch { $_ }
        } 4>&1 5>&1 2>&1 | Out-String
        $lines | Should -Not -Match $WrongKeyText
    }
}

Describe 'Disconnect-Closeio' {
    It 'forgets the connection, so Get cmdlets say to connect first' {
        Connect-Closeio -Sandbox | Out-Null
        Disconnect-Closeio
        $err = $null
        try { Get-CloseioUser -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'Closeio.NotConnected*'
        $err.Exception.Message | Should -Match 'Connect-Closeio'
    }
}
