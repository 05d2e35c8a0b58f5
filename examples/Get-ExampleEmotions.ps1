<#
.SYNOPSIS
    The main job: labels every WAV file in examples/audio (synthetic speech at 8 to 48 kHz, A-law, float, stereo;
    not EMO-DB) with the module's default model and writes one CSV row per file, one column per emotion.
.EXAMPLE
    dotnet pwsh -NoProfile -File examples/Get-ExampleEmotions.ps1
.EXAMPLE
    dotnet pwsh -NoProfile -File examples/Get-ExampleEmotions.ps1 -Folder D:\calls -OutputPath D:\calls\emotions.csv
#>
param(
    [string] $Folder = (Join-Path $PSScriptRoot 'audio'),
    [string] $OutputPath = (Join-Path $PSScriptRoot '../out/examples/emotions.csv'),
    [string] $Model
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../out/LightSerNet')
New-Item -ItemType Directory -Force -Path (Split-Path $OutputPath) | Out-Null

$arguments = @{}
if ($Model) { $arguments.Model = $Model }
$predictions = Get-ChildItem -LiteralPath $Folder -Filter *.wav | Get-SpeechEmotion @arguments
$predictions | Format-Table
$predictions | Export-Csv -LiteralPath $OutputPath -NoTypeInformation
"$($predictions.Count) files labelled; CSV written to $((Resolve-Path -LiteralPath $OutputPath).ProviderPath)"
