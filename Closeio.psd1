@{
    RootModule             = 'Closeio.PowerShell.dll'
    ModuleVersion          = '0.2.0'  # the one place the version is kept: Directory.Build.props reads it for the assemblies
    CompatiblePSEditions   = @('Core')
    GUID                   = '5f0c9a3e-7d3b-4c1e-9b7a-2f6e8d4c1a90'
    Author                 = 'CloseioPS contributors'
    CompanyName            = 'CloseioPS'
    Copyright              = '(c) CloseioPS contributors. MIT License.'
    Description            = 'Incremental replication of a Close CRM organization (leads, activities, tasks, users, custom fields, event log) from PowerShell, with bookmarks kept in a JSON profile.'
    PowerShellVersion      = '7.4'
    # Imported before RootModule: resolves Closeio.Core, Closeio.Sandbox and Polly.Core from
    # dependencies/ into a private load context, so another module's Polly cannot break this one.
    NestedModules          = @('Closeio.Loader.dll')
    TypesToProcess         = @('Closeio.types.ps1xml')
    FormatsToProcess       = @('Closeio.format.ps1xml', 'Closeio.Streams.format.ps1xml')
    CmdletsToExport        = @(
        'Connect-Closeio'
        'Disconnect-Closeio'
        'Get-CloseioActivity'
        'Get-CloseioConnection'
        'Get-CloseioContact'
        'Get-CloseioCustomField'
        'Get-CloseioEvent'
        'Get-CloseioLead'
        'Get-CloseioOpportunity'
        'Get-CloseioRecord'
        'Get-CloseioState'
        'Get-CloseioStream'
        'Get-CloseioTask'
        'Get-CloseioUser'
        'Import-CloseioState'
        'Invoke-CloseioRequest'
        'Reset-CloseioState'
        'Set-CloseioState'
        'Start-CloseioSandbox'
        'Stop-CloseioSandbox'
        'Sync-CloseioStream'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Close', 'CloseCRM', 'Closeio', 'CRM', 'ETL', 'Replication', 'Singer', 'Incremental', 'Sync')
            ProjectUri   = 'https://github.com/closeiops/CloseioPS'
            LicenseUri   = 'https://github.com/closeiops/CloseioPS/blob/main/LICENSE'
            ReleaseNotes = @'
0.2.0
- Connect-Closeio -ProfileName saves the connection settings given (base URI, proxy address,
  -ProxyUseDefaultCredentials) in the profile, and a later connect with that profile uses them.
  Secrets never go into the profile.
- Get-CloseioConnection shows the session's connection, or a profile's saved settings; never the key.
- Invoke-CloseioRequest calls any Close endpoint with the module's authentication, retries and rate
  limits; -All follows has_more/_skip and cursors; writes support -WhatIf and -Confirm.
- A LICENSE file (MIT), HelpUri on every cmdlet (Get-Help -Online).

0.1.0
- First release: Connect-Closeio (key from SecureString, credential, CLOSEIO_API_KEY or a protected
  saved key; -Sandbox for a built-in emulator), Get-* cmdlets for leads, activities, tasks, users,
  custom fields and the event log, Sync-CloseioStream for incremental replication with bookmarks in
  a JSON profile, state and Sandbox cmdlets. Rate-limit aware retries throughout.
'@
        }
    }
}
