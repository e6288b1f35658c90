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
