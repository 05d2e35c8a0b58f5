BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestAudio.psm1') -Force
    $hasEmoDb = Test-Path (Join-Path (Get-EmoDbPath) 'wav')
    $onLinux = $IsLinux
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestAudio.psm1') -Force
    $modulePath = Get-ModulePath
    $inferencePath = Join-Path (Split-Path $modulePath) 'inference/LightSerNet'
    $emoDb = Get-EmoDbPath
}

Describe 'Invoke-SerTraining on a tiny EMO-DB run' -Skip:(-not $hasEmoDb) {
    BeforeAll {
        Import-Module $modulePath -Force
        $run = Join-Path $TestDrive 'tiny run'
        $features = Import-SerDataset EmoDb $emoDb -Speaker '03', '10' | ConvertTo-Segment | Get-Mfcc
        $result = $features | Invoke-SerTraining -Protocol ReferenceFolds -Epochs 2 -OutputPath $run -Seed 7
    }

    It 'trains two reference folds for two epochs and returns a summary' {
        $result.FoldsCompleted | Should -Be 2
        $result.FoldsPlanned | Should -Be 2
        $result.Selection | Should -Be 'BestOnTest'
        $result.Optimistic | Should -BeTrue
        $result.Labels | Should -Be @('anger', 'boredom', 'disgust', 'fear', 'happiness', 'sadness', 'neutral')
        $result.UA | Should -BeGreaterOrEqual 0
        $result.BestCheckpoint | Should -Exist
        ($result | Out-String) | Should -Match 'optimistic'
    }

    It 'writes run.json in the results format, with every selection' {
        $json = Get-Content (Join-Path $run 'run.json') -Raw | ConvertFrom-Json
        $json.runs.selection | Should -Be @('BestOnTest', 'Last')
        foreach ($entry in $json.runs) {
            foreach ($key in 'protocol', 'loss', 'selection', 'epochs', 'schedule', 'ua', 'wa', 'f1', 'folds', 'confusion_matrix', 'config', 'versions', 'wall_seconds', 'data_hash') {
                $entry.PSObject.Properties.Name | Should -Contain $key
            }
            $entry.protocol | Should -Be 'ReferenceFolds'
            $entry.config.Protocol | Should -Be 'ReferenceFolds' -Because 'the options print their enums by name'
            $entry.epochs | Should -Be 2
            @($entry.folds).Count | Should -Be 2
            (@($entry.confusion_matrix | ForEach-Object { $_ }) | Measure-Object -Sum).Sum | Should -Be $features.Count
            # Every test item once, as [id, label, predicted], agreeing with the fold's figures.
            $items = @($entry.folds | ForEach-Object { $_.test })
            $items.Count | Should -Be $features.Count
            ($items | ForEach-Object { $_[0] } | Sort-Object -Unique).Count | Should -Be $features.Count
            $items | ForEach-Object { $_[1] | Should -BeIn $entry.labels; $_[2] | Should -BeIn $entry.labels }
            foreach ($fold in $entry.folds) {
                $right = @($fold.test | Where-Object { $_[1] -eq $_[2] }).Count
                [math]::Round(100 * $right / $fold.count, 2) | Should -Be ([math]::Round($fold.wa, 2))
            }
        }
        $json.runs[0].optimistic | Should -BeTrue
        @($json.history).Count | Should -Be 4
    }

    It 'trains on the same numbers from audio or segments as from Get-Mfcc features' {
        $audio = Import-SerDataset EmoDb $emoDb -Speaker '03', '10'
        $fromAudio = $audio | Invoke-SerTraining -Protocol ReferenceFolds -Epochs 2 -OutputPath (Join-Path $TestDrive 'from audio') -Seed 7
        # One short fold is enough to show the segments' features are the same data.
        $fromSegments = $audio | ConvertTo-Segment | Invoke-SerTraining -Protocol ReferenceFolds -Fold 0 -Epochs 1 -OutputPath (Join-Path $TestDrive 'from segments') -Seed 7
        $fromAudio.UA | Should -Be $result.UA
        $hash = (Get-Content (Join-Path $run 'run.json') -Raw | ConvertFrom-Json).runs[0].data_hash
        foreach ($other in $fromAudio, $fromSegments) {
            (Get-Content (Join-Path $other.OutputPath 'run.json') -Raw | ConvertFrom-Json).runs[0].data_hash | Should -Be $hash
        }
    }

    It 'reports segments of another length, naming the file and the length the architecture takes' {
        $short = Import-SerDataset EmoDb $emoDb -Speaker '03' | Select-Object -First 2 | ConvertTo-Segment -Duration 2
        $stopped = $null
        try {
            $short | Invoke-SerTraining -Protocol None -Epochs 1 -OutputPath (Join-Path $TestDrive 'short') -ErrorVariable problems -ErrorAction SilentlyContinue
        } catch {
            $stopped = $_
        }
        # Nothing fitted, so nothing was left to train on: the run stops after naming each segment.
        $stopped.FullyQualifiedErrorId | Should -BeLike 'TrainingFailed*'
        $problems.Count | Should -BeGreaterOrEqual 2
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SegmentDoesNotFit*'
        $problems[0].Exception.Message | Should -BeLike "*$($short[0].Source)*takes 3 s*-Duration 3*"
    }

    It 'tells where each fold stands through examples/Get-SerRunStatus.ps1, from the checkpoints alone' {
        $status = & (Join-Path $PSScriptRoot '../examples/Get-SerRunStatus.ps1') -Path $run
        $status.Fold | Should -Be @(0, 1)
        $status.Epochs | Should -Be @(2, 2)
        $status.Complete | Should -Be @($true, $true)
        $status | ForEach-Object { $_.BestEpoch | Should -BeIn 1, 2; $_.TestAccuracy | Should -BeGreaterOrEqual 0 }
        # The unweighted accuracies are the ones the finished run reports per fold.
        $reported = (Get-Content (Join-Path $run 'run.json') -Raw | ConvertFrom-Json).runs
        $status.TestUA | Should -Be (($reported | Where-Object selection -EQ 'Last').folds.ua)
        $status.BestTestUA | Should -Be (($reported | Where-Object selection -EQ 'BestOnTest').folds.ua)
    }

    It 'tells through Get-SerRunStatus -AtEpoch what a shorter run of the same schedule reports' {
        # The paper's schedule does not depend on the number of epochs, so epoch 1 of this 2-epoch run is a 1-epoch run.
        $short = $features | Invoke-SerTraining -Protocol ReferenceFolds -Fold 0 -Epochs 1 -OutputPath (Join-Path $TestDrive 'one epoch') -Seed 7
        $reported = (Get-Content (Join-Path $short.OutputPath 'run.json') -Raw | ConvertFrom-Json).runs
        $status = & (Join-Path $PSScriptRoot '../examples/Get-SerRunStatus.ps1') -Path $run -AtEpoch 1
        $status.Epochs | Should -Be @(1, 1)
        $status.BestEpoch | Should -Be @(1, 1)
        $status[0].TestUA | Should -Be (($reported | Where-Object selection -EQ 'Last').folds.ua)
        $status[0].BestTestUA | Should -Be (($reported | Where-Object selection -EQ 'BestOnTest').folds.ua)
        # Past the last epoch there is nothing to tell.
        & (Join-Path $PSScriptRoot '../examples/Get-SerRunStatus.ps1') -Path $run -AtEpoch 3 | Should -BeNullOrEmpty
    }

    It 'tells where a fold carried without its checkpoint stands, from its state.json' {
        $carried = Join-Path $TestDrive 'carried'
        Copy-Item -Recurse -LiteralPath $run -Destination $carried
        Get-ChildItem -Path (Join-Path $carried 'checkpoints/fold-00') -Exclude 'state.json' | Remove-Item
        $status = & (Join-Path $PSScriptRoot '../examples/Get-SerRunStatus.ps1') -Path $carried
        $status.Fold | Should -Be @(0, 1)
        $status.Epochs | Should -Be @(2, 2)
        ($status | ForEach-Object { $_.BestTestAccuracy }) | Should -Be (& (Join-Path $PSScriptRoot '../examples/Get-SerRunStatus.ps1') -Path $run | ForEach-Object { $_.BestTestAccuracy })
    }

    It 'gives the results table of examples/Format-SerResults.ps1, with the paper beside the optimistic row' {
        $table = & (Join-Path $PSScriptRoot '../examples/Format-SerResults.ps1') -Path (Join-Path $run 'run.json') -Markdown
        $table[0] | Should -BeLike '| run | protocol | loss | selection |*'
        $table.Count | Should -Be 4
        $table[2] | Should -BeLike '| tiny run | ReferenceFolds | CrossEntropy | BestOnTest (optimistic) | 2 | Paper |*| 2/2 | 94.15 / 94.21 / 94.16 |'
        $table[3] | Should -BeLike '*| Last |*| plain |*| 2/2 | - |'
    }

    It 'compares two runs on the folds both have through examples/Compare-SerRuns.ps1, pooling as the run does' {
        $compare = Join-Path $PSScriptRoot '../examples/Compare-SerRuns.ps1'
        $runJson = Join-Path $run 'run.json'
        $json = Get-Content $runJson -Raw | ConvertFrom-Json
        # The whole run against itself pools to the run's own figures.
        $whole = & $compare $runJson $runJson
        $whole.Selection | Should -Be @('BestOnTest', 'Last')
        foreach ($row in $whole) {
            $entry = $json.runs | Where-Object selection -EQ $row.Selection
            $row.Folds | Should -Be '0,1'
            $row.Clips | Should -Be $features.Count
            $row.ReferenceUA, $row.ReferenceWA, $row.ReferenceF1 | Should -Be @($entry.ua, $entry.wa, $entry.f1)
            $row.CandidateUA | Should -Be $entry.ua
            $row.PerFold.Difference | Should -Be @(0, 0)
        }
        # A run that has only fold 1 (one still training, say) is compared on fold 1 alone.
        $oneFold = Join-Path $TestDrive 'one fold.json'
        foreach ($entry in $json.runs) { $entry.folds = @($entry.folds | Where-Object fold -EQ 1) }
        $json | ConvertTo-Json -Depth 20 | Set-Content $oneFold
        $last = & $compare $runJson $oneFold -Selection Last
        $foldOne = $json.runs[1].folds[0]
        $last.Folds | Should -Be '1'
        $last.Clips | Should -Be $foldOne.count
        $last.ReferenceUA, $last.ReferenceWA, $last.CandidateUA | Should -Be @($foldOne.ua, $foldOne.wa, $foldOne.ua)
        # Folds that test other clips are not comparable, and the script says which.
        $json.runs[1].folds[0].name = 'reference 99'
        $json | ConvertTo-Json -Depth 20 | Set-Content $oneFold
        { & $compare $runJson $oneFold -Selection Last } | Should -Throw '*Fold 1 tests other clips*'
    }

    It 'exports every fold at three precisions and labels its test clips through examples/Compare-SerPrecision.ps1' {
        $rows = & (Join-Path $PSScriptRoot '../examples/Compare-SerPrecision.ps1') -Run $run -Selection Last -CorpusPath $emoDb
        $rows.Count | Should -Be 9
        $json = (Get-Content (Join-Path $run 'run.json') -Raw | ConvertFrom-Json).runs | Where-Object selection -EQ 'Last'
        foreach ($fold in $json.folds) {
            $float32 = $rows | Where-Object { $_.Fold -eq $fold.fold -and $_.Precision -eq 'Float32' }
            $float32.Clips | Should -Be $fold.count
            # ONNX Runtime on the exported graph names what TorchSharp named when the run evaluated the fold.
            $float32.Agreement | Should -BeGreaterOrEqual 0.95
            $float32.TrainingUA | Should -Be $fold.ua
        }
        $pooled = $rows | Where-Object Fold -EQ 'pooled'
        $pooled.Precision | Should -Be @('Float32', 'Float16', 'Int8')
        $pooled | ForEach-Object { $_.Clips | Should -Be $features.Count }
        $pooled[0].TrainingUA | Should -Be $json.ua
    }

    It 'writes a report, confusion matrices and curves' {
        $report = Get-Content (Join-Path $run 'report.txt') -Raw
        $report | Should -Match 'precision\s+recall\s+f1-score\s+support'
        $report | Should -Match 'OPTIMISTIC'
        foreach ($png in 'confusion-bestontest.png', 'confusion-last-normalised.png', 'curves.png') {
            $bytes = [System.IO.File]::ReadAllBytes((Join-Path $run $png))
            $bytes[1..3] | Should -Be @(0x50, 0x4E, 0x47) -Because "$png is a PNG"
        }
        (Get-Content (Join-Path $run 'confusion-last.csv') -First 1) | Should -Match 'anger'
    }

    It 'trains folds side by side with -ThrottleLimit, to the numbers of the same folds trained one at a time' {
        $sideBySide = $features | Invoke-SerTraining -Protocol ReferenceFolds -Epochs 2 -ThrottleLimit 2 -OutputPath (Join-Path $TestDrive 'side by side') -Seed 7
        # Alone in a run, each fold still gets the share of cores that -ThrottleLimit 2 gives it.
        $alone = 0, 1 | ForEach-Object {
            $features | Invoke-SerTraining -Protocol ReferenceFolds -Fold $_ -Epochs 2 -ThrottleLimit 2 -OutputPath (Join-Path $TestDrive "fold $_ alone") -Seed 7
        }
        $history = { param($path) (Get-Content (Join-Path $path 'run.json') -Raw | ConvertFrom-Json).history | ForEach-Object { '{0}/{1}: {2} {3}' -f $_.Fold, $_.Epoch, $_.TrainLoss, $_.TestAccuracy } }
        & $history $sideBySide.OutputPath | Should -Be @($alone | ForEach-Object { & $history $_.OutputPath })
        $config = (Get-Content (Join-Path $sideBySide.OutputPath 'run.json') -Raw | ConvertFrom-Json).runs[0].config
        $config.ParallelFolds | Should -Be 2
        $config.Threads | Should -Be ([Math]::Max(1, [int][Math]::Floor([Environment]::ProcessorCount / 2)))
    }

    It 'names the folds a protocol forms when asked for one it does not' {
        $problem = { $features | Invoke-SerTraining -Protocol ReferenceFolds -Fold 5 -Epochs 1 -OutputPath (Join-Path $TestDrive 'no such fold') -ErrorAction Stop }
        $problem | Should -Throw -ErrorId 'TrainingFailed*'
        $problem | Should -Throw '*no fold 5*numbered 0 to 1*'
        Join-Path $TestDrive 'no such fold' | Should -Not -Exist
    }

    It 'standardises features per speaker with -Normalization Speaker, says so, and its model labels with the speaker''s statistics' {
        $normalised = Join-Path $TestDrive 'speaker-normalised'
        $trained = $features | Invoke-SerTraining -Protocol LeaveOneSpeakerOut -Fold 0 -Epochs 1 -Normalization Speaker -OutputPath $normalised -Seed 7
        (Get-Content (Join-Path $normalised 'run.json') -Raw | ConvertFrom-Json).runs[0].normalization | Should -BeLike '*per speaker*transductive*'
        Join-Path $normalised 'report.txt' | Should -FileContentMatch 'Features: standardised per speaker'
        (& (Join-Path $PSScriptRoot '../examples/Format-SerResults.ps1') -Path (Join-Path $normalised 'run.json')).Training |
            Should -Be @('speaker-normalised (transductive)', 'speaker-normalised (transductive)')
        $model = ($trained | Export-SerModel -Path (Join-Path $TestDrive 'normalised.onnx')).FullName
        $speaker = @($features | Where-Object Speaker -EQ '03' | ForEach-Object Source | Sort-Object -Unique)
        { Get-SpeechEmotion -LiteralPath $speaker[0] -Model $model -ErrorAction Stop } | Should -Throw -ErrorId 'SpeakerStatisticsRequired*'
        [LightSerNet.Inference.SerModel]::Load($model).NeedsSpeakerStatistics | Should -BeTrue

        $statistics = @($speaker) + (Join-Path $TestDrive 'no such file.wav') | Measure-SerSpeaker -Model $model -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound*'
        $statistics.Clips | Should -BeGreaterOrEqual $speaker.Count
        $statistics.Coefficients | Should -Be 40
        ($statistics | Out-String) | Should -Match 'Clips'
        $rows = $speaker | Get-SpeechEmotion -Model $model -SpeakerStatistics $statistics
        $rows.Count | Should -Be $speaker.Count
        $rows.Emotion | ForEach-Object { $_ | Should -BeIn $trained.Labels }

        $plain = ($result | Export-SerModel -Path (Join-Path $TestDrive 'plain.onnx')).FullName
        { Get-SpeechEmotion -LiteralPath $speaker[0] -Model $plain -SpeakerStatistics $statistics -ErrorAction Stop } | Should -Throw -ErrorId 'SpeakerStatisticsMismatch*'
        $nothing = Join-Path $TestDrive 'no such file.wav' | Measure-SerSpeaker -Model $model -ErrorVariable none -ErrorAction SilentlyContinue
        $nothing | Should -BeNullOrEmpty
        $none[-1].FullyQualifiedErrorId | Should -BeLike 'SpeakerStatisticsEmpty*' -Because 'after the missing file, the last error says no recording could be measured'
    }

    It 'refuses to overwrite a run without -Resume or -Force, and resumes a finished run to the same numbers' {
        { $features | Invoke-SerTraining -Protocol ReferenceFolds -Epochs 2 -OutputPath $run -Seed 7 -ErrorAction Stop } |
            Should -Throw -ErrorId 'TrainingFailed*'
        $again = $features | Invoke-SerTraining -Protocol ReferenceFolds -Epochs 2 -OutputPath $run -Seed 7 -Resume
        $again.UA | Should -Be $result.UA
        $again.WA | Should -Be $result.WA
    }
}

Describe 'The paper''s other input kinds' -Skip:(-not $hasEmoDb) {
    BeforeAll {
        Import-Module $modulePath -Force
        # A dozen clips: the spectrogram network does 13 times the MFCC network's work per clip.
        $segments = Import-SerDataset EmoDb $emoDb -Speaker '03' | Select-Object -First 12 | ConvertTo-Segment
    }

    It 'trains <Architecture> on <Kind> features, exports it, and labels audio with features of that kind' -ForEach @(
        @{ Architecture = 'light-sernet-mel'; Kind = 'MelSpectrogram'; Width = 128 }
        @{ Architecture = 'light-sernet-spectrogram'; Kind = 'Spectrogram'; Width = 513 }
    ) {
        $features = $segments | Get-Mfcc -Kind $Kind
        $features[0].Coefficients | Should -Be $Width
        $result = $features | Invoke-SerTraining -Architecture $Architecture -Protocol None -Selection Last -Epochs 1 -OutputPath (Join-Path $TestDrive $Architecture)
        $result.FoldsCompleted | Should -Be 1
        $model = $result | Export-SerModel -Path (Join-Path $TestDrive "$Architecture.onnx")
        $prediction = Get-SpeechEmotion -LiteralPath $segments[0].Source -Model $model.FullName
        $prediction.Emotion | Should -BeIn $result.Labels
        (Get-SerArchitecture $Architecture).Input.Kind | Should -Be $Kind
    }

    It 'refuses MFCC features for a spectrogram network, naming both shapes' {
        { $segments | Select-Object -First 4 | Get-Mfcc | Invoke-SerTraining -Architecture light-sernet-mel -Protocol None -Selection Last -Epochs 1 -OutputPath (Join-Path $TestDrive 'wrong') -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*184x128*184x40*'
    }
}

Describe 'Invoke-SerTraining on IEMOCAP with the 7 s network' {
    BeforeAll {
        Import-Module $modulePath -Force
        $savedCache = $env:LIGHTSERNET_CACHE
        $env:LIGHTSERNET_CACHE = Join-Path $TestDrive 'feature cache'
        $root = New-TestIemocap -Root (Join-Path $TestDrive 'IEMOCAP_full_release') -Samples (New-Sine -SampleRate 16000 -Seconds 2.5)
    }

    AfterAll {
        $env:LIGHTSERNET_CACHE = $savedCache
    }

    It 'cuts 7 s segments for light-sernet-7s, keeps IEMOCAP''s four classes, and its exported model labels the recordings' {
        $result = Invoke-SerTraining -Dataset Iemocap -Path $root -Architecture light-sernet-7s -Protocol None -Epochs 1 -BatchSize 2 -OutputPath (Join-Path $TestDrive 'iemocap-7s')
        $result.FoldsCompleted | Should -Be 1
        $result.Labels | Should -Be @('anger', 'happiness', 'neutral', 'sadness')
        $model = $result | Export-SerModel -Path (Join-Path $TestDrive 'iemocap-7s.onnx')
        $prediction = Get-ChildItem (Join-Path $root 'Session1/sentences/wav') -Recurse -Filter *.wav | Get-SpeechEmotion -Model $model.FullName
        $prediction.Count | Should -Be 5
        # 2.5 s recordings fit one 7 s clip each: padded, not windowed.
        $prediction.Clips | Should -Be @(1, 1, 1, 1, 1)
        $json = Get-Content (Join-Path $result.OutputPath 'run.json') -Raw | ConvertFrom-Json
        $json.history.Count | Should -Be 1
    }
}

Describe 'Invoke-SerTraining -Augment on a tiny synthetic corpus' {
    BeforeAll {
        Import-Module $modulePath -Force
        # Two labels, four 1 s recordings each: tones and chirps are enough for one fast fold.
        $corpus = Join-Path $TestDrive 'synthetic'
        foreach ($label in 'anger', 'sadness') {
            $dir = New-Item -ItemType Directory -Force (Join-Path $corpus $label)
            for ($i = 0; $i -lt 4; $i++) {
                $frequency = if ($label -eq 'anger') { 900 + 60 * $i } else { 220 + 30 * $i }
                New-TestWav -Path (Join-Path $dir "$label$i.wav") -Samples (New-Sine -SampleRate 16000 -Seconds 1 -Frequency $frequency) | Out-Null
            }
        }
        $savedCache = $env:LIGHTSERNET_CACHE
        $env:LIGHTSERNET_CACHE = Join-Path $TestDrive 'feature cache'
        $tiny = @{ Architecture = 'light-sernet-lite'; Protocol = 'KFold'; KFolds = 2; Fold = 0; Epochs = 1; BatchSize = 4; Seed = 3 }
    }

    AfterAll {
        $env:LIGHTSERNET_CACHE = $savedCache
    }

    It 'trains from audio with every kind, caches the variants with the features and records the settings' {
        $run = Join-Path $TestDrive 'augmented'
        $result = Invoke-SerTraining -Dataset Folder -Path $corpus -Augment SpeedPerturbation, Noise, SpecAugment -OutputPath $run @tiny
        $result.FoldsCompleted | Should -Be 1
        @(Get-ChildItem $env:LIGHTSERNET_CACHE -Filter *.bin).Count | Should -Be 1
        $json = Get-Content (Join-Path $run 'run.json') -Raw | ConvertFrom-Json
        $json.runs[0].augmentation | Should -Match '^SpeedPerturbation \(factors 0\.9, 1\.1\); Noise .*; SpecAugment .*4 variants'
        $json.runs[0].config.Augmentation.Kinds | Should -Be @('SpeedPerturbation', 'Noise', 'SpecAugment')
        Get-Content (Join-Path $run 'report.txt') -Raw | Should -Match 'Augmentation: SpeedPerturbation'
        $again = Invoke-SerTraining -Dataset Folder -Path $corpus -Augment SpecAugment, Noise, SpeedPerturbation -OutputPath $run -Resume @tiny
        $again.UA | Should -Be $result.UA
        { Invoke-SerTraining -Dataset Folder -Path $corpus -Augment SpecAugment -OutputPath $run -Resume @tiny -ErrorAction Stop } |
            Should -Throw -ErrorId 'TrainingFailed*'
    }

    It 'applies SpecAugment to features from the pipeline' {
        $run = Join-Path $TestDrive 'masked'
        $result = Import-SerDataset Folder $corpus | ConvertTo-Segment | Get-Mfcc | Invoke-SerTraining -Augment SpecAugment -OutputPath $run @tiny
        $result.FoldsCompleted | Should -Be 1
        (Get-Content (Join-Path $run 'run.json') -Raw | ConvertFrom-Json).runs[0].augmentation | Should -Match '^SpecAugment \(2 time mask'
    }

    It 'says why speed and noise cannot apply to features from the pipeline, before reading any' {
        $run = Join-Path $TestDrive 'refused'
        $read = [System.Collections.Generic.List[object]]::new()
        $failure = { Import-SerDataset Folder $corpus | ForEach-Object { $read.Add($_); $_ } | ConvertTo-Segment | Get-Mfcc |
                Invoke-SerTraining -Augment SpecAugment, Noise -OutputPath $run @tiny -ErrorAction Stop } |
            Should -Throw -ErrorId 'AugmentationNeedsAudio,*' -PassThru
        $failure.Exception.Message | Should -Match '-Augment Noise changes the audio.*-Dataset and -Path'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $read.Count | Should -Be 0
        $run | Should -Not -Exist
    }
}

Describe 'Where libtorch is loaded from' -Skip:(-not ($hasEmoDb -and $onLinux)) {
    It 'labelling-side cmdlets never load libtorch; training loads the module''s own copy' {
        $maps = Start-Job -ScriptBlock {
            param($module, $emoDb)
            Import-Module $module
            $features = Import-SerDataset EmoDb $emoDb -Speaker '03' -Emotion anger, sadness | ConvertTo-Segment | Get-Mfcc
            $null = Get-SerArchitecture
            $before = @(Get-Content /proc/self/maps | Where-Object { $_ -match 'libtorch_cpu' })
            $out = Join-Path ([IO.Path]::GetTempPath()) "lsn-maps-$PID"
            $null = $features | Invoke-SerTraining -Protocol None -Epochs 1 -OutputPath $out -Force
            Remove-Item -Recurse -Force $out
            $after = @(Get-Content /proc/self/maps | Where-Object { $_ -match 'libtorch_cpu' } | ForEach-Object { $_.Substring($_.IndexOf('/')) } | Sort-Object -Unique)
            [pscustomobject]@{ Before = $before.Count; After = $after }
        } -ArgumentList $modulePath, $emoDb | Receive-Job -Wait -AutoRemoveJob
        $maps.Before | Should -Be 0
        @($maps.After).Count | Should -Be 1
        $maps.After | Should -BeLike "$((Resolve-Path $modulePath).ProviderPath)*"
    }
}

Describe 'The inference-only module' {
    It 'has no TorchSharp, libtorch or training assembly, and says so when asked to train' {
        $inferencePath | Should -Exist
        Get-ChildItem $inferencePath -Recurse -Include '*torch*', 'LightSerNet.Training.dll', 'TorchSharp.dll' | Should -BeNullOrEmpty
        $outcome = Start-Job -ScriptBlock {
            param($module)
            Import-Module $module
            $commands = (Get-Command -Module LightSerNet).Name
            try {
                Invoke-SerTraining -Dataset EmoDb -Path . -OutputPath (Join-Path ([IO.Path]::GetTempPath()) 'never') -ErrorAction Stop
                $id = 'none'
            } catch {
                $id = $_.FullyQualifiedErrorId
            }
            [pscustomobject]@{ Commands = $commands; ErrorId = $id }
        } -ArgumentList $inferencePath | Receive-Job -Wait -AutoRemoveJob
        $outcome.Commands | Should -Contain 'Get-Mfcc'
        $outcome.ErrorId | Should -BeLike 'TrainingUnavailable*'
    }
}
