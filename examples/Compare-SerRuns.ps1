<#
.SYNOPSIS
    Two training runs on the folds both have: per fold UA side by side, and UA, WA and F1 pooled over those folds
    only, for each selection both runs report.
.DESCRIPTION
    Reads two results documents ({"runs": [...]}: a run's run.json, or a file under results/), which list every
    fold's test items as [id, label, predicted]. A run still training, or one lost part of the way, has fewer folds
    than planned; its pooled figures cannot be set beside a finished run's, but pooled over the folds both runs have
    they can. Folds pair up by number and must test the same clips (same protocol, same seed), or the script stops
    and names the first fold that differs. Pooling goes through the engine's ClassificationMetrics, so a fold set
    that is a whole run gives exactly that run's figures.

    One object per selection: Selection, Folds (the fold numbers compared), Clips, ReferenceUA / WA / F1,
    CandidateUA / WA / F1, and PerFold (one row per fold: Fold, Name, ReferenceUA, CandidateUA, Difference).
.EXAMPLE
    dotnet pwsh -NoProfile -File examples/Compare-SerRuns.ps1 -Reference runs/emodb-reference-ce/run.json -Candidate results/emodb-reference-ce-100-cosine-3e-4.json | Format-Table
.EXAMPLE
    dotnet pwsh -NoProfile -File examples/Compare-SerRuns.ps1 results/emodb-reference-ce.json results/emodb-reference-ce-100-cosine-3e-4.json -Selection Last |
        Select-Object -ExpandProperty PerFold
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory, Position = 0)] [string] $Reference,
    [Parameter(Mandatory, Position = 1)] [string] $Candidate,
    # Compare only these selections (default: every selection both runs report).
    [ValidateSet('Last', 'BestOnTest', 'InnerValidation', 'Average')] [string[]] $Selection
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../out/LightSerNet')

function Read-Runs([string] $Path) {
    (Get-Content -LiteralPath (Resolve-Path -LiteralPath $Path) -Raw | ConvertFrom-Json).runs
}

# UA, WA and weighted F1 (percent, as run.json has them) of the test items of the given folds.
function Get-Pooled([object] $Entry, [int[]] $Folds) {
    $items = @($Entry.folds | Where-Object { $_.fold -in $Folds } | ForEach-Object { $_.test })
    [LightSerNet.Evaluation.ClassificationMetrics]::FromNames([string[]] $Entry.labels, [string[]] @($items | ForEach-Object { $_[1] }), [string[]] @($items | ForEach-Object { $_[2] }))
}

function Get-Percent([double] $Fraction) { [math]::Round(100 * $Fraction, 2) }

$referenceRuns = @(Read-Runs $Reference)
$candidateRuns = @(Read-Runs $Candidate)
$selections = @($referenceRuns.selection | Where-Object { $_ -in $candidateRuns.selection -and (-not $Selection -or $_ -in $Selection) })
if (-not $selections) {
    throw "'$Reference' reports $($referenceRuns.selection -join ', ') and '$Candidate' reports $($candidateRuns.selection -join ', '): no selection to compare."
}

foreach ($name in $selections) {
    $left = $referenceRuns | Where-Object selection -EQ $name
    $right = $candidateRuns | Where-Object selection -EQ $name
    $perFold = foreach ($fold in $left.folds | Sort-Object fold) {
        $other = $right.folds | Where-Object fold -EQ $fold.fold
        if (-not $other) { continue }
        $ids = @($fold.test | ForEach-Object { $_[0] } | Sort-Object)
        $otherIds = @($other.test | ForEach-Object { $_[0] } | Sort-Object)
        if ($fold.name -ne $other.name -or ($ids -join ',') -ne ($otherIds -join ',')) {
            throw "Fold $($fold.fold) tests other clips in the two runs ('$($fold.name)', $($ids.Count) clips against '$($other.name)', $($otherIds.Count)): they were not split alike (protocol or seed), so they cannot be compared fold by fold."
        }
        [pscustomobject]@{
            Fold = $fold.fold
            Name = $fold.name
            ReferenceUA = $fold.ua
            CandidateUA = $other.ua
            Difference = [math]::Round($other.ua - $fold.ua, 2)
        }
    }
    if (-not $perFold) {
        Write-Warning "The two runs have no fold in common for $name."
        continue
    }
    $folds = [int[]] @($perFold.Fold)
    $pooledLeft = Get-Pooled $left $folds
    $pooledRight = Get-Pooled $right $folds
    [pscustomobject]@{
        Selection = $name
        Folds = $folds -join ','
        Clips = $pooledLeft.Count
        ReferenceUA = Get-Percent $pooledLeft.UnweightedAccuracy
        ReferenceWA = Get-Percent $pooledLeft.WeightedAccuracy
        ReferenceF1 = Get-Percent $pooledLeft.WeightedF1
        CandidateUA = Get-Percent $pooledRight.UnweightedAccuracy
        CandidateWA = Get-Percent $pooledRight.WeightedAccuracy
        CandidateF1 = Get-Percent $pooledRight.WeightedF1
        PerFold = @($perFold)
    }
}
