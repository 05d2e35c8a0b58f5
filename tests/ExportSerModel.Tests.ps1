BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestAudio.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestModels.psm1') -Force
    $hasEmoDb = Test-Path (Join-Path (Get-EmoDbPath) 'wav')
    $hasChecker = Test-OnnxChecker
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestAudio.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestModels.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    $emoDb = Get-EmoDbPath
    $checkpoint = Join-Path $TestDrive 'random.weights'
    New-TestCheckpoint -Path $checkpoint
    $calibration = 1..6 | ForEach-Object {
        New-TestWav -Path (Join-Path $TestDrive "cal$_.wav") -Samples (New-VoiceSamples -Seconds (1 + $_ / 2) -Seed $_)
    }
    $features = $calibration | Get-Mfcc
}

Describe 'Export-SerModel' {
    It 'writes a <_> model that describes itself' -ForEach 'Float32', 'Float16', 'Int8' {
        $path = Join-Path $TestDrive "model-$_.onnx"
        $file = Export-SerModel -Checkpoint $checkpoint -Path $path -Precision $_ -CalibrationData $features
        $file | Should -BeOfType ([System.IO.FileInfo])
        $file.FullName | Should -Be $path
        $model = [LightSerNet.Inference.SerModel]::Load($path)
        $model.Precision | Should -Be $_
        $model.Labels | Should -Be @('anger', 'boredom', 'disgust', 'fear', 'happiness', 'sadness', 'neutral')
        $model.Architecture | Should -Be 'light-sernet'
        $model.Metadata['lightsernet.spec_sha256'] | Should -Match '^[0-9a-f]{64}$'
        $model.FeatureConfig | Should -Be ([LightSerNet.Features.FeatureConfig]::Paper)
        ($model.Training | ConvertFrom-Json).checkpoint | Should -Be 'random.weights'
        [datetime]::Parse($model.Metadata['lightsernet.created_utc']) | Should -BeGreaterThan ([datetime]::UtcNow.AddHours(-1))
        $model.Metadata['lightsernet.tool_version'] | Should -Be '0.1.0'
    }

    It 'gives files the ONNX checker accepts (<_>)' -ForEach 'Float32', 'Float16', 'Int8' -Skip:(-not $hasChecker) {
        $path = Join-Path $TestDrive "checked-$_.onnx"
        $null = Export-SerModel -Checkpoint $checkpoint -Path $path -Precision $_ -CalibrationPath (Join-Path $TestDrive 'cal*.wav')
        Invoke-OnnxChecker $path | Should -Be 'ok'
    }

    It 'halves the file at Float16 and shrinks it at Int8' {
        $sizes = 'Float32', 'Float16', 'Int8' | ForEach-Object { (Get-Item (Join-Path $TestDrive "model-$_.onnx")).Length }
        $sizes[1] / $sizes[0] | Should -BeLessThan 0.55
        $sizes[2] / $sizes[0] | Should -BeLessThan 0.3
    }

    It 'refuses to overwrite without -Force, replaces with -Force, and writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'model-Float32.onnx'
        $before = (Get-Item $path).LastWriteTimeUtc
        { Export-SerModel -Checkpoint $checkpoint -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'ModelExists*'
        (Get-Item $path).LastWriteTimeUtc | Should -Be $before
        Start-Sleep -Milliseconds 20
        Export-SerModel -Checkpoint $checkpoint -Path $path -Force | Should -Not -BeNullOrEmpty
        (Get-Item $path).LastWriteTimeUtc | Should -BeGreaterThan $before
        Export-SerModel -Checkpoint $checkpoint -Path (Join-Path $TestDrive 'whatif.onnx') -WhatIf | Should -BeNullOrEmpty
        Join-Path $TestDrive 'whatif.onnx' | Should -Not -Exist
        Get-ChildItem $TestDrive -Filter '*.tmp' -Force | Should -BeNullOrEmpty
    }

    It 'takes checkpoint files from Get-ChildItem' {
        $file = Get-Item $checkpoint | Export-SerModel -Path (Join-Path $TestDrive 'piped.onnx')
        $file.Name | Should -Be 'piped.onnx'
    }

    It 'says what is wrong: <Case>' -ForEach @(
        @{ Case = 'Int8 without calibration data'; ErrorId = 'CalibrationDataRequired'; Arguments = @{ Precision = 'Int8' } }
        @{ Case = 'calibration features of another shape'; ErrorId = 'CalibrationDataMismatch'; Arguments = @{ Precision = 'Int8'; CalibrationData = 'short' } }
        @{ Case = 'a checkpoint that does not exist'; ErrorId = 'PathNotFound'; Arguments = @{ Checkpoint = 'missing' } }
        @{ Case = 'a file that is not a checkpoint'; ErrorId = 'CheckpointInvalid'; Arguments = @{ Checkpoint = 'text' } }
    ) {
        $text = Join-Path $TestDrive 'not-a-checkpoint.weights'
        Set-Content -LiteralPath $text -Value 'hello'
        $call = @{ Checkpoint = $checkpoint; Path = (Join-Path $TestDrive "never-$ErrorId.onnx") }
        foreach ($key in $Arguments.Keys) { $call[$key] = $Arguments[$key] }
        if ($call.CalibrationData -eq 'short') { $call.CalibrationData = $calibration[0] | Get-Mfcc -Duration 1 }
        if ($call.Checkpoint -eq 'missing') { $call.Checkpoint = Join-Path $TestDrive 'missing.weights' }
        if ($call.Checkpoint -eq 'text') { $call.Checkpoint = $text }
        { Export-SerModel @call -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId*"
        $call.Path | Should -Not -Exist
    }
}

Describe 'Export-SerModel after a tiny EMO-DB training run' -Skip:(-not $hasEmoDb) {
    BeforeAll {
        $run = Join-Path $TestDrive 'tiny'
        $emoFeatures = Import-SerDataset EmoDb $emoDb -Speaker '03' -Emotion anger, sadness, neutral | ConvertTo-Segment | Get-Mfcc
        $result = $emoFeatures | Invoke-SerTraining -Protocol None -Epochs 2 -OutputPath $run -Seed 3
    }

    It 'exports the result at every precision and carries the run''s summary' {
        $files = 'Float32', 'Float16', 'Int8' | ForEach-Object {
            $result | Export-SerModel -Path (Join-Path $TestDrive "emodb-$_.onnx") -Precision $_ -CalibrationData $emoFeatures
        }
        $files.Count | Should -Be 3
        $model = [LightSerNet.Inference.SerModel]::Load($files[0].FullName)
        $summary = $model.Training | ConvertFrom-Json
        $summary.protocol | Should -Be 'None'
        $summary.dataset | Should -Be 'EmoDb'
        $summary.epochs | Should -Be 2
        $summary.PSObject.Properties.Name | Should -Contain 'ua'
        $model.Labels | Should -Be $result.Labels
        # No test fold, so no results entries; what made the model is on record all the same.
        $json = Get-Content (Join-Path $run 'run.json') -Raw | ConvertFrom-Json
        @($json.runs).Count | Should -Be 0
        $json.training.config.Protocol | Should -Be 'None'
        $json.training.config.Seed | Should -Be 3
        $json.training.versions.lightsernet | Should -Not -BeNullOrEmpty
        $json.training.data_hash | Should -Not -BeNullOrEmpty
        $json.training.labels | Should -Be $result.Labels
        $rows = $emoFeatures.Source | Select-Object -First 6 | Get-SpeechEmotion -Model $files[2].FullName
        $rows.Count | Should -Be 6
        $rows.Emotion | ForEach-Object { $_ | Should -BeIn $result.Labels }
    }

    It 'exports the averaged weights of a final model trained with -Selection Average' {
        $averaged = $emoFeatures | Invoke-SerTraining -Protocol None -Selection Average -Epochs 4 -OutputPath (Join-Path $TestDrive 'averaged') -Seed 3
        $averaged.BestCheckpoint | Should -BeLike '*Average.weights'
        $file = $averaged | Export-SerModel -Path (Join-Path $TestDrive 'averaged.onnx')
        $summary = [LightSerNet.Inference.SerModel]::Load($file.FullName).Training | ConvertFrom-Json
        $summary.selection | Should -Be 'Average'
        $summary.averaged_from_epoch | Should -Be 3
        (Get-SpeechEmotion -LiteralPath $emoFeatures[0].Source -Model $file.FullName).Emotion | Should -BeIn $averaged.Labels
    }
}
