using System.Management.Automation;
using LightSerNet.Audio;
using LightSerNet.Data.Corpora;
using LightSerNet.PowerShell.Errors;
using LightSerNet.PowerShell.Input;

namespace LightSerNet.PowerShell.Commands;

/// <summary>
/// Lists the labelled utterances of an emotional-speech corpus as SerAudio objects.
/// </summary>
/// <remarks>
/// Reads the corpus layout named by -Name under -Path and emits one SerAudio per utterance: its path, dataset,
/// canonical lower-case emotion label, speaker, gender when the corpus says, and the sample rate, channels and
/// duration from the WAV header. Samples are not decoded here; ConvertTo-Segment and Get-Mfcc decode them.
/// Layouts: EmoDb (SSTTTEV.wav names), Iemocap (Session1..5 with dialog/EmoEvaluation labels; happy and excited
/// merged into happiness, four classes), Ravdess (Actor_NN folders), CremaD (AudioWAV folder), Tess (OAF_/YAF_
/// folders), Folder (one subfolder per label) and Csv (a manifest of path,label[,speaker] rows).
/// A file that cannot be read, or whose name does not follow the layout, produces one non-terminating error
/// that names it, and the import goes on.
/// </remarks>
/// <example>
/// <code>Import-SerDataset -Name EmoDb -Path ../shared/data/emodb | Group-Object Label</code>
/// <para>Counts the EMO-DB utterances per emotion.</para>
/// </example>
/// <example>
/// <code>Import-SerDataset Iemocap D:\IEMOCAP_full_release -AudioType Impro -Speaker Ses05*</code>
/// <para>Lists the improvised IEMOCAP utterances of session 5's two speakers.</para>
/// </example>
/// <example>
/// <code>Import-SerDataset -Name EmoDb -Path ./emodb -Emotion anger, sadness | ConvertTo-Segment -Duration 3</code>
/// <para>Cuts the angry and sad EMO-DB utterances into the paper's 3-second segments.</para>
/// </example>
[Cmdlet(VerbsData.Import, "SerDataset")]
[OutputType(typeof(SerAudio))]
public sealed class ImportSerDatasetCommand : PSCmdlet
{
    /// <summary>The corpus layout: EmoDb, Iemocap, Ravdess, CremaD, Tess, Folder or Csv.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public CorpusName Name { get; set; }

    /// <summary>The corpus folder (the manifest file for Csv). Wildcards are allowed if they match exactly one item.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = "Path")]
    public string Path { get; set; } = "";

    /// <summary>The corpus folder (the manifest file for Csv), taken exactly as written: no wildcards.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "LiteralPath", ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    public string LiteralPath { get; set; } = "";

    /// <summary>Keep only these emotions (canonical names such as anger, happiness; synonyms like angry or happy also work; wildcards allowed).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Emotion { get; set; }

    /// <summary>Keep only these speakers, as the corpus names them (EMO-DB 03..16, IEMOCAP Ses01F..Ses05M; wildcards allowed). Quote numeric ids (-Speaker '03'): PowerShell turns a bare 03 into 3.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Speaker { get; set; }

    /// <summary>IEMOCAP only: All (default), Impro (improvised dialogues) or Script (scripted dialogues).</summary>
    [Parameter]
    public IemocapAudioType AudioType { get; set; } = IemocapAudioType.All;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        bool literal = ParameterSetName == "LiteralPath";
        string? root = FileInputs.ResolveSingle(this, literal ? LiteralPath : Path, literal);
        if (root is null)
            return;
        if (MyInvocation.BoundParameters.ContainsKey(nameof(AudioType)) && Name != CorpusName.Iemocap)
            WriteWarning($"-AudioType applies to Iemocap only; it is ignored for {Name}.");

        var emotions = Patterns(Emotion, EmotionLabels.Normalise);
        var speakers = Patterns(Speaker, s => s);
        List<CorpusEntry> entries;
        try
        {
            entries = CorpusReader.Read(new CorpusQuery(Name, root, AudioType), problem =>
                    WriteError(SerErrors.Create(problem.Message, SerErrors.CorpusFileNotRecognised, ErrorCategory.InvalidData, problem.Path)))
                .Where(e => Matches(emotions, e.Label) && Matches(speakers, e.Speaker))
                .ToList();
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            ThrowTerminatingError(new ErrorRecord(e, SerErrors.CorpusNotFound, ErrorCategory.ObjectNotFound, root));
            return;
        }

        var progress = new ProgressRecord(1, $"Import-SerDataset {Name}", "Reading WAV headers");
        for (int i = 0; i < entries.Count; i++)
        {
            if (Stopping)
                return;
            var entry = entries[i];
            if (i % 50 == 0)
            {
                progress.PercentComplete = 100 * i / entries.Count;
                progress.StatusDescription = $"{i} of {entries.Count} files";
                WriteProgress(progress);
            }
            try
            {
                WriteObject(entry.ToAudio(Name));
            }
            catch (Exception e) when (SerErrors.IsFileProblem(e))
            {
                WriteError(SerErrors.ForFile(e, entry.Path));
            }
        }
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
    }

    private static WildcardPattern[]? Patterns(string[]? values, Func<string, string> normalise) =>
        values?.Select(v => WildcardPattern.ContainsWildcardCharacters(v) ? v : normalise(v))
            .Select(v => new WildcardPattern(v, WildcardOptions.IgnoreCase))
            .ToArray();

    private static bool Matches(WildcardPattern[]? patterns, string? value) =>
        patterns is null || (value is not null && patterns.Any(p => p.IsMatch(value)));
}
