<#
.SYNOPSIS
    Where a training run stands, from another shell while it trains: one row per fold with epochs done, the last
    epoch's loss and accuracies, the best test accuracy so far, and seconds per epoch.
.DESCRIPTION
    Reads the JSON state at the head of each fold's checkpoint (checkpoints/fold-NN/last.ckpt, written atomically
    after every epoch), so it never loads TorchSharp and never disturbs the run. Epochs are counted from 1.
.EXAMPLE
    dotnet pwsh -NoProfile -File examples/Get-SerRunStatus.ps1 -Path runs/emodb-ce | Format-Table
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory, Position = 0)] [string] $Path
)
$ErrorActionPreference = 'Stop'
$magic = 'LSNCKPT1'
foreach ($checkpoint in Get-ChildItem -Path (Join-Path $Path 'checkpoints/*/last.ckpt') | Sort-Object FullName) {
    $stream = [System.IO.File]::Open($checkpoint.FullName, 'Open', 'Read', 'ReadWrite')
    try {
        $reader = [System.IO.BinaryReader]::new($stream)
        if ([System.Text.Encoding]::ASCII.GetString($reader.ReadBytes($magic.Length)) -ne $magic) {
            Write-Error "'$($checkpoint.FullName)' is not a LightSerNet training checkpoint."
            continue
        }
        $state = [System.Text.Encoding]::UTF8.GetString($reader.ReadBytes($reader.ReadInt32())) | ConvertFrom-Json
    } finally {
        $stream.Dispose()
    }
    $last = $state.History | Select-Object -Last 1
    $best = $state.Selections.BestOnTest
    [pscustomobject]@{
        Fold = $state.Fold
        Epochs = $state.EpochsCompleted
        Complete = $state.Complete
        TrainLoss = $last.TrainLoss
        TrainAccuracy = $last.TrainAccuracy
        TestAccuracy = $last.TestAccuracy
        BestTestAccuracy = $best.Score
        BestEpoch = if ($null -ne $best) { $best.Epoch + 1 }
        SecondsPerEpoch = [math]::Round($state.Seconds / [math]::Max(1, $state.EpochsCompleted), 1)
        Updated = $checkpoint.LastWriteTime
    }
}
