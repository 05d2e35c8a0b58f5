BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestAudio.psm1') -Force
    # Decided at discovery so -Skip sees it; the tests say why they skip.
    $hasEmoDb = Test-Path (Join-Path (Get-EmoDbPath) 'wav')
    $hasFixtures = Test-Path (Join-Path (Get-SharedPath) 'fixtures/tf-features/03a01Fa.json')
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestAudio.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    $emoDb = Get-EmoDbPath
    $fixtures = Join-Path (Get-SharedPath) 'fixtures/tf-features'

    # Largest |ours - tf| over the whole frames x coefficients matrix of a fixture.
    function Get-WorstMfccDifference($Features, [string] $Name) {
        $golden = (Get-Content (Join-Path $fixtures "$Name.json") -Raw | ConvertFrom-Json).mfcc
        $Features.Frames | Should -Be $golden.Count
        $Features.Coefficients | Should -Be $golden[0].Count
        $worst = 0.0
        for ($r = 0; $r -lt $golden.Count; $r++) {
            $row = $golden[$r]
            for ($c = 0; $c -lt $row.Count; $c++) {
                $d = [math]::Abs($Features.Data[$r * $row.Count + $c] - $row[$c])
                if ($d -gt $worst) { $worst = $d }
            }
        }
        $worst
    }
}

Describe 'Get-Mfcc on EMO-DB (the paper''s input)' -Skip:(-not ($hasEmoDb -and $hasFixtures)) {
    It 'gives tf.signal''s 184 x 40 MFCC matrix for 03a01Fa.wav within 1e-3' {
        $features = Get-Mfcc -Path (Join-Path $emoDb 'wav/03a01Fa.wav')
        $features | Should -HaveCount 1
        $features.Kind | Should -Be 'Mfcc'
        $features.Data.Length | Should -Be (184 * 40)
        Get-WorstMfccDifference $features '03a01Fa' | Should -BeLessThan 1e-3
    }

    It 'runs the corpus pipeline Import-SerDataset | ConvertTo-Segment | Get-Mfcc, keeping labels and speakers' {
        $features = Import-SerDataset -Name EmoDb -Path $emoDb -Speaker '03', '16' | ConvertTo-Segment -Duration 3 | Get-Mfcc
        $expected = Get-ChildItem (Join-Path $emoDb 'wav') -Filter *.wav | Where-Object { $_.Name -match '^(03|16)' }
        $features.Count | Should -Be $expected.Count
        ($features.Speaker | Sort-Object -Unique) | Should -Be @('03', '16')
        ($features | Where-Object { -not $_.Label }) | Should -BeNullOrEmpty
        ($features | Where-Object { $_.Frames -ne 184 -or $_.Coefficients -ne 40 }) | Should -BeNullOrEmpty
        foreach ($name in '03a01Fa', '16b10Wb') {
            $one = $features | Where-Object { [System.IO.Path]::GetFileNameWithoutExtension($_.Source) -eq $name }
            $one.Label | Should -Be $(if ($name -eq '03a01Fa') { 'happiness' } else { 'anger' })
            Get-WorstMfccDifference $one $name | Should -BeLessThan 1e-3
        }
    }

    It 'takes SerAudio objects directly and cuts them itself' {
        $features = Import-SerDataset -Name EmoDb -Path $emoDb -Speaker '14' | Where-Object Id -EQ '14a07Aa' | Get-Mfcc
        $features.Label | Should -Be 'fear'
        Get-WorstMfccDifference $features '14a07Aa' | Should -BeLessThan 1e-3
    }

    It 'takes files from Get-ChildItem by property name' {
        $files = Get-ChildItem (Join-Path $emoDb 'wav') -Filter '03a0*.wav'
        $features = $files | Get-Mfcc -Kind MelSpectrogram
        $features.Count | Should -Be $files.Count
        $features | ForEach-Object { $_.Frames | Should -Be 184; $_.Coefficients | Should -Be 128 }
    }
}

Describe 'Get-Mfcc on files a user has' {
    BeforeAll {
        $folder = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'calls')
        $short = New-TestWav -Path (Join-Path $folder 'tone 3s.wav') -Samples (New-Sine -SampleRate 16000 -Seconds 3 -Frequency 440)
        $long = New-TestWav -Path (Join-Path $folder 'tone 7s 44k.wav') -Samples (New-Sine -SampleRate 44100 -Seconds 7 -Frequency 1000) -SampleRate 44100
        Set-Content -LiteralPath (Join-Path $folder 'notes.wav') -Value 'This is a text file.'
    }

    It 'gives 184 x 513 spectrograms, 184 x 128 log-mel spectrograms and 184 x 40 MFCCs for 3 s' {
        foreach ($case in @(@{ Kind = 'Spectrogram'; Width = 513 }, @{ Kind = 'MelSpectrogram'; Width = 128 }, @{ Kind = 'Mfcc'; Width = 40 })) {
            $features = Get-Mfcc -LiteralPath $short.FullName -Kind $case.Kind
            $features.Kind | Should -Be $case.Kind
            $features.Frames | Should -Be 184
            $features.Coefficients | Should -Be $case.Width
            $features.Data.Length | Should -Be (184 * $case.Width)
        }
    }

    It 'gives 434 frames for a 7 s segment, from 44.1 kHz audio' {
        $features = Get-Mfcc -LiteralPath $long.FullName -Duration 7
        $features.Frames | Should -Be 434
        $features.Config.SampleRate | Should -Be 16000
    }

    It 'takes segments from ConvertTo-Segment as they are' {
        $features = ConvertTo-Segment -LiteralPath $long.FullName -Duration 3 -Mode Split | Get-Mfcc
        $features.Index | Should -Be @(0, 1)
        $features | ForEach-Object { $_.Frames | Should -Be 184 }
    }

    It 'carries its settings, which round-trip through JSON' {
        $features = Get-Mfcc -LiteralPath $short.FullName -MelBins 64 -Coefficients 20 -UpperHz 8000
        $features.Coefficients | Should -Be 20
        $json = $features.Config.ToJson()
        $json | Should -Match '"melBins":64'
        [LightSerNet.Features.FeatureConfig]::FromJson($json) | Should -Be $features.Config
    }

    It 'rejects <Case> before reading any input, with error id <ErrorId>' -ForEach @(
        @{ Case = 'an upper edge above Nyquist'; Arguments = @{ UpperHz = 9000 }; ErrorId = 'InvalidFeatureConfig'; Parameter = 'UpperHz' }
        @{ Case = 'a lower edge at the upper one'; Arguments = @{ LowerHz = 7600; UpperHz = 7600 }; ErrorId = 'InvalidFeatureConfig'; Parameter = 'LowerHz' }
        @{ Case = 'a frame longer than the segment'; Arguments = @{ FrameLength = 60000; FftLength = 65536 }; ErrorId = 'InvalidFeatureConfig'; Parameter = 'FrameLength' }
        @{ Case = 'an FFT shorter than the frame'; Arguments = @{ FftLength = 512 }; ErrorId = 'InvalidFeatureConfig'; Parameter = 'FftLength' }
        @{ Case = 'an FFT length that is not a power of two'; Arguments = @{ FftLength = 1000 }; ErrorId = 'InvalidFeatureConfig'; Parameter = 'FftLength' }
        @{ Case = 'more coefficients than mel bins'; Arguments = @{ MelBins = 32; Coefficients = 40 }; ErrorId = 'InvalidFeatureConfig'; Parameter = 'Coefficients' }
        @{ Case = 'zero mel bins'; Arguments = @{ MelBins = 0 }; ErrorId = 'ParameterArgumentValidationError'; Parameter = 'MelBins' }
    ) {
        # A missing file would give PathNotFound if any input were read: only the settings error may appear.
        $missing = Join-Path $TestDrive 'missing.wav'
        $failure = { Get-Mfcc -LiteralPath $missing @Arguments -ErrorAction SilentlyContinue } | Should -Throw -ErrorId "$ErrorId,*" -PassThru
        $failure.Exception.Message | Should -Match $Parameter
        if ($ErrorId -eq 'InvalidFeatureConfig') { $failure.CategoryInfo.Category | Should -Be 'InvalidArgument' }
    }

    It 'checks the settings before the pipeline delivers anything' {
        $script:delivered = 0
        { Get-ChildItem -LiteralPath $folder -Filter '*.wav' | ForEach-Object { $script:delivered++; $_ } | Get-Mfcc -UpperHz 9000 } |
            Should -Throw -ErrorId 'InvalidFeatureConfig,*'
        $script:delivered | Should -Be 0
    }

    It 'gives one error for a bad file, naming it, and goes on with the rest' {
        $features = Get-ChildItem -LiteralPath $folder -Filter '*.wav' | Sort-Object Name | Get-Mfcc -ErrorVariable problems -ErrorAction SilentlyContinue
        ($features.Source | ForEach-Object { Split-Path $_ -Leaf } | Sort-Object) | Should -Be @('tone 3s.wav', 'tone 7s 44k.wav')
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'WaveNotWave,*'
        $problems[0].Exception.Message | Should -Match 'notes\.wav'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'reports a segment at another rate and goes on' {
        $segment = ConvertTo-Segment -LiteralPath $short.FullName
        $other = $segment | Select-Object -Property * | ForEach-Object {
            [LightSerNet.Audio.SerSegment]::new($_.Source, $_.Dataset, $_.Label, $_.Speaker, $_.Index, $_.Start, $_.End, 8000, $_.Samples)
        }
        $features = @($other, $segment) | Get-Mfcc -ErrorVariable problems -ErrorAction SilentlyContinue
        $features | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SegmentDoesNotFit,*'
        $problems[0].Exception.Message | Should -Match '8000 Hz'
    }

    It 'prints a table under 80 columns and keeps Data out of the list view' {
        $features = Get-Mfcc -LiteralPath $short.FullName
        $table = $features | Format-Table | Out-String -Width 200
        $table | Should -Match 'tone 3s\.wav\s+Mfcc\s+184\s+40'
        ($table -split "`n" | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessThan 80
        ($features | Format-List | Out-String) | Should -Not -Match 'Data\s*:'
    }
}

Describe 'Get-Mfcc help' {
    BeforeAll { $command = Get-Command Get-Mfcc; $help = Get-Help Get-Mfcc -Full }

    It 'is exported, declares SerFeatures output and has a synopsis, description and examples' {
        $command.OutputType.Type.Name | Should -Contain 'SerFeatures'
        $help.Synopsis | Should -Not -Match '^\s*Get-Mfcc'
        ($help.description | Out-String) | Should -Match 'tf\.signal'
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
    }

    It 'describes every parameter' {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($parameter in $command.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $entry = $help.parameters.parameter | Where-Object name -EQ $parameter
            ($entry.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter needs help"
        }
    }

    It 'is listed in about_LightSerNet' {
        (Get-Help about_LightSerNet | Out-String) | Should -Match 'Get-Mfcc'
    }
}
