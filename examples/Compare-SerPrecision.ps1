<#
.SYNOPSIS
    Float32, Float16 and Int8 on held-out folds: exports each finished fold of a training run at the three
    precisions, labels the fold's own test clips with each file, and prints UA and WA per fold and pooled.
.DESCRIPTION
    Reads the run's run.json (which lists every fold's test items as [id, label, predicted]) and the fold's
    <Selection>.weights checkpoint. The test clips are cut from the corpus exactly as training cut them (the centre
    3 s, or the spec's length) and go to Get-SpeechEmotion as segments, so the Float32 row repeats the training run's
    own evaluation through ONNX Runtime: Agreement is the share of test clips on which a file names what the training
    run predicted at that epoch. Int8 is calibrated on the fold's training clips only (every clip of the corpus that
    the fold did not test), so nothing of the test fold leaks into it.
.EXAMPLE
    dotnet pwsh -NoProfile -File examples/Compare-SerPrecision.ps1 -Run results/runs/emodb-reference-ce -Selection Last
#>
[CmdletBinding()]
param(
    # A run folder of Invoke-SerTraining (run.json and checkpoints/).
    [Parameter(Mandatory, Position = 0)] [string] $Run,
    [ValidateSet('Last', 'BestOnTest', 'InnerValidation', 'Average')] [string] $Selection = 'Last',
    [string] $Dataset = 'EmoDb',
    [string] $CorpusPath = $(if ($env:LIGHTSERNET_EMODB) { $env:LIGHTSERNET_EMODB } else { Join-Path $PSScriptRoot '../../shared/data/emodb' }),
    # Where the exported models go (default: a temporary folder, removed afterwards).
    [string] $ModelFolder
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../out/LightSerNet')

# UA and WA in percent, as run.json has them, through the engine's ClassificationMetrics; Agreement is the share of
# items on which the file names what the training run predicted.
function Get-Accuracy([object[]] $Items, [string[]] $Labels) {
    $metrics = [LightSerNet.Evaluation.ClassificationMetrics]::FromNames($Labels, [string[]] $Items.Label, [string[]] $Items.Predicted)
    [pscustomobject]@{
        UA = [math]::Round(100 * $metrics.UnweightedAccuracy, 2)
        WA = [math]::Round(100 * $metrics.WeightedAccuracy, 2)
        Agreement = [math]::Round(@($Items | Where-Object { $_.Predicted -eq $_.Training }).Count / $Items.Count, 4)
    }
}

$entry = (Get-Content -LiteralPath (Join-Path $Run 'run.json') -Raw | ConvertFrom-Json).runs | Where-Object selection -EQ $Selection
if (-not $entry) { throw "'$Run' has no $Selection selection." }
if (-not $entry.folds[0].test) { throw "'$Run/run.json' does not list the folds' test items; resume the run once with this version (-Resume) to rewrite it." }
$duration = (Get-SerArchitecture -Name $entry.architecture).Input.Duration

$audio = Import-SerDataset -Name $Dataset -Path $CorpusPath
$byId = @{}
foreach ($clip in $audio) { $byId[$clip.Id] = $clip }

$cleanUp = -not $ModelFolder
if ($cleanUp) { $ModelFolder = Join-Path ([System.IO.Path]::GetTempPath()) "lightsernet-precision-$([guid]::NewGuid().ToString('N'))" }
New-Item -ItemType Directory -Force -Path $ModelFolder | Out-Null
$all = @{}
try {
    foreach ($fold in $entry.folds) {
        $weights = Join-Path $Run ('checkpoints/fold-{0:00}/{1}.weights' -f $fold.fold, $Selection)
        if (-not (Test-Path -LiteralPath $weights)) {
            Write-Warning "Fold $($fold.fold) has no $Selection weights here ($weights); skipped."
            continue
        }
        # Piped features are named <file id>#<segment index>; a corpus run names the file alone (its centre segment).
        $testIds = @($fold.test | ForEach-Object {
            $id, $index = $_[0] -split '#'
            if (($index -and $index -ne '0') -or -not $byId.ContainsKey($id)) { throw "Test item '$($_[0])' of fold $($fold.fold) is not the centre segment of a file of $CorpusPath." }
            $id
        })
        $tested = [System.Collections.Generic.HashSet[string]]::new([string[]] $testIds)
        $training = @($audio | Where-Object { -not $tested.Contains($_.Id) } | ForEach-Object Path)
        $segments = @($testIds | ForEach-Object { $byId[$_] } | ConvertTo-Segment -Duration $duration)
        foreach ($precision in 'Float32', 'Float16', 'Int8') {
            $model = Join-Path $ModelFolder ('fold-{0:00}-{1}.onnx' -f $fold.fold, $precision.ToLower())
            $export = @{ Checkpoint = $weights; Path = $model; Precision = $precision; Force = $true }
            if ($precision -eq 'Int8') { $export.CalibrationPath = $training }
            Export-SerModel @export | Out-Null
            $predictions = @($segments | Get-SpeechEmotion -Model $model)
            $items = for ($i = 0; $i -lt $testIds.Count; $i++) {
                [pscustomobject]@{ Label = $fold.test[$i][1]; Predicted = $predictions[$i].Emotion; Training = $fold.test[$i][2] }
            }
            $all[$precision] += @($items)
            $accuracy = Get-Accuracy $items $entry.labels
            [pscustomobject]@{
                Fold = $fold.fold; Precision = $precision; UA = $accuracy.UA; WA = $accuracy.WA; Clips = $items.Count
                Agreement = $accuracy.Agreement
                TrainingUA = $fold.ua
            }
        }
    }
    foreach ($precision in 'Float32', 'Float16', 'Int8') {
        if (-not $all[$precision]) { continue }
        $accuracy = Get-Accuracy $all[$precision] $entry.labels
        [pscustomobject]@{
            Fold = 'pooled'; Precision = $precision; UA = $accuracy.UA; WA = $accuracy.WA; Clips = $all[$precision].Count
            Agreement = $accuracy.Agreement
            TrainingUA = if ($entry.folds_completed -eq @($entry.folds).Count) { $entry.ua }
        }
    }
} finally {
    if ($cleanUp) { Remove-Item -LiteralPath $ModelFolder -Recurse -Force -ErrorAction Ignore }
}
