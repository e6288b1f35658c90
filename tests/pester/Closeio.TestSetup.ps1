# Dot-sourced by every *.Tests.ps1 file in BeforeAll: imports the module that the build staged
# in out/Closeio/ (run `dotnet build` or ./build.ps1 first).
$script:ModuleManifest = Join-Path $PSScriptRoot '..' '..' 'out' 'Closeio' 'Closeio.psd1'
if (-not (Test-Path -LiteralPath $script:ModuleManifest)) {
    throw "The module is not built: $script:ModuleManifest is missing. Run ./build.ps1 -SkipTests (or dotnet build) first."
}
Import-Module $script:ModuleManifest -Force -ErrorAction Stop

# The property names of an object, in order.
function Get-PropertyName([Parameter(Mandatory)] $InputObject) {
    @($InputObject.psobject.Properties | ForEach-Object Name)
}

# A record's replication-key value read as an instant (never compared as text): a timestamp as the
# shell has it (a date), or its ISO 8601 text (a CSV cell).
function ConvertTo-Instant([Parameter(Mandatory)] $Text) {
    if ($Text -is [datetime]) { return [datetimeoffset]([datetime]$Text).ToUniversalTime() }
    [datetimeoffset]::Parse([string]$Text, [cultureinfo]::InvariantCulture)
}

# Runs a script file in a child pwsh (the same pwsh as this one; as a .NET tool that is dotnet
# pwsh.dll) with its standard input redirected from $InputText, and returns its output lines and
# exit code. -NonInteractive as a scheduled task runs it.
function Invoke-ChildPwsh {
    param(
        [Parameter(Mandatory)] [string] $ScriptPath,
        [switch] $NonInteractive,
        [string] $InputText = '',
        [hashtable] $Environment = @{}
    )
    $exe = @([Environment]::ProcessPath)
    if ([IO.Path]::GetFileNameWithoutExtension($exe[0]) -eq 'dotnet') { $exe += Join-Path $PSHOME 'pwsh.dll' }
    $arguments = @($exe | Select-Object -Skip 1) + @('-NoProfile')
    if ($NonInteractive) { $arguments += '-NonInteractive' }
    $arguments += '-File', $ScriptPath
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $Environment[$name])
    }
    try {
        $lines = @($InputText | & $exe[0] @arguments 2>&1 | ForEach-Object { "$_" })
        [pscustomobject]@{ Output = $lines; ExitCode = $LASTEXITCODE; Text = $lines -join "`n" }
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

# The Sandbox behind a Start-CloseioSandbox object, to inject faults (internal on purpose: users
# never need it).
function Get-SandboxApi([Parameter(Mandatory)] $Sandbox) {
    $Sandbox.GetType().GetProperty('Api', [Reflection.BindingFlags]'NonPublic, Instance').GetValue($Sandbox)
}
