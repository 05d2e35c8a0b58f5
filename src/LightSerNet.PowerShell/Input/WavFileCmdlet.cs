using System.Management.Automation;
using LightSerNet.Audio;

namespace LightSerNet.PowerShell.Input;

/// <summary>
/// A cmdlet that reads WAV files named by -Path (wildcards) or -LiteralPath (Get-ChildItem's output binds by PSPath),
/// resolved through the provider as built-in cmdlets resolve them. The two parameters, their sets and their help are
/// declared once, here.
/// </summary>
public abstract class WavFileCmdlet : PSCmdlet
{
    /// <summary>WAV files; wildcards are expanded.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = "Path")]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    /// <summary>WAV files taken exactly as written. Files from Get-ChildItem bind here by their PSPath.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "LiteralPath")]
    [Alias("PSPath", "FullName", "LP")]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>True when the input came as -Path or -LiteralPath (not as objects from another cmdlet).</summary>
    private protected bool HasFileInput => ParameterSetName is "Path" or "LiteralPath";

    /// <summary>The files of this call's -Path or -LiteralPath; one that resolves to nothing is a non-terminating error.</summary>
    private protected IEnumerable<string> Files() =>
        ParameterSetName == "LiteralPath" ? FileInputs.Resolve(this, LiteralPath, literal: true) : FileInputs.Resolve(this, Path, literal: false);

    /// <summary>As <see cref="Files"/>, described as audio with no label; each header is read when it is decoded.</summary>
    private protected IEnumerable<SerAudio> FileAudio() =>
        Files().Select(path => new SerAudio { Path = path, Dataset = "File", Id = System.IO.Path.GetFileNameWithoutExtension(path) });
}
