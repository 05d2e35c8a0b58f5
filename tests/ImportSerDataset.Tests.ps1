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
    $tone = New-Sine -SampleRate 16000 -Seconds 0.2
}

Describe 'Import-SerDataset -Name EmoDb' {
    BeforeAll {
        if ($hasEmoDb) { $audio = Import-SerDataset -Name EmoDb -Path $emoDb }
    }

    It 'lists all 535 utterances with the README''s label counts' -Skip:(-not $hasEmoDb) {
        $audio.Count | Should -Be 535
        $counts = @{}; $audio | Group-Object Label | ForEach-Object { $counts[$_.Name] = $_.Count }
        $counts | Should -BeOfType [hashtable]
        $counts.anger | Should -Be 127; $counts.boredom | Should -Be 81; $counts.disgust | Should -Be 46
        $counts.fear | Should -Be 69; $counts.happiness | Should -Be 71; $counts.sadness | Should -Be 62
        $counts.neutral | Should -Be 79
    }

    It 'knows the 10 speakers, their gender and the headers' -Skip:(-not $hasEmoDb) {
        ($audio.Speaker | Sort-Object -Unique) | Should -Be @('03', '08', '09', '10', '11', '12', '13', '14', '15', '16')
        ($audio | Where-Object Speaker -EQ '03')[0].Gender | Should -Be 'male'
        ($audio | Where-Object Speaker -EQ '16')[0].Gender | Should -Be 'female'
        ($audio | Where-Object SampleRate -NE 16000) | Should -BeNullOrEmpty
        [math]::Round(($audio | Measure-Object Duration -Sum).Sum, 1) | Should -Be 1487.1
        $first = $audio | Where-Object Id -EQ '03a01Fa'
        $first.Label | Should -Be 'happiness'
        $first.Dataset | Should -Be 'EmoDb'
        $first.Channels | Should -Be 1
    }

    It 'filters by emotion (synonyms and wildcards) and speaker' -Skip:(-not $hasEmoDb) {
        (Import-SerDataset EmoDb $emoDb -Emotion angry).Count | Should -Be 127
        (Import-SerDataset EmoDb $emoDb -Emotion anger, sad*).Count | Should -Be (127 + 62)
        (Import-SerDataset EmoDb $emoDb -Speaker '03', '1[56]').Count | Should -Be (49 + 56 + 71)
    }

    It 'accepts the wav folder itself and -LiteralPath' -Skip:(-not $hasEmoDb) {
        (Import-SerDataset -Name EmoDb -LiteralPath (Join-Path $emoDb 'wav')).Count | Should -Be 535
    }

    It 'prints as a table with the label column' -Skip:(-not $hasEmoDb) {
        ($audio | Select-Object -First 2 | Out-String) | Should -Match 'happiness'
    }
}

Describe 'Import-SerDataset on miniature corpora in their real layouts' {
    It 'reads IEMOCAP: labels from EmoEvaluation, happy + excited merged, speaker = session + sex, -AudioType' {
        $root = New-TestIemocap -Root (Join-Path $TestDrive 'IEMOCAP_full_release') -Samples $tone
        $all = Import-SerDataset -Name Iemocap -Path $root
        $all.Id | Should -Be @('Ses01F_impro01_F000', 'Ses01F_impro01_M002', 'Ses01F_script01_1_F003', 'Ses01F_script01_1_M004')
        $all.Label | Should -Be @('neutral', 'happiness', 'anger', 'happiness')
        $all.Speaker | Should -Be @('Ses01F', 'Ses01M', 'Ses01F', 'Ses01M')
        $all.Gender | Should -Be @('female', 'male', 'female', 'male')
        (Import-SerDataset -Name Iemocap -Path $root -AudioType Impro).Count | Should -Be 2
        (Import-SerDataset -Name Iemocap -Path $root -AudioType Script).Id | Should -Be @('Ses01F_script01_1_F003', 'Ses01F_script01_1_M004')
    }

    It 'reads RAVDESS: emotion code, actor and gender from the name' {
        $actor = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'ravdess/Actor_01')
        $actor2 = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'ravdess/Actor_12')
        New-TestWav -Path (Join-Path $actor '03-01-05-01-02-01-01.wav') -Samples $tone | Out-Null
        New-TestWav -Path (Join-Path $actor2 '03-01-02-02-01-02-12.wav') -Samples $tone | Out-Null
        $audio = Import-SerDataset -Name Ravdess -Path (Join-Path $TestDrive 'ravdess')
        $audio.Label | Should -Be @('anger', 'calm')
        $audio.Speaker | Should -Be @('01', '12')
        $audio.Gender | Should -Be @('male', 'female')
    }

    It 'reads CREMA-D with genders from VideoDemographics.csv' {
        $root = Join-Path $TestDrive 'cremad'
        $wav = New-Item -ItemType Directory -Force (Join-Path $root 'AudioWAV')
        New-TestWav -Path (Join-Path $wav '1001_DFA_ANG_XX.wav') -Samples $tone | Out-Null
        New-TestWav -Path (Join-Path $wav '1002_IEO_HAP_HI.wav') -Samples $tone | Out-Null
        Set-Content (Join-Path $root 'VideoDemographics.csv') -Value @('ActorID,Age,Sex,Race,Ethnicity', '1001,51,Male,Caucasian,Not Hispanic', '1002,21,Female,Caucasian,Not Hispanic')
        $audio = Import-SerDataset -Name CremaD -Path $root
        $audio.Label | Should -Be @('anger', 'happiness')
        $audio.Speaker | Should -Be @('1001', '1002')
        $audio.Gender | Should -Be @('male', 'female')
    }

    It 'reads TESS: pleasant surprise is surprise' {
        $root = Join-Path $TestDrive 'tess'
        $a = New-Item -ItemType Directory -Force (Join-Path $root 'OAF_angry')
        $b = New-Item -ItemType Directory -Force (Join-Path $root 'YAF_pleasant_surprised')
        New-TestWav -Path (Join-Path $a 'OAF_back_angry.wav') -Samples $tone | Out-Null
        New-TestWav -Path (Join-Path $b 'YAF_chair_ps.wav') -Samples $tone | Out-Null
        $audio = Import-SerDataset -Name Tess -Path $root
        $audio.Label | Should -Be @('anger', 'surprise')
        $audio.Speaker | Should -Be @('OAF', 'YAF')
    }

    It 'reads a folder per label and a CSV manifest with relative paths' {
        $root = Join-Path $TestDrive 'labelled'
        foreach ($label in 'Happy', 'calm') {
            $dir = New-Item -ItemType Directory -Force (Join-Path $root $label)
            New-TestWav -Path (Join-Path $dir "$label one.wav") -Samples $tone | Out-Null
        }
        (Import-SerDataset -Name Folder -Path $root).Label | Should -Be @('happiness', 'calm')
        $csv = Join-Path $root 'manifest.csv'
        Set-Content $csv -Value @('path,label,speaker', '"Happy/Happy one.wav",joy,s1', 'calm/calm one.wav,calm,')
        $audio = Import-SerDataset -Name Csv -Path $csv
        $audio.Label | Should -Be @('happiness', 'calm')
        $audio.Speaker[0] | Should -Be 's1'
        $audio[1].Speaker | Should -BeNullOrEmpty
    }

    It 'reports a file whose name breaks the scheme, a bad file, and goes on' {
        $root = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'emo-mixed')
        New-TestWav -Path (Join-Path $root '03a01Fa.wav') -Samples $tone | Out-Null
        New-TestWav -Path (Join-Path $root 'holiday.wav') -Samples $tone | Out-Null
        Set-Content -LiteralPath (Join-Path $root '03a01Wa.wav') -Value 'not audio'
        $audio = Import-SerDataset -Name EmoDb -Path $root -ErrorVariable problems -ErrorAction SilentlyContinue
        $audio.Id | Should -Be @('03a01Fa')
        $problems.Count | Should -Be 2
        $ids = $problems.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Sort-Object
        $ids | Should -Be @('CorpusFileNotRecognised', 'WaveNotWave')
        ($problems | Where-Object { $_.FullyQualifiedErrorId -like 'WaveNotWave*' }).Exception.Message | Should -Match '03a01Wa\.wav'
    }

    It 'stops with CorpusNotFound when the folder is not that corpus' {
        $empty = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'empty')
        { Import-SerDataset -Name Iemocap -Path $empty -ErrorAction Stop } | Should -Throw -ErrorId 'CorpusNotFound*'
        { Import-SerDataset -Name EmoDb -Path (Join-Path $TestDrive 'no such folder') -ErrorAction Stop } | Should -Throw -ErrorId 'PathNotFound*'
    }
}
