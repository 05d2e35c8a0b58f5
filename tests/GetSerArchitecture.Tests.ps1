BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestAudio.psm1') -Force
    Import-Module (Get-ModulePath) -Force
}

Describe 'Get-SerArchitecture' {
    It 'describes the paper''s network: 461,703 parameters and about 159.3 M MACs for 7 classes' {
        $a = Get-SerArchitecture light-sernet
        $a.ParameterCount | Should -Be 461703
        [math]::Round($a.Macs / 1e6, 1) | Should -Be 159.3
        $a.ClassCount | Should -Be 7
        $a.Input.Frames | Should -Be 184
        $a.Input.Coefficients | Should -Be 40
        $a.Input.Kind | Should -Be 'Mfcc'
    }

    It 'lists the layers with their output shapes' {
        $layers = (Get-SerArchitecture light-sernet).Layers
        ($layers | Where-Object Name -EQ 'paths.concat').Channels | Should -Be 96
        $pool = $layers | Where-Object Name -EQ 'lflb4.pool'
        "$($pool.Channels)x$($pool.Height)x$($pool.Width)" | Should -Be '160x6x5'
        ($layers | Out-String) | Should -Match 'lflb5\.conv'
    }

    It 'fixes the label order per corpus in the spec' {
        $labels = (Get-SerArchitecture light-sernet).Labels
        ($labels | Where-Object Corpus -EQ 'EmoDb').Names | Should -Be @('anger', 'boredom', 'disgust', 'fear', 'happiness', 'sadness', 'neutral')
        ($labels | Where-Object Corpus -EQ 'Iemocap').Names | Should -Be @('anger', 'happiness', 'neutral', 'sadness')
        # The generated lists are arrays, so PowerShell indexes them.
        $labels[0].Corpus | Should -Be 'EmoDb'
        (Get-SerArchitecture light-sernet).Layers[0].Name | Should -Be 'temporal.conv'
    }

    It 'recounts for another class count and finds specs by wildcard' {
        (Get-SerArchitecture light-sernet -ClassCount 4).ParameterCount | Should -Be (461703 - 3 * 321)
        (Get-SerArchitecture 'light-sernet*').Name | Should -Be @('light-sernet', 'light-sernet-7s', 'light-sernet-lite', 'light-sernet-mel', 'light-sernet-spectrogram')
        (Get-SerArchitecture '*-mel').Input.Kind | Should -Be 'MelSpectrogram'
        (Get-SerArchitecture light-sernet-lite).ParameterCount | Should -BeLessThan 200000
    }

    It 'names the known architectures when asked for an unknown one' {
        Get-SerArchitecture nope -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'ArchitectureNotFound,*'
        $e[0].Exception.Message | Should -Match 'light-sernet'
    }
}
