<#
.SYNOPSIS
    The results table: every run in results/*.json (or the run.json files given), beside the paper's figures.
.DESCRIPTION
    Each file holds {"runs": [...]} as Invoke-SerTraining writes it (one entry per selection). Prints one object per
    entry, or with -Markdown the table README.md shows. The paper's figures (Aftab et al., ICASSP 2022, Table 2) are
    best-epoch-on-test numbers under folds that were really random (see README: protocols), so they sit beside our
    ReferenceFolds/BestOnTest rows; every other row has no published counterpart. A run that is still training
    (folds_completed < folds_planned) is marked partial.
.EXAMPLE
    dotnet pwsh -NoProfile -File examples/Format-SerResults.ps1 -Markdown
.EXAMPLE
    dotnet pwsh -NoProfile -File examples/Format-SerResults.ps1 -Path runs/*/run.json | Format-Table
#>
[CmdletBinding()]
param(
    [SupportsWildcards()] [string[]] $Path = (Join-Path $PSScriptRoot '../results/*.json'),
    [switch] $Markdown
)
$ErrorActionPreference = 'Stop'

# Paper, Table 2 (EMO-DB 3 s): UA / WA / F1.
$paper = @{
    'ReferenceFolds CrossEntropy BestOnTest' = '94.15 / 94.21 / 94.16'
    'ReferenceFolds Focal BestOnTest' = '92.88 / 93.08 / 93.05'
}

$rows = foreach ($file in Get-Item -Path $Path | Sort-Object BaseName) {
    $document = Get-Content -LiteralPath $file.FullName -Raw | ConvertFrom-Json
    foreach ($run in $document.runs) {
        $partial = $run.folds_completed -lt $run.folds_planned
        [pscustomobject]@{
            File = if ($file.Name -eq 'run.json') { $file.Directory.Name } else { $file.BaseName }
            Protocol = $run.protocol
            Loss = $run.loss
            Selection = $run.selection + $(if ($run.optimistic) { ' (optimistic)' })
            Epochs = $run.epochs
            # With the base (or one-cycle peak) learning rate when it is not the paper's 1e-4.
            Schedule = $run.schedule + $(if ($run.config.LearningRate -and $run.config.LearningRate -ne 1e-4) { " (lr $($run.config.LearningRate.ToString([cultureinfo]::InvariantCulture)))" })
            # What the training saw beyond the paper's input: augmentation, speaker-standardised features.
            Training = @(
                if ($run.augmentation -and $run.augmentation -ne 'none') { 'augmented' }
                if ($run.normalization -and $run.normalization -ne 'none') { 'speaker-normalised (transductive)' }
            ) -join ', ' | ForEach-Object { if ($_) { $_ } else { 'plain' } }
            UA = $run.ua
            WA = $run.wa
            F1 = $run.f1
            Folds = "$($run.folds_completed)/$($run.folds_planned)" + $(if ($partial) { ' partial' })
            Paper = $paper["$($run.protocol) $($run.loss) $($run.selection)"]
        }
    }
}

# The paper's protocol first, then the honest one; within each, runs by name and each run's selections as it lists them.
$protocolOrder = 'ReferenceFolds', 'LeaveOneSpeakerOut', 'KFold', 'None'
$rows = $rows | Sort-Object -Stable { [array]::IndexOf($protocolOrder, [string] $_.Protocol) }, File

if (-not $Markdown) { return $rows }
'| run | protocol | loss | selection | epochs | schedule | training | UA | WA | F1 | folds | paper UA / WA / F1 |'
'|---|---|---|---|---|---|---|---|---|---|---|---|'
foreach ($row in $rows) {
    $cells = $row.File, $row.Protocol, $row.Loss, $row.Selection, $row.Epochs, $row.Schedule, $row.Training,
        ('{0:F2}' -f $row.UA), ('{0:F2}' -f $row.WA), ('{0:F2}' -f $row.F1), $row.Folds, $(if ($row.Paper) { $row.Paper } else { '-' })
    '| ' + ($cells -join ' | ') + ' |'
}
