<#
.SYNOPSIS
    Runs tests/*.Tests.ps1 with real Pester (out/tools/Pester, staged by the build) against out/LightSerNet, and
    writes the counts to -ResultPath as JSON. Called in a fresh pwsh by tests/Invoke-Tests.ps1.
#>
param(
    [string[]] $Path = @(Get-ChildItem -LiteralPath $PSScriptRoot -Filter *.Tests.ps1 | ForEach-Object FullName),
    [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$root = Split-Path $PSScriptRoot
Import-Module (Join-Path $root 'out/tools/Pester/Pester.psd1') -Force

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.Output.RenderMode = 'Plaintext'
$config.TestResult.Enabled = $false
$result = Invoke-Pester -Configuration $config

$counts = [ordered]@{
    passed = $result.PassedCount
    failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    skipped = $result.SkippedCount + $result.NotRunCount
    total = $result.TotalCount
}
if ($ResultPath) { $counts | ConvertTo-Json | Set-Content -LiteralPath $ResultPath }
"Pester: $($counts.passed) passed, $($counts.failed) failed, $($counts.skipped) skipped"
if ($counts.failed -gt 0 -or $counts.total -eq 0) { exit 1 }
