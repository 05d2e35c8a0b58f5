<#
.SYNOPSIS
    The reference's run.sh as one script: EMO-DB 3 s with cross-entropy and focal loss under the original's
    (reference) folds, IEMOCAP impro/script/all x 3 s/7 s x CE/focal when IEMOCAP is present, then the honest
    speaker-independent protocol, and the paper's other input kinds (spectrogram, log-mel spectrogram) on EMO-DB.
.DESCRIPTION
    Every run checkpoints after each epoch into -OutputFolder/<name>; run the script again and it resumes where it
    stopped (each run is a separate folder, so a finished run is skipped in seconds). Each run's run.json holds
    {"runs": [...]} entries in the format of results/*.json.
.EXAMPLE
    dotnet pwsh -NoProfile -File examples/Invoke-PaperSweep.ps1 -EmoDb ../shared/data/emodb -OutputFolder runs -ThrottleLimit 2
.EXAMPLE
    dotnet pwsh -NoProfile -File examples/Invoke-PaperSweep.ps1 -Part Paper -Epochs 100 -Schedule Cosine -LearningRate 3e-4 -ThrottleLimit 2
    The 100-epoch schedule that matches the paper's 300 (results/emodb-reference-ce-100-cosine-3e-4.json); runs with
    other than the paper's schedule go to folders named after it, so they never collide with the 300-epoch ones.
#>
[CmdletBinding()]
param(
    [string] $EmoDb = $(if ($env:LIGHTSERNET_EMODB) { $env:LIGHTSERNET_EMODB } else { Join-Path $PSScriptRoot '../../shared/data/emodb' }),
    [string] $Iemocap = $env:LIGHTSERNET_IEMOCAP,
    [string] $OutputFolder = (Join-Path $PSScriptRoot '../out/sweep'),
    [ValidateSet('All', 'Paper', 'Honest', 'InputKinds')] [string] $Part = 'All',
    [int] $Epochs = 300,
    [ValidateSet('Paper', 'OneCycle', 'Cosine', 'Constant')] [string] $Schedule = 'Paper',
    # Adam's base (peak for OneCycle) rate; the paper's is 1e-4.
    [double] $LearningRate = 1e-4,
    # Folds trained at once in each run; on 2 cores 2 is about a fifth faster than 1.
    [ValidateRange(1, 256)] [int] $ThrottleLimit = 1
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../out/LightSerNet')

$suffix = if ($Epochs -ne 300 -or $Schedule -ne 'Paper' -or $LearningRate -ne 1e-4) { "-$Epochs-$($Schedule.ToLower())-$LearningRate" } else { '' }

function Invoke-Run([string] $Name, [hashtable] $Arguments) {
    $folder = Join-Path $OutputFolder "$Name$suffix"
    Write-Host "== $Name$suffix"
    $result = Invoke-SerTraining @Arguments -Epochs $Epochs -Schedule $Schedule -LearningRate $LearningRate -ThrottleLimit $ThrottleLimit -OutputPath $folder -Resume
    $result | Format-List
}

if ($Part -in 'All', 'Paper') {
    foreach ($loss in 'CrossEntropy', 'Focal') {
        Invoke-Run "emodb-3s-reference-$($loss.ToLower())" @{ Dataset = 'EmoDb'; Path = $EmoDb; Protocol = 'ReferenceFolds'; Loss = $loss; Selection = 'BestOnTest', 'Last' }
    }
    if ($Iemocap -and (Test-Path $Iemocap)) {
        # The spec fixes the segment length: light-sernet takes 3 s, light-sernet-7s 7 s.
        foreach ($seconds in @{ '3s' = 'light-sernet'; '7s' = 'light-sernet-7s' }.GetEnumerator() | Sort-Object Name) {
            foreach ($type in 'Impro', 'Script', 'All') {
                foreach ($loss in 'CrossEntropy', 'Focal') {
                    Invoke-Run "iemocap-$($type.ToLower())-$($seconds.Name)-reference-$($loss.ToLower())" @{ Dataset = 'Iemocap'; Path = $Iemocap; AudioType = $type; Architecture = $seconds.Value; Protocol = 'ReferenceFolds'; Loss = $loss; Selection = 'BestOnTest', 'Last' }
                }
            }
        }
    } else {
        Write-Warning 'IEMOCAP is licensed and not here: set LIGHTSERNET_IEMOCAP or -Iemocap to run its part of the sweep.'
    }
}

if ($Part -in 'All', 'Honest') {
    Invoke-Run 'emodb-3s-loso-crossentropy' @{ Dataset = 'EmoDb'; Path = $EmoDb; Protocol = 'LeaveOneSpeakerOut'; Selection = 'Last', 'InnerValidation', 'BestOnTest' }
    # The same with every augmentation: what speaker-independent training can gain from more varied voices.
    Invoke-Run 'emodb-3s-loso-crossentropy-augmented' @{ Dataset = 'EmoDb'; Path = $EmoDb; Protocol = 'LeaveOneSpeakerOut'; Selection = 'Last', 'InnerValidation', 'BestOnTest'; Augment = 'SpeedPerturbation', 'Noise', 'SpecAugment' }
    # And with each speaker's features standardised by their own statistics (transductive for the test speaker;
    # such a model labels with Measure-SerSpeaker's statistics).
    Invoke-Run 'emodb-3s-loso-crossentropy-augmented-speaker' @{ Dataset = 'EmoDb'; Path = $EmoDb; Protocol = 'LeaveOneSpeakerOut'; Selection = 'Last', 'InnerValidation', 'BestOnTest', 'Average'; Augment = 'SpeedPerturbation', 'Noise', 'SpecAugment'; Normalization = 'Speaker' }
}

if ($Part -in 'All', 'InputKinds') {
    # The spec fixes the input kind: features are computed (and cached) to match it.
    foreach ($architecture in 'light-sernet-spectrogram', 'light-sernet-mel') {
        Invoke-Run "emodb-3s-reference-crossentropy-$($architecture -replace '^light-sernet-')" @{ Dataset = 'EmoDb'; Path = $EmoDb; Architecture = $architecture; Protocol = 'ReferenceFolds'; Selection = 'BestOnTest', 'Last' }
    }
}
