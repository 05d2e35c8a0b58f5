<#
.SYNOPSIS
    The project's test command: builds the solution (which stages out/LightSerNet and Pester), runs the xunit
    projects and the Pester files, and prints one closing line "N passed, N failed, N skipped".
.DESCRIPTION
    Exits non-zero when anything failed, when the build failed, or when no test ran at all.
    -NoBuild reuses an existing build; -Filter passes a filter to dotnet test; -SkipPester / -SkipXunit run half.
#>
param(
    [switch] $NoBuild,
    [string] $Filter,
    [switch] $SkipXunit,
    [switch] $SkipPester
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$root = Split-Path $PSScriptRoot
Set-Location $root
$results = Join-Path $root 'out/test-results'
Remove-Item -LiteralPath $results -Recurse -Force -ErrorAction Ignore
New-Item -ItemType Directory -Path $results -Force | Out-Null
$passed = 0; $failed = 0; $skipped = 0

if (-not $NoBuild) {
    dotnet build LightSerNet.PS.sln -c Release -nologo -clp:NoSummary
    if ($LASTEXITCODE) { "0 passed, 1 failed"; exit 1 }
}

if (-not $SkipXunit) {
    $testArgs = @('test', 'LightSerNet.PS.sln', '-c', 'Release', '--no-build', '--nologo', '--logger', 'trx', '--results-directory', $results)
    if ($Filter) { $testArgs += @('--filter', $Filter) }
    dotnet @testArgs
    $xunitExit = $LASTEXITCODE
    $trxFiles = @(Get-ChildItem -LiteralPath $results -Filter *.trx)
    foreach ($trx in $trxFiles) {
        $counters = ([xml](Get-Content -LiteralPath $trx.FullName -Raw)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        # TRX leaves skipped tests out of every counter but total.
        $skipped += [int]$counters.total - [int]$counters.executed + [int]$counters.notExecuted
    }
    if ($xunitExit -and $failed -eq 0) {
        Write-Host "dotnet test exited with $xunitExit without reporting a failed test: counted as one failure."
        $failed++
    }
}

if (-not $SkipPester) {
    $pesterJson = Join-Path $results 'pester.json'
    # A fresh process: the module's native libraries never unload, so each run gets its own pwsh.
    dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Invoke-Pester.ps1') -ResultPath $pesterJson
    if (Test-Path -LiteralPath $pesterJson) {
        $pester = Get-Content -LiteralPath $pesterJson -Raw | ConvertFrom-Json
        $passed += $pester.passed; $failed += $pester.failed; $skipped += $pester.skipped
    } else {
        Write-Host 'Pester wrote no results: counted as one failure.'
        $failed++
    }
}

if ($passed + $failed -eq 0) {
    Write-Host 'No test ran: counted as one failure.'
    $failed = 1
}
"$passed passed, $failed failed, $skipped skipped"
if ($failed -gt 0) { exit 1 }
