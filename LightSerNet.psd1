@{
    RootModule           = 'LightSerNet.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0c1e2a-4b8d-4e53-9a51-2f7d0b6c9e41'
    Author               = 'LightSerNet.PS contributors'
    CompanyName          = 'LightSerNet.PS'
    Copyright            = 'MIT licence'
    Description          = 'Speech emotion recognition with Light-SERNet (ICASSP 2022): corpora, segmentation, features, TorchSharp training, ONNX export and ONNX Runtime labelling, as pipeline cmdlets.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('LightSerNet.format.ps1xml')
    TypesToProcess       = @('LightSerNet.types.ps1xml')
    CmdletsToExport      = @('Import-SerDataset', 'ConvertTo-Segment', 'Get-SerArchitecture', 'Invoke-SerTraining', 'Get-Mfcc', 'Export-SerModel', 'Get-SpeechEmotion', 'Measure-SerSpeaker')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('speech', 'emotion', 'SER', 'audio', 'onnx', 'LightSERNet', 'Linux', 'Windows')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = 'Foundation: WAV reading, resampling, corpora and segmentation.'
        }
    }
}
