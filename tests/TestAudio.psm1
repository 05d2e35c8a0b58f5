# Helpers for the Pester tests: locate the module and ../shared, and write WAV files byte by byte (good and
# deliberately broken ones) so each test states exactly what it feeds the module.

function Get-RepoRoot { Split-Path $PSScriptRoot }

function Get-ModulePath {
    if ($env:LIGHTSERNET_MODULE) { return $env:LIGHTSERNET_MODULE }
    Join-Path (Get-RepoRoot) 'out/LightSerNet'
}

function Get-SharedPath {
    if ($env:LIGHTSERNET_SHARED) { return $env:LIGHTSERNET_SHARED }
    Join-Path (Split-Path (Get-RepoRoot)) 'shared'
}

function Get-EmoDbPath {
    if ($env:LIGHTSERNET_EMODB) { return $env:LIGHTSERNET_EMODB }
    Join-Path (Get-SharedPath) 'data/emodb'
}

function New-Sine {
    param([int] $SampleRate, [double] $Seconds, [double] $Frequency = 440, [double] $Amplitude = 0.5)
    $n = [int][math]::Round($SampleRate * $Seconds)
    $samples = [double[]]::new($n)
    for ($i = 0; $i -lt $n; $i++) { $samples[$i] = $Amplitude * [math]::Sin(2 * [math]::PI * $Frequency * $i / $SampleRate) }
    , $samples
}

function ConvertTo-SampleBytes {
    param([double[]] $Samples, [int] $Channels, [string] $Encoding, [int] $Bits)
    $stream = [System.IO.MemoryStream]::new()
    $w = [System.IO.BinaryWriter]::new($stream)
    foreach ($s in $Samples) {
        for ($c = 0; $c -lt $Channels; $c++) {
            switch ("$Encoding$Bits") {
                'Pcm8' { $w.Write([byte]([math]::Round($s * 127) + 128)) }
                'Pcm16' { $w.Write([int16][math]::Round($s * 32767)) }
                'Pcm24' {
                    $v = [int][math]::Round($s * 8388607)
                    $w.Write([byte]($v -band 0xFF)); $w.Write([byte](($v -shr 8) -band 0xFF)); $w.Write([byte](($v -shr 16) -band 0xFF))
                }
                'Pcm32' { $w.Write([int][math]::Round($s * 2147483647)) }
                'Float32' { $w.Write([single]$s) }
                'Float64' { $w.Write([double]$s) }
                'ALaw8' { $w.Write([byte]0xD5) }
                default { throw "Unsupported test encoding $Encoding$Bits" }
            }
        }
    }
    $w.Flush()
    , $stream.ToArray()
}

function New-TestWav {
    <#
    .SYNOPSIS
        Writes a WAV file. -Encoding Pcm/Float/ALaw, -Bits, -Channels, -Extensible wraps the format in
        WAVE_FORMAT_EXTENSIBLE, -ChunksBeforeData adds raw chunks (hashtables @{ Id = 'LIST'; Body = [byte[]] }).
    #>
    param(
        [Parameter(Mandatory)] [string] $Path,
        [double[]] $Samples = (New-Sine -SampleRate 16000 -Seconds 1),
        [int] $SampleRate = 16000,
        [int] $Channels = 1,
        [ValidateSet('Pcm', 'Float', 'ALaw')] [string] $Encoding = 'Pcm',
        [int] $Bits = 16,
        [switch] $Extensible,
        [hashtable[]] $ChunksBeforeData = @(),
        [Nullable[uint32]] $DataSizeOverride
    )
    $data = ConvertTo-SampleBytes -Samples $Samples -Channels $Channels -Encoding $Encoding -Bits $Bits
    $tag = @{ Pcm = 1; Float = 3; ALaw = 6 }[$Encoding]
    $blockAlign = $Channels * $Bits / 8
    $fmt = [System.IO.MemoryStream]::new()
    $f = [System.IO.BinaryWriter]::new($fmt)
    $f.Write([uint16]$(if ($Extensible) { 0xFFFE } else { $tag }))
    $f.Write([uint16]$Channels); $f.Write([uint32]$SampleRate); $f.Write([uint32]($SampleRate * $blockAlign))
    $f.Write([uint16]$blockAlign); $f.Write([uint16]$Bits)
    if ($Extensible) {
        $f.Write([uint16]22); $f.Write([uint16]$Bits); $f.Write([uint32]0)
        $f.Write([byte[]](([System.Guid]::new("{0:X8}-0000-0010-8000-00aa00389b71" -f $tag)).ToByteArray()))
    }
    $f.Flush()
    $chunks = @(@{ Id = 'fmt '; Body = $fmt.ToArray() }) + $ChunksBeforeData + @(@{ Id = 'data'; Body = $data; Size = $DataSizeOverride })
    $body = [System.IO.MemoryStream]::new()
    $b = [System.IO.BinaryWriter]::new($body)
    $b.Write([System.Text.Encoding]::ASCII.GetBytes('WAVE'))
    foreach ($chunk in $chunks) {
        $b.Write([System.Text.Encoding]::ASCII.GetBytes($chunk.Id))
        $b.Write([uint32]$(if ($null -ne $chunk.Size) { $chunk.Size } else { $chunk.Body.Length }))
        $b.Write([byte[]]$chunk.Body)
        if ($chunk.Body.Length % 2) { $b.Write([byte]0) }
    }
    $b.Flush()
    $file = [System.IO.MemoryStream]::new()
    $r = [System.IO.BinaryWriter]::new($file)
    $r.Write([System.Text.Encoding]::ASCII.GetBytes('RIFF')); $r.Write([uint32]$body.Length); $r.Write($body.ToArray())
    $r.Flush()
    [System.IO.File]::WriteAllBytes($Path, $file.ToArray())
    Get-Item -LiteralPath $Path
}

function New-TestIemocap {
    <#
    .SYNOPSIS
        Writes a miniature IEMOCAP_full_release tree in the real layout (EmoEvaluation label files, sentences/wav) with
        five utterances of Session1: neu, fru (not one of the 4 classes), exc (counted as happiness), ang, hap.
        Returns the root folder.
    #>
    param(
        [Parameter(Mandatory)] [string] $Root,
        [double[]] $Samples = (New-Sine -SampleRate 16000 -Seconds 0.2)
    )
    $lines = @{
        'Ses01F_impro01' = @("[6.2901 - 8.2357]`tSes01F_impro01_F000`tneu`t[2.5000, 2.5000, 2.5000]",
            "[10.01 - 11.3925]`tSes01F_impro01_M001`tfru`t[2.5000, 3.5000, 3.0000]",
            "[14.8872 - 18.0175]`tSes01F_impro01_M002`texc`t[3.0000, 3.5000, 3.5000]")
        'Ses01F_script01_1' = @("[1.0 - 2.0]`tSes01F_script01_1_F003`tang`t[2.0, 4.0, 4.0]",
            "[3.0 - 4.0]`tSes01F_script01_1_M004`thap`t[4.0, 3.0, 3.0]")
    }
    foreach ($dialog in $lines.Keys) {
        $eval = New-Item -ItemType Directory -Force (Join-Path $Root "Session1/dialog/EmoEvaluation")
        Set-Content -LiteralPath (Join-Path $eval "$dialog.txt") -Value (@('% header line', '') + $lines[$dialog])
        $wav = New-Item -ItemType Directory -Force (Join-Path $Root "Session1/sentences/wav/$dialog")
        foreach ($line in $lines[$dialog]) {
            $utterance = ($line -split "`t")[1]
            New-TestWav -Path (Join-Path $wav "$utterance.wav") -Samples $Samples | Out-Null
        }
    }
    $Root
}

Export-ModuleMember -Function Get-RepoRoot, Get-ModulePath, Get-SharedPath, Get-EmoDbPath, New-Sine, New-TestWav, New-TestIemocap
