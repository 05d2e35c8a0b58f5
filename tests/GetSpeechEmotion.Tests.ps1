BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestAudio.psm1') -Force
    $onLinux = $IsLinux
    $defaultModel = Join-Path (Get-ModulePath) 'models/light-sernet-emodb.onnx'
    $hasDefaultModel = Test-Path $defaultModel
    $hasEmoDb = Test-Path (Join-Path (Get-EmoDbPath) 'wav')
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestAudio.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestModels.psm1') -Force
    $modulePath = Get-ModulePath
    $inferencePath = Join-Path (Split-Path $modulePath) 'inference/LightSerNet'
    Import-Module $modulePath -Force
    $labels = 'anger', 'boredom', 'disgust', 'fear', 'happiness', 'sadness', 'neutral'

    $checkpoint = Join-Path $TestDrive 'random.weights'
    New-TestCheckpoint -Path $checkpoint
    $model = (Export-SerModel -Checkpoint $checkpoint -Path (Join-Path $TestDrive 'model.onnx')).FullName

    $audio = New-Item -ItemType Directory (Join-Path $TestDrive 'audio')
    $null = New-TestWav -Path (Join-Path $audio 'a-short.wav') -Samples (New-VoiceSamples -Seconds 1.2 -Seed 1)
    $null = New-TestWav -Path (Join-Path $audio 'b-phone.wav') -SampleRate 8000 -Samples (New-VoiceSamples -SampleRate 8000 -Seconds 2.5 -Seed 2)
    $null = New-TestWav -Path (Join-Path $audio 'c-long.wav') -Samples (New-VoiceSamples -Seconds 7 -Seed 3)
    $null = New-TestWav -Path (Join-Path $audio 'd-stereo.wav') -Channels 2 -SampleRate 44100 -Samples (New-VoiceSamples -SampleRate 44100 -Seconds 2 -Seed 4)
    $good = Get-ChildItem $audio -Filter *.wav | Sort-Object Name
}

Describe 'Get-SpeechEmotion' {
    It 'labels files from Get-ChildItem, in input order, with every label''s probability' {
        $rows = $good | Get-SpeechEmotion -Model $model
        $rows.Count | Should -Be 4
        $rows.Path | Should -Be $good.FullName
        $rows[0] | Should -BeOfType ([LightSerNet.Inference.Prediction.SerPrediction])
        foreach ($row in $rows) {
            $row.Emotion | Should -BeIn $labels
            $row.Confidence | Should -Be ($row.Probabilities.Values | Measure-Object -Maximum).Maximum
            @($row.Probabilities.Keys) | Should -Be $labels
            [math]::Abs(($row.Probabilities.Values | Measure-Object -Sum).Sum - 1) | Should -BeLessThan 1e-4
            $row.Model | Should -Be $model
        }
        $rows[1].End | Should -Be 2.5
        $rows[2].Clips | Should -Be 4
    }

    It 'keeps input order across many inputs and cores' {
        $many = 1..40 | ForEach-Object { $good[$_ % 4].FullName }
        $rows = $many | Get-SpeechEmotion -Model $model -ThrottleLimit 2
        $rows.Path | Should -Be $many
    }

    It 'takes -Path wildcards, -LiteralPath, SerAudio and SerSegment' {
        (Get-SpeechEmotion -Path (Join-Path $audio '*.wav') -Model $model).Count | Should -Be 4
        (Get-SpeechEmotion -LiteralPath $good[0].FullName -Model $model).Path | Should -Be $good[0].FullName
        $fromAudio = $good | ForEach-Object { [LightSerNet.Audio.SerAudio]::FromFile($_.FullName) } | Get-SpeechEmotion -Model $model
        $fromAudio.Path | Should -Be $good.FullName
        $segments = $good[2] | ConvertTo-Segment -Mode Split -Duration 3
        $rows = $segments | Get-SpeechEmotion -Model $model
        $rows.Count | Should -Be $segments.Count
        $rows.Start | Should -Be $segments.Start
    }

    It 'gives one row per window with Start and End under -PerWindow' {
        $rows = Get-SpeechEmotion -LiteralPath $good[2].FullName -Model $model -PerWindow
        ($rows | ForEach-Object { '{0}-{1}' -f $_.Start, $_.End }) | Should -Be @('0-3', '1.5-4.5', '3-6', '4.5-7')
        ($rows | Format-Table | Out-String) | Should -Match 'Start\(s\)\s+End\(s\)\s+Emotion\s+Confidence'
        $custom = Get-SpeechEmotion -LiteralPath $good[2].FullName -Model $model -PerWindow -Window 2 -Hop 2
        $custom.Count | Should -Be 4
        $custom[-1].End | Should -Be 7
    }

    It 'shows a table of Path, Emotion and Confidence, and -Top lists the best labels' {
        $rows = $good | Get-SpeechEmotion -Model $model -Top 2
        $table = $rows | Format-Table | Out-String
        $table | Should -Match 'Path\s+Emotion\s+Confidence'
        $table | Should -Match 'a-short\.wav'
        $rows[0].Top.Count | Should -Be 2
        $rows[0].Top[0].Emotion | Should -Be $rows[0].Emotion
    }

    It 'exports one CSV column per class, no type names in cells' {
        $csv = Join-Path $TestDrive 'emotions.csv'
        $good | Get-SpeechEmotion -Model $model | Export-Csv -LiteralPath $csv
        $back = Import-Csv -LiteralPath $csv
        $back.Count | Should -Be 4
        $columns = $back[0].PSObject.Properties.Name
        $columns[0..4] | Should -Be @('Path', 'Start', 'End', 'Emotion', 'Confidence')
        foreach ($label in $labels) { $columns | Should -Contain $label }
        (Get-Content -LiteralPath $csv -Raw) | Should -Not -Match 'System\.|LightSerNet\.'
        [double]$back[0].($back[0].Emotion) | Should -Be ([double]$back[0].Confidence)
    }

    It 'writes one error per bad file, with the file and a stable id, and labels the rest' {
        $bad = New-Item -ItemType Directory (Join-Path $TestDrive 'bad')
        Copy-Item $good[0].FullName (Join-Path $bad '1-good.wav')
        Set-Content -LiteralPath (Join-Path $bad '2-text.wav') -Value 'not audio at all'
        $null = New-Item -ItemType File (Join-Path $bad '3-empty.wav')
        Copy-Item $good[1].FullName (Join-Path $bad '4-good.wav')
        $rows = Get-ChildItem $bad | Sort-Object Name | Get-SpeechEmotion -Model $model -ErrorVariable problems -ErrorAction SilentlyContinue
        $rows.Path | Should -Be @((Join-Path $bad '1-good.wav'), (Join-Path $bad '4-good.wav'))
        $problems.Count | Should -Be 2
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'WaveNotWave*'
        $problems[1].FullyQualifiedErrorId | Should -BeLike 'WaveEmpty*'
        $problems[0].TargetObject | Should -Be (Join-Path $bad '2-text.wav')
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'names the labels of a model from another spec in that spec''s order' {
        # Both heads are rigged to say "sadness": index 5 of light-sernet's EMO-DB order, index 6 of light-sernet-lite's.
        foreach ($arch in 'light-sernet', 'light-sernet-lite') {
            $weights = Join-Path $TestDrive "$arch-sad.weights"
            New-TestCheckpoint -Path $weights -Architecture $arch -Favour sadness
            $file = Export-SerModel -Checkpoint $weights -Path (Join-Path $TestDrive "$arch-sad.onnx")
            $rows = $good | Get-SpeechEmotion -Model $file.FullName
            $rows.Emotion | Should -Be @('sadness', 'sadness', 'sadness', 'sadness')
            $expected = @([LightSerNet.Architectures.ArchitectureCatalog]::Get($arch).LabelSets)[0].Names
            @($rows[0].Probabilities.Keys) | Should -Be $expected
        }
        @([LightSerNet.Architectures.ArchitectureCatalog]::Get('light-sernet-lite').LabelSets)[0].Names |
            Should -Be @('anger', 'boredom', 'disgust', 'fear', 'happiness', 'neutral', 'sadness')
    }

    It 'stops with <ErrorId> for <Case>' -ForEach @(
        @{ Case = 'a file that is not a model'; ErrorId = 'ModelCorrupt' }
        @{ Case = 'a model without LightSerNet metadata'; ErrorId = 'ModelMetadataMissing' }
        @{ Case = 'a model whose graph takes another input shape'; ErrorId = 'ModelInputShapeMismatch' }
        @{ Case = 'a model path that does not exist'; ErrorId = 'ModelNotFound' }
    ) {
        $path = Join-Path $TestDrive "$ErrorId.onnx"
        switch ($ErrorId) {
            'ModelCorrupt' { [System.IO.File]::WriteAllBytes($path, [byte[]](1..200)) }
            'ModelMetadataMissing' { $null = Edit-OnnxModel -Path $model -Destination $path -Edit { param($m) $m.MetadataProps.Clear() } }
            'ModelInputShapeMismatch' { $null = Edit-OnnxModel -Path $model -Destination $path -Edit { param($m) $m.Graph.Input[0].Type.TensorType.Shape.Dim[1].DimValue = 100 } }
        }
        $caught = $null
        try { $good[0] | Get-SpeechEmotion -Model $path -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike "$ErrorId*"
        $caught.Exception.Message | Should -BeLike "*$ErrorId.onnx*"
    }

    It 'says how to get a model when the default one is not installed' -Skip:$hasDefaultModel {
        $caught = $null
        try { $good[0] | Get-SpeechEmotion -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ModelNotFound*'
        $caught.Exception.Message | Should -Match 'Export-SerModel'
    }

    It 'labels with the inference-only module and never loads libtorch' -Skip:(-not $onLinux) {
        $outcome = Start-Job -ScriptBlock {
            param($module, $checkpoint, $files, $folder)
            Import-Module $module
            $onnx = Export-SerModel -Checkpoint $checkpoint -Path (Join-Path $folder 'inference-only.onnx') -Force
            $rows = $files | Get-SpeechEmotion -Model $onnx.FullName
            $torch = @(Get-Content /proc/self/maps | Where-Object { $_ -match 'libtorch|TorchSharp' })
            [pscustomobject]@{ Rows = $rows.Count; Emotions = @($rows.Emotion); Torch = $torch.Count; Ort = @(Get-Content /proc/self/maps | Where-Object { $_ -match 'libonnxruntime' }).Count }
        } -ArgumentList $inferencePath, $checkpoint, $good.FullName, "$TestDrive" | Receive-Job -Wait -AutoRemoveJob
        $outcome.Rows | Should -Be 4
        $outcome.Torch | Should -Be 0
        $outcome.Ort | Should -BeGreaterThan 0
    }
}

Describe 'The shipped default model' -Skip:(-not ($hasDefaultModel -and $hasEmoDb)) {
    It 'names the right emotion for at least 98% of EMO-DB, its own training data (labels can never be mixed up)' {
        $emoDb = Get-EmoDbPath
        $truth = @{}
        Import-SerDataset EmoDb $emoDb | ForEach-Object { $truth[$_.Path] = $_.Label }
        $predictions = Get-SpeechEmotion -Path (Join-Path $emoDb 'wav/*.wav')
        $predictions.Count | Should -Be 535
        $right = @($predictions | Where-Object { $_.Emotion -eq $truth[$_.Path] }).Count
        $right / 535 | Should -BeGreaterOrEqual 0.98 -Because "$right of 535 were right"
    }

    It 'ships a float32 file of at most 2 MB and an int8 file that agrees with it' {
        $defaultModel = Join-Path (Get-ModulePath) 'models/light-sernet-emodb.onnx'
        $int8 = Join-Path (Get-ModulePath) 'models/light-sernet-emodb.int8.onnx'
        (Get-Item $defaultModel).Length | Should -BeLessOrEqual 2MB
        $files = Get-ChildItem (Join-Path (Get-EmoDbPath) 'wav/1[56]*.wav')
        $a = $files | Get-SpeechEmotion
        $b = $files | Get-SpeechEmotion -Model $int8
        $same = 0
        for ($i = 0; $i -lt $a.Count; $i++) { if ($a[$i].Emotion -eq $b[$i].Emotion) { $same++ } }
        $same / $a.Count | Should -BeGreaterOrEqual 0.97
    }

    It 'labels the example clips and writes the main job''s CSV' {
        $csv = Join-Path $TestDrive 'emotions.csv'
        & (Join-Path (Get-RepoRoot) 'examples/Get-ExampleEmotions.ps1') -OutputPath $csv | Out-Null
        $rows = Import-Csv $csv
        $rows.Count | Should -Be (Get-ChildItem (Join-Path (Get-RepoRoot) 'examples/audio') -Filter *.wav).Count
        $rows[0].PSObject.Properties.Name | Should -Contain 'neutral'
    }
}
