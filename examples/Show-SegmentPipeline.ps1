<#
.SYNOPSIS
    The pipeline as far as it goes today: import EMO-DB, cut the paper's 3 s segments, and cut the clips in
    examples/audio (any rate, A-law, float, stereo) into sliding windows; write both summaries as CSV.
.EXAMPLE
    dotnet pwsh -NoProfile -File examples/Show-SegmentPipeline.ps1
#>
param(
    [string] $EmoDb = $(if ($env:LIGHTSERNET_EMODB) { $env:LIGHTSERNET_EMODB } else { Join-Path $PSScriptRoot '../../shared/data/emodb' }),
    [string] $OutputFolder = (Join-Path $PSScriptRoot '../out/examples')
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../out/LightSerNet')
New-Item -ItemType Directory -Force -Path $OutputFolder | Out-Null

# Every clip of examples/audio, whatever its format, as 3 s windows 1.5 s apart.
$windows = Get-ChildItem (Join-Path $PSScriptRoot 'audio') -Filter *.wav | ConvertTo-Segment -Duration 3 -Mode Sliding -Hop 1.5
$windows | Format-Table
$windows | Select-Object @{ n = 'File'; e = { Split-Path $_.Source -Leaf } }, Index, Start, End,
    @{ n = 'Rms'; e = { [math]::Round([math]::Sqrt(($_.Samples | ForEach-Object { $_ * $_ } | Measure-Object -Average).Average), 4) } } |
    Export-Csv (Join-Path $OutputFolder 'example-windows.csv') -NoTypeInformation

if (Test-Path (Join-Path $EmoDb 'wav')) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $segments = Import-SerDataset -Name EmoDb -Path $EmoDb | ConvertTo-Segment -Duration 3
    "EMO-DB: $($segments.Count) segments of $($segments[0].Samples.Length) samples in $([math]::Round($watch.Elapsed.TotalSeconds, 2)) s"
    $segments | Group-Object Label | Sort-Object Name | Format-Table Name, Count
    $segments | Select-Object @{ n = 'File'; e = { Split-Path $_.Source -Leaf } }, Label, Speaker, Start, End |
        Export-Csv (Join-Path $OutputFolder 'emodb-segments.csv') -NoTypeInformation
} else {
    Write-Warning "EMO-DB was not found at '$EmoDb'; pass -EmoDb or set LIGHTSERNET_EMODB."
}
"CSV summaries written to $((Resolve-Path $OutputFolder).ProviderPath)"
