BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestAudio.psm1') -Force
    # Decided at discovery so -Skip sees it; the tests say why they skip.
    $hasEmoDb = Test-Path (Join-Path (Get-EmoDbPath) 'wav')
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestAudio.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    $emoDb = Get-EmoDbPath
    $hasEmoDb = Test-Path (Join-Path $emoDb 'wav')
    $fixtures = Join-Path (Get-SharedPath) 'fixtures/tf-features'
}

Describe 'ConvertTo-Segment on EMO-DB (the paper''s preprocessing)' -Skip:(-not $hasEmoDb) {
    BeforeAll {
        $segments = Import-SerDataset -Name EmoDb -Path $emoDb | ConvertTo-Segment -Duration 3
    }

    It 'gives 535 segments of 48000 samples with the labels and speakers of the corpus' {
        $segments.Count | Should -Be 535
        ($segments | Where-Object { $_.Samples.Length -ne 48000 }) | Should -BeNullOrEmpty
        ($segments.Speaker | Sort-Object -Unique).Count | Should -Be 10
        ($segments | Where-Object Label -EQ 'anger').Count | Should -Be 127
        ($segments | Where-Object Label -EQ 'disgust').Count | Should -Be 46
    }

    It 'matches the reference''s segment of <Name> within 1e-5' -ForEach @(
        @{ Name = '03a01Fa' }, @{ Name = '16b10Wb' }, @{ Name = '14a07Aa' }
    ) {
        $golden = Get-Content (Join-Path $fixtures "$Name.json") -Raw | ConvertFrom-Json
        $segment = $segments | Where-Object { [System.IO.Path]::GetFileNameWithoutExtension($_.Source) -eq $Name }
        $segment.Samples.Length | Should -Be $golden.segment_length
        for ($i = 0; $i -lt $golden.segment_first_samples.Count; $i++) {
            [math]::Abs($segment.Samples[$i] - $golden.segment_first_samples[$i]) | Should -BeLessThan 1e-5
        }
        $sum = 0.0; foreach ($x in $segment.Samples) { $sum += [math]::Abs([double]$x) }
        [math]::Abs($sum - $golden.segment_sum_abs) | Should -BeLessThan 1e-5
    }

    It 'takes files from Get-ChildItem by property name' {
        $count = Get-ChildItem (Join-Path $emoDb 'wav') -Filter '03a0*.wav' | ConvertTo-Segment -Duration 3 | Measure-Object
        $count.Count | Should -Be (Get-ChildItem (Join-Path $emoDb 'wav') -Filter '03a0*.wav').Count
    }

    It 'expands wildcards in -Path' {
        (ConvertTo-Segment -Path (Join-Path $emoDb 'wav/16b10*.wav')).Count | Should -Be (Get-ChildItem (Join-Path $emoDb 'wav/16b10*.wav')).Count
    }
}

Describe 'ConvertTo-Segment on files a user has' {
    BeforeAll {
        $folder = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'mixed bag')
        $sine44 = New-Sine -SampleRate 44100 -Seconds 1.5 -Frequency 440
        $sine48 = New-Sine -SampleRate 48000 -Seconds 2 -Frequency 1000
        $sine16 = New-Sine -SampleRate 16000 -Seconds 1 -Frequency 300
        $list = [byte[]][System.Text.Encoding]::ASCII.GetBytes('INFOICMT' + [char]13 + [char]0 + [char]0 + [char]0 + 'data is here ')
        New-TestWav -Path (Join-Path $folder 'stereo 8-bit 44k.wav') -Samples $sine44 -SampleRate 44100 -Channels 2 -Bits 8 | Out-Null
        New-TestWav -Path (Join-Path $folder '24-bit 48k.wav') -Samples $sine48 -SampleRate 48000 -Bits 24 | Out-Null
        New-TestWav -Path (Join-Path $folder 'extensible float.wav') -Samples $sine16 -Encoding Float -Bits 32 -Extensible | Out-Null
        New-TestWav -Path (Join-Path $folder 'list with data.wav') -Samples $sine16 -ChunksBeforeData @(@{ Id = 'LIST'; Body = $list }) | Out-Null
        New-TestWav -Path (Join-Path $folder 'a-law.wav') -Samples $sine16 -Encoding ALaw -Bits 8 | Out-Null
        $good = New-TestWav -Path (Join-Path $TestDrive 'good.wav') -Samples $sine16
        $bytes = [System.IO.File]::ReadAllBytes($good.FullName)
        [System.IO.File]::WriteAllBytes((Join-Path $folder 'truncated.wav'), $bytes[0..($bytes.Length / 2)])
        [System.IO.File]::WriteAllBytes((Join-Path $folder 'zero bytes.wav'), [byte[]]@())
        Set-Content -LiteralPath (Join-Path $folder 'notes.wav') -Value 'This is a text file.'
        $mp3 = $bytes.Clone(); $mp3[20] = 0x55
        [System.IO.File]::WriteAllBytes((Join-Path $folder 'mp3 inside.wav'), $mp3)
    }

    It 'segments the good files, gives one error per bad file naming it, and completes' {
        $segments = Get-ChildItem -LiteralPath $folder -Filter *.wav | ConvertTo-Segment -Duration 3 -ErrorVariable problems -ErrorAction SilentlyContinue
        ($segments.Source | ForEach-Object { Split-Path $_ -Leaf } | Sort-Object) |
            Should -Be @('24-bit 48k.wav', 'a-law.wav', 'extensible float.wav', 'list with data.wav', 'stereo 8-bit 44k.wav')
        $segments | ForEach-Object { $_.Samples.Length | Should -Be 48000; $_.SampleRate | Should -Be 16000 }
        $problems.Count | Should -Be 4
        $byFile = @{}
        foreach ($p in $problems) { $byFile[(Split-Path $p.TargetObject -Leaf)] = $p }
        $byFile['truncated.wav'].FullyQualifiedErrorId | Should -BeLike 'WaveTruncated,*'
        $byFile['zero bytes.wav'].FullyQualifiedErrorId | Should -BeLike 'WaveEmpty,*'
        $byFile['notes.wav'].FullyQualifiedErrorId | Should -BeLike 'WaveNotWave,*'
        $byFile['mp3 inside.wav'].FullyQualifiedErrorId | Should -BeLike 'WaveUnsupportedEncoding,*'
        foreach ($name in $byFile.Keys) {
            $byFile[$name].Exception.Message | Should -Match ([regex]::Escape($name))
            $byFile[$name].CategoryInfo.Category | Should -Be 'InvalidData'
        }
    }

    It 'resamples 44.1 kHz stereo 8-bit and 48 kHz 24-bit audio to a clean 16 kHz sine' {
        foreach ($case in @(@{ File = 'stereo 8-bit 44k.wav'; Hz = 440; Seconds = 1.5 }, @{ File = '24-bit 48k.wav'; Hz = 1000; Seconds = 2 })) {
            $segment = ConvertTo-Segment -LiteralPath (Join-Path $folder $case.File)
            $n = [int](16000 * $case.Seconds); $front = [int][math]::Floor((48000 - $n) / 2)
            # Project onto the expected sine over the middle of the clip: a resampled sine keeps its frequency.
            $c = 0.0; $s = 0.0; $energy = 0.0
            for ($i = 4000; $i -lt $n - 4000; $i++) {
                $x = $segment.Samples[$front + $i]
                $c += $x * [math]::Cos(2 * [math]::PI * $case.Hz * $i / 16000)
                $s += $x * [math]::Sin(2 * [math]::PI * $case.Hz * $i / 16000)
                $energy += $x * $x
            }
            $m = $n - 8000
            $fitted = ($c * $c + $s * $s) * 2 / $m
            ($fitted / $energy) | Should -BeGreaterThan 0.99 -Because "$($case.File) should stay a pure $($case.Hz) Hz tone"
        }
    }

    It 'reads paths with spaces and brackets literally, and expands wildcards with -Path' {
        $odd = Copy-Item -LiteralPath (Join-Path $folder 'a-law.wav') -Destination (Join-Path $TestDrive 'take [1].wav') -PassThru
        (ConvertTo-Segment -LiteralPath $odd.FullName).Count | Should -Be 1
        (ConvertTo-Segment -Path (Join-Path $folder '*float.wav')).Count | Should -Be 1
        (Join-Path $folder 'list with data.wav') | ConvertTo-Segment | Should -HaveCount 1
    }

    It 'reports a missing file and a folder given as a file' {
        ConvertTo-Segment -LiteralPath (Join-Path $TestDrive 'missing.wav') -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
        ConvertTo-Segment -LiteralPath $folder -ErrorVariable f -ErrorAction SilentlyContinue
        $f[0].FullyQualifiedErrorId | Should -BeLike 'PathIsFolder,*'
    }

    It 'cuts Split and Sliding segments with their source times' {
        $long = New-TestWav -Path (Join-Path $TestDrive 'long.wav') -Samples (New-Sine -SampleRate 16000 -Seconds 7.5)
        $split = ConvertTo-Segment -LiteralPath $long.FullName -Duration 3 -Mode Split
        $split.Index | Should -Be @(0, 1)
        $split.Start | Should -Be @(0.75, 3.75)
        $sliding = ConvertTo-Segment -LiteralPath $long.FullName -Duration 3 -Mode Sliding -Hop 2
        $sliding.Start | Should -Be @(0, 2, 4, 6)
        $sliding[-1].End | Should -Be 7.5
        $sliding | ForEach-Object { $_.Samples.Length | Should -Be 48000 }
    }

    It 'rejects a bad duration before any work' {
        { ConvertTo-Segment -LiteralPath (Join-Path $folder 'a-law.wav') -Duration 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}
