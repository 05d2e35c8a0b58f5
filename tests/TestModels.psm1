# Helpers for the Pester tests of Export-SerModel and Get-SpeechEmotion: checkpoints without training (random
# weights of an architecture, written in the .weights format training writes) and edited copies of model files.
# They use the LightSerNet assemblies, so import the module first.

function Initialize-LightSerNetTypes {
    <#
    .SYNOPSIS
        Loads the engine assemblies of the imported LightSerNet module, so scripts can name their types. A binary
        module's dependencies load only when a cmdlet first needs them; loading the same path again is a no-op.
    #>
    $base = (Get-Module LightSerNet).ModuleBase
    if (-not $base) { throw 'Import the LightSerNet module first.' }
    foreach ($name in 'Google.Protobuf', 'LightSerNet.Architectures', 'LightSerNet.Audio', 'LightSerNet.Features', 'LightSerNet.Onnx', 'LightSerNet.Inference') {
        # LoadFrom, as PowerShell loads the module: dependencies then resolve from the same folder.
        $null = [System.Reflection.Assembly]::LoadFrom((Join-Path $base "$name.dll"))
    }
}

function New-TestCheckpoint {
    <#
    .SYNOPSIS
        Writes a .weights checkpoint of random weights for -Architecture. -Favour rigs the head (zero weights, a large
        bias on one output) so every input is labelled with that emotion; otherwise the head is scaled up so the
        probabilities spread out.
    #>
    param(
        [Parameter(Mandatory)] [string] $Path,
        [string] $Architecture = 'light-sernet',
        [string] $Favour,
        [int] $Seed = 7
    )
    Initialize-LightSerNetTypes
    $arch = [LightSerNet.Architectures.ArchitectureCatalog]::Get($Architecture)
    $labels = @($arch.LabelSets)[0]
    $random = [LightSerNet.Onnx.Export.RandomWeights]::For($arch, $labels.Labels.Count, $Seed)
    $dense = @($arch.Graph | Where-Object Op -EQ 'Gemm')[-1]
    # The generated lists are compiler-made read-only types PowerShell cannot index: enumerate them.
    $denseInputs = @($dense.Inputs)
    $tensors = [System.Collections.Generic.Dictionary[string, LightSerNet.Onnx.Export.WeightTensor]]::new()
    foreach ($name in $random.Names) { $tensors[$name] = $random[$name] }
    foreach ($name in $denseInputs[1], $denseInputs[2]) {
        $old = $tensors[$name]
        $data = [float[]]::new($old.Data.Length)
        if ($Favour) {
            if ($name -eq $denseInputs[2]) { $data[$labels.IndexOf($Favour)] = 20 }
        } else {
            for ($i = 0; $i -lt $data.Length; $i++) { $data[$i] = $old.Data[$i] * 25 }
        }
        $tensors[$name] = [LightSerNet.Onnx.Export.WeightTensor]::new($data, $old.Shape)
    }
    $metadata = [System.Collections.Generic.Dictionary[string, string]]::new()
    $metadata['lightsernet.feature_config'] = [LightSerNet.Features.FeatureConfig]::Paper.ToJson()
    $metadata['lightsernet.training'] = '{"protocol":"None","selection":"Last","epoch":1}'
    $header = [LightSerNet.Onnx.Export.ModelWeightsFile+Header]::new($arch.Name, $arch.SpecHash, [string[]]$labels.Names, $labels.Corpus, $metadata)
    [LightSerNet.Onnx.Export.ModelWeightsFile]::Save($Path, $header, [LightSerNet.Onnx.Export.ModelWeights]::new($tensors), $true)
}

function Edit-OnnxModel {
    <# .SYNOPSIS Copies a model file to -Destination after -Edit (a script block given the ModelProto) changed it. #>
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $Destination,
        [Parameter(Mandatory)] [scriptblock] $Edit
    )
    Initialize-LightSerNetTypes
    $model = [LightSerNet.Onnx.Proto.ModelProto]::Parser.ParseFrom([System.IO.File]::ReadAllBytes($Path))
    & $Edit $model
    [System.IO.File]::WriteAllBytes($Destination, [Google.Protobuf.MessageExtensions]::ToByteArray($model))
    Get-Item -LiteralPath $Destination
}

function New-VoiceSamples {
    <# .SYNOPSIS Speech-like samples: a drifting tone with harmonics, a tremolo and a little noise. #>
    param([int] $SampleRate = 16000, [double] $Seconds = 2, [int] $Seed = 1)
    $random = [System.Random]::new($Seed)
    $n = [int][math]::Round($SampleRate * $Seconds)
    $f0 = 100 + $random.NextDouble() * 150
    $samples = [double[]]::new($n)
    for ($i = 0; $i -lt $n; $i++) {
        $t = $i / $SampleRate
        $envelope = 0.5 + 0.5 * [math]::Sin(2 * [math]::PI * 3 * $t)
        $tone = [math]::Sin(2 * [math]::PI * $f0 * $t) + 0.5 * [math]::Sin(2 * [math]::PI * 3.1 * $f0 * $t) + 0.25 * [math]::Sin(2 * [math]::PI * 7.3 * $f0 * $t)
        $samples[$i] = 0.3 * ($envelope * $tone / 1.75 + 0.02 * ($random.NextDouble() * 2 - 1))
    }
    , $samples
}

function Test-OnnxChecker {
    <# .SYNOPSIS True when Debian's python3-onnx is there to run onnx.checker. #>
    if (-not (Test-Path /usr/bin/python3)) { return $false }
    & /usr/bin/python3 -c 'import onnx' 2>$null
    $LASTEXITCODE -eq 0
}

function Invoke-OnnxChecker {
    <# .SYNOPSIS Runs onnx.checker.check_model(full_check=True); returns its output, 'ok' when the file passes. #>
    param([Parameter(Mandatory)] [string] $Path)
    $out = & /usr/bin/python3 -c "import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True); print('ok')" $Path 2>&1
    ($out | Out-String).Trim()
}

Export-ModuleMember -Function Initialize-LightSerNetTypes, New-TestCheckpoint, Edit-OnnxModel, New-VoiceSamples, Test-OnnxChecker, Invoke-OnnxChecker
