#requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and packages the Closeio module into out/Closeio/.
.DESCRIPTION
    The one test command (README.md's, and what CI runs on a clean clone):
        dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1
    It builds the solution (every build stages out/Closeio/), runs every xUnit test, then runs
    every Pester test in tests/pester/ against out/Closeio/ in a fresh pwsh process, and fails
    (exit code 1) when either suite fails. Pester 5.9.1 comes from NuGet through the build (a
    PackageDownload in tests/Closeio.PowerShell.Tests): nothing is installed from the Gallery.
.PARAMETER Configuration
    Debug or Release (default).
.PARAMETER SkipTests
    Only build and package.
.PARAMETER SkipXunit
    Build, then run only the Pester tests.
.PARAMETER PesterPath
    Run only these Pester files or folders (default: tests/pester).
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1
.EXAMPLE
    dotnet pwsh ./build.ps1 -SkipTests; Import-Module ./out/Closeio
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [switch] $SkipTests,
    [switch] $SkipXunit,
    [string[]] $PesterPath
)
$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot
# Plain text in logs (CI, scheduled tasks): no ANSI escape sequences.
if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

$moduleDir = Join-Path $PSScriptRoot 'out' 'Closeio'
if (Test-Path $moduleDir) { Remove-Item -Recurse -Force $moduleDir }

Invoke-Dotnet build CloseioPS.sln -c $Configuration
Write-Information "Module staged in $moduleDir" -InformationAction Continue
if ($SkipTests) { return }

$failures = @()
if (-not $SkipXunit) {
    & dotnet test CloseioPS.sln -c $Configuration --no-build --logger 'console;verbosity=normal'
    if ($LASTEXITCODE -ne 0) { $failures += "xUnit (dotnet test exit code $LASTEXITCODE)" }
}

# Pester from the NuGet cache (restored by the build), never from the Gallery.
$packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
$pesterManifest = Join-Path $packages.Trim() 'pester' '5.9.1' 'tools' 'Pester.psd1'
if (-not (Test-Path -LiteralPath $pesterManifest)) {
    throw "Pester 5.9.1 is missing from the NuGet cache ($pesterManifest): dotnet restore tests/Closeio.PowerShell.Tests restores it."
}
if (-not $PesterPath) { $PesterPath = @(Join-Path $PSScriptRoot 'tests' 'pester') }
# A fresh pwsh process, so the freshly built DLLs are the ones loaded and nothing leaks from this one.
# (run as a .NET tool, this process is dotnet itself: start pwsh.dll the same way)
$pwsh = @([Environment]::ProcessPath)
if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }
$pesterScript = @'
param($PesterManifest, [string[]] $Path)
# -File passes a list as one comma-separated string
$Path = @($Path | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
$PSStyle.OutputRendering = 'PlainText'
Import-Module $PesterManifest -ErrorAction Stop
$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.Exit = $false
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.Output.RenderMode = 'Plaintext'
$result = Invoke-Pester -Configuration $config
if ($result.Result -ne 'Passed') { exit 1 }
'@
$scriptFile = Join-Path ([IO.Path]::GetTempPath()) "closeio-pester-$PID.ps1"
Set-Content -LiteralPath $scriptFile -Value $pesterScript
try {
    & $pwsh[0] $pwsh[1..9] -NoProfile -NonInteractive -File $scriptFile -PesterManifest $pesterManifest -Path $PesterPath
    if ($LASTEXITCODE -ne 0) { $failures += "Pester (exit code $LASTEXITCODE)" }
}
finally { Remove-Item -LiteralPath $scriptFile -ErrorAction SilentlyContinue }

if ($failures) {
    Write-Error "Tests failed: $($failures -join '; ')." -ErrorAction Continue
    exit 1
}
Write-Information 'All xUnit and Pester tests passed.' -InformationAction Continue
