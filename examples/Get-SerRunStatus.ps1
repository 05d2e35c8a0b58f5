<#
.SYNOPSIS
    Where a training run stands, from another shell while it trains: one row per fold with epochs done, the last
    epoch's loss and accuracies, the best test accuracy so far, and seconds per epoch. TestUA and BestTestUA are the
    unweighted accuracies (percent, as in run.json) of the last epoch and of the best epoch on the test fold: what the
    fold will report for Last and BestOnTest.
.DESCRIPTION
    Reads the JSON state at the head of each fold's checkpoint (checkpoints/fold-NN/last.ckpt, written atomically
    after every epoch), or the state.json a finished fold leaves when its checkpoint stayed on another machine, so it
    never loads TorchSharp and never disturbs the run. Epochs are counted from 1.
.EXAMPLE
    dotnet pwsh -NoProfile -File examples/Get-SerRunStatus.ps1 -Path runs/emodb-ce | Format-Table
.EXAMPLE
    dotnet pwsh -NoProfile -File examples/Get-SerRunStatus.ps1 -Path runs/emodb-ce -AtEpoch 100 | Format-Table
    Each fold as it stood after epoch 100: what a 100-epoch run would have reported for Last and BestOnTest, where the
    schedule does not depend on the number of epochs (Paper, Constant; not Cosine or OneCycle).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory, Position = 0)] [string] $Path,
    # Report each fold as it stood after this epoch (from 1), from its per-epoch history; folds not there yet are left out.
    [ValidateRange(1, [int]::MaxValue)] [int] $AtEpoch
)
$ErrorActionPreference = 'Stop'
$magic = 'LSNCKPT1'

function Read-FoldState([System.IO.FileInfo] $File) {
    if ($File.Extension -eq '.json') {
        return Get-Content -Raw -LiteralPath $File.FullName | ConvertFrom-Json
    }
    $stream = [System.IO.File]::Open($File.FullName, 'Open', 'Read', 'ReadWrite')
    try {
        $reader = [System.IO.BinaryReader]::new($stream)
        if ([System.Text.Encoding]::ASCII.GetString($reader.ReadBytes($magic.Length)) -ne $magic) {
            Write-Error "'$($File.FullName)' is not a LightSerNet training checkpoint."
            return
        }
        [System.Text.Encoding]::UTF8.GetString($reader.ReadBytes($reader.ReadInt32())) | ConvertFrom-Json
    } finally {
        $stream.Dispose()
    }
}

# As run.json writes its figures.
function Get-Percent($Fraction) { if ($null -ne $Fraction) { [math]::Round(100 * $Fraction, 2) } }

foreach ($folder in Get-ChildItem -Path (Join-Path $Path 'checkpoints/fold-*') -Directory | Sort-Object Name) {
    # The checkpoint when it is here; a finished fold carried from another machine has only its state.json.
    $checkpoint = 'last.ckpt', 'state.json' | ForEach-Object { Get-Item -LiteralPath (Join-Path $folder.FullName $_) -ErrorAction Ignore } |
        Select-Object -First 1
    if ($null -eq $checkpoint) { continue }
    $state = Read-FoldState $checkpoint
    if ($null -eq $state) { continue }
    $history = $state.History
    $best = $state.Selections.BestOnTest
    if ($AtEpoch) {
        if ($state.EpochsCompleted -lt $AtEpoch) { continue }
        $history = $history | Where-Object Epoch -LT $AtEpoch
        if ($null -ne $best) {
            # As training picks it: the first epoch with the highest test accuracy.
            $first = $history | Where-Object { $null -ne $_.TestAccuracy } | Sort-Object -Stable -Descending TestAccuracy | Select-Object -First 1
            $best = if ($first) { [pscustomobject]@{ Epoch = $first.Epoch; Score = $first.TestAccuracy } }
        }
    }
    $last = $history | Select-Object -Last 1
    $bestPoint = if ($null -ne $best) { $history | Where-Object Epoch -EQ $best.Epoch }
    [pscustomobject]@{
        Fold = $state.Fold
        Epochs = if ($AtEpoch) { $AtEpoch } else { $state.EpochsCompleted }
        Complete = $state.Complete
        TrainLoss = $last.TrainLoss
        TrainAccuracy = $last.TrainAccuracy
        TestAccuracy = $last.TestAccuracy
        TestUA = Get-Percent $last.TestUnweightedAccuracy
        BestTestAccuracy = $best.Score
        BestTestUA = Get-Percent $bestPoint.TestUnweightedAccuracy
        BestEpoch = if ($null -ne $best) { $best.Epoch + 1 }
        SecondsPerEpoch = [math]::Round($state.Seconds / [math]::Max(1, $state.EpochsCompleted), 1)
        Updated = $checkpoint.LastWriteTime
    }
}
