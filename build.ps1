#requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and packages the Closeio module into out/Closeio/.
.DESCRIPTION
    A thin wrapper over the dotnet commands that CI also runs:
      dotnet build CloseioPS.sln      (every build stages out/Closeio/)
      dotnet test  CloseioPS.sln      (xUnit: Core, Sandbox, module layout and metadata)
    then runs the Pester tests in tests/pester/ against out/Closeio/ when Pester 5 is installed.
.PARAMETER Configuration
    Debug or Release (default).
.PARAMETER SkipTests
    Only build and package.
.EXAMPLE
    pwsh ./build.ps1
.EXAMPLE
    pwsh ./build.ps1 -SkipTests; Import-Module ./out/Closeio
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [switch] $SkipTests
)
$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

$moduleDir = Join-Path $PSScriptRoot 'out' 'Closeio'
if (Test-Path $moduleDir) { Remove-Item -Recurse -Force $moduleDir }

Invoke-Dotnet build CloseioPS.sln -c $Configuration
Write-Host "Module staged in $moduleDir"
if ($SkipTests) { return }

Invoke-Dotnet test CloseioPS.sln -c $Configuration --no-build

$pester = Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0' | Sort-Object Version -Descending | Select-Object -First 1
if (-not $pester) {
    Write-Warning 'Pester 5 is not installed, so the module tests in tests/pester/ did not run. Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser, then run build.ps1 again.'
    return
}
Import-Module $pester
$config = New-PesterConfiguration
$config.Run.Path = Join-Path $PSScriptRoot 'tests' 'pester'
$config.Run.Exit = $false
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
# Each Pester run gets a fresh process so the freshly built DLLs are the ones loaded.
$result = Invoke-Pester -Configuration $config
if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester test(s) failed." }
