using System.Management.Automation;
using LightSerNet.Audio;
using LightSerNet.Data.Corpora;
using LightSerNet.Evaluation;
using LightSerNet.Features;
using LightSerNet.PowerShell.Errors;
using LightSerNet.PowerShell.Training;

namespace LightSerNet.PowerShell.Commands;

/// <summary>
/// Trains a Light-SERNet model with TorchSharp on the CPU, under the paper's protocol or an honest one.
/// </summary>
/// <remarks>
/// Takes features from Get-Mfcc, segments from ConvertTo-Segment or audio from Import-SerDataset (whose features are
/// computed here, of the kind and length the architecture's spec takes; audio is cut with the paper's Centre mode), or
/// a corpus with -Dataset and -Path (whose features are computed once and cached),
/// forms folds (-Protocol ReferenceFolds reproduces the original's effective random folds: per emotion, a seeded
/// shuffle of which files carry which speaker id; LeaveOneSpeakerOut is speaker-independent; KFold is stratified;
/// None trains one final model on everything), and trains each fold for -Epochs with Adam (Keras's epsilon 1e-7),
/// the paper's schedule (from epoch 50, every 20 epochs the rate is multiplied by exp(-0.15)), L2 1e-6 on the body
/// kernels, dropout 0.3, Keras's batch-norm momentum and glorot initialisation. Before every evaluation the batch-norm
/// statistics are re-estimated over the training fold ("precise BN"). Each fold reports the selections asked for:
/// BestOnTest (the original's: the epoch with the best test accuracy; optimistic, and labelled so in every report),
/// Last, InnerValidation (the epoch with the best accuracy on a training speaker held out), and Average (the mean of
/// the weights over the last quarter of the epochs, with batch-norm statistics measured afresh). -OutputPath receives a
/// checkpoint after every epoch, run.json, report.txt, confusion matrices (CSV and PNG, raw and row-normalised) and
/// training curves. Ctrl+C stops after the current batch; -Resume continues from the last completed epoch and ends
/// with the same numbers as an uninterrupted run. -Augment (off by default) adds seeded speed perturbation, noise
/// and SpecAugment masks to the training batches; evaluation always sees the clean features.
/// </remarks>
/// <example>
/// <code>Import-SerDataset EmoDb ./emodb | ConvertTo-Segment | Get-Mfcc | Invoke-SerTraining -OutputPath runs/emodb-ce</code>
/// <para>The paper's EMO-DB experiment: reference folds, cross-entropy, 300 epochs, BestOnTest and Last.</para>
/// </example>
/// <example>
/// <code>Import-SerDataset EmoDb ./emodb | Invoke-SerTraining -Architecture light-sernet-mel -OutputPath runs/emodb-mel</code>
/// <para>Audio straight in: cut to the spec's 3 s and turned into the log-mel spectrogram light-sernet-mel takes.</para>
/// </example>
/// <example>
/// <code>Invoke-SerTraining -Dataset EmoDb -Path ./emodb -Protocol LeaveOneSpeakerOut -Selection Last, InnerValidation -OutputPath runs/loso</code>
/// <para>An honest speaker-independent figure; the features are computed once and cached.</para>
/// </example>
/// <example>
/// <code>Invoke-SerTraining -Dataset EmoDb -Path ./emodb -OutputPath runs/emodb-ce -Resume</code>
/// <para>Continues an interrupted run from its checkpoints.</para>
/// </example>
/// <example>
/// <code>Invoke-SerTraining -Dataset EmoDb -Path ./emodb -Protocol LeaveOneSpeakerOut -Augment SpeedPerturbation, Noise, SpecAugment -OutputPath runs/loso-augmented</code>
/// <para>The same with augmentation: the speed and noise variants are computed once with the features and cached.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Invoke, "SerTraining", SupportsShouldProcess = true, DefaultParameterSetName = "Features")]
[OutputType(typeof(SerTrainingResult))]
public sealed class InvokeSerTrainingCommand : PSCmdlet
{
    private readonly List<SerFeatures> _features = [];
    private readonly CancellationTokenSource _stop = new();
    private FeaturesFromAudio? _featuresFromAudio;

    /// <summary>Features from Get-Mfcc, each with a label and (for speaker protocols) a speaker.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Features")]
    public SerFeatures[] InputObject { get; set; } = [];

    /// <summary>
    /// Segments from ConvertTo-Segment, each labelled; their features are computed here as the architecture's spec
    /// says (kind, e.g. MFCC). Segments must have the spec's length (ConvertTo-Segment -Duration 3 for light-sernet).
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Segment")]
    public SerSegment[] Segment { get; set; } = [];

    /// <summary>
    /// Audio from Import-SerDataset, each labelled: cut to the spec's length with the paper's Centre mode and turned
    /// into features of the spec's kind here. A file that cannot be read is reported and left out.
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Audio")]
    public SerAudio[] Audio { get; set; } = [];

    /// <summary>Train on a corpus directly: its layout (EmoDb, Iemocap, ...). Features follow the architecture's input.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Dataset")]
    public CorpusName Dataset { get; set; }

    /// <summary>The corpus folder for -Dataset.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Dataset")]
    public string Path { get; set; } = "";

    /// <summary>IEMOCAP only: All, Impro or Script dialogues.</summary>
    [Parameter(ParameterSetName = "Dataset")]
    public IemocapAudioType AudioType { get; set; } = IemocapAudioType.All;

    /// <summary>Folder for checkpoints, run.json, report.txt, confusion matrices and curves.</summary>
    [Parameter(Mandatory = true)]
    public string OutputPath { get; set; } = "";

    /// <summary>Architecture spec name (see Get-SerArchitecture).</summary>
    [Parameter]
    public string Architecture { get; set; } = "light-sernet";

    /// <summary>Which corpus's label order the model outputs; defaults to the data's corpus when the spec lists it, else the sorted labels present.</summary>
    [Parameter]
    public string? LabelSet { get; set; }

    /// <summary>CrossEntropy (default) or Focal.</summary>
    [Parameter]
    public LossKind Loss { get; set; } = LossKind.CrossEntropy;

    /// <summary>Focal loss exponent gamma (the paper: 2).</summary>
    [Parameter]
    [ValidateRange(0.0, 10.0)]
    public double Gamma { get; set; } = 2;

    /// <summary>ReferenceFolds (the original's effective folds), LeaveOneSpeakerOut, KFold or None (train one final model on everything).</summary>
    [Parameter]
    public FoldProtocol Protocol { get; set; } = FoldProtocol.ReferenceFolds;

    /// <summary>Folds for -Protocol KFold.</summary>
    [Parameter]
    [ValidateRange(2, 100)]
    public int KFolds { get; set; } = 10;

    /// <summary>Only these fold numbers (0-based); the others are left for another call with -Resume.</summary>
    [Parameter]
    [ValidateRange(0, 1000)]
    public int[]? Fold { get; set; }

    /// <summary>Epochs per fold (the paper: 300).</summary>
    [Parameter]
    [ValidateRange(1, 100000)]
    public int Epochs { get; set; } = 300;

    /// <summary>Clips per optimisation step (the paper: 32).</summary>
    [Parameter]
    [ValidateRange(1, 4096)]
    public int BatchSize { get; set; } = 32;

    /// <summary>
    /// Adam's base learning rate (the paper: 1e-4); the peak for OneCycle. For 100 Cosine epochs 3e-4 measured best
    /// here (1e-3 did worse on the folds tried; see README, Results).
    /// </summary>
    [Parameter]
    [ValidateRange(1e-7, 1.0)]
    public double LearningRate { get; set; } = 1e-4;

    /// <summary>
    /// The learning rate per epoch. Paper (default): the reference's, the base rate up to epoch 59, then times
    /// exp(-0.15) at epochs 60, 80, ..., 280. Cosine: from the base rate down to 0 over -Epochs. OneCycle: torch's
    /// OneCycleLR per epoch, up from a 25th of the base rate over the first 30 % of the epochs, then cosine down.
    /// Constant: the base rate throughout.
    /// </summary>
    [Parameter]
    public ScheduleKind Schedule { get; set; } = ScheduleKind.Paper;

    /// <summary>
    /// Selections to report: BestOnTest (optimistic), Last, InnerValidation, Average (the mean of the weights of the
    /// last quarter of the epochs). Default: BestOnTest and Last (Last alone for -Protocol None, which also takes
    /// Average; the first one named is the final model).
    /// </summary>
    [Parameter]
    public SelectionKind[]? Selection { get; set; }

    /// <summary>Evaluate with the running batch-norm statistics instead of re-estimating them over the training fold.</summary>
    [Parameter]
    public SwitchParameter RunningBatchNorm { get; set; }

    /// <summary>Seed of folds, shuffling, initialisation and dropout (the paper: 42).</summary>
    [Parameter]
    public int Seed { get; set; } = 42;

    /// <summary>
    /// Folds trained at once (default 1), each on a thread of its own with the cores shared out among them (at least one
    /// libtorch thread each). This network is small, so on a few cores several one-thread folds beat one fold using
    /// them all: on 2 cores, -ThrottleLimit 2 trains a protocol about a fifth faster. A fold's numbers depend on its
    /// thread count (run.json records it), never on the folds beside it.
    /// </summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = 1;

    /// <summary>
    /// Augment the training batches; off by default (the paper trains without augmentation). Any of:
    /// SpeedPerturbation: each recording is also played at 0.9 and 1.1 times its speed (tempo and pitch together, by
    /// resampling), then cut to the same Centre segment. Noise: one copy of each recording with white noise at a
    /// signal-to-noise ratio drawn from 10 to 30 dB. SpecAugment: every training clip gets 2 time masks of 0 to 20
    /// frames and 2 coefficient masks of 0 to 4 coefficients, filled with the clip's mean of each coefficient.
    /// SpeedPerturbation and Noise change the audio, so they need -Dataset and -Path (their feature variants are
    /// computed once and cached with the clean features); SpecAugment also works on features from Get-Mfcc. In every
    /// epoch each clip uses one of its variants (the clean one included) and new masks, drawn from -Seed, the fold,
    /// the epoch and the clip, so a run is repeatable and -Resume gives the numbers of an uninterrupted run. Noise is
    /// seeded by each clip's id. Evaluation and the batch-norm statistics always use the clean features. The settings
    /// are recorded in run.json and report.txt.
    /// </summary>
    [Parameter]
    public AugmentationKind[]? Augment { get; set; }

    /// <summary>
    /// Standardise the features before training: None (default, the paper's input) or Speaker. Speaker: every
    /// coefficient of each speaker's clips is shifted and scaled by that speaker's own mean and standard deviation over
    /// all their frames, which removes much of what tells voices apart. Under LeaveOneSpeakerOut the test speaker's
    /// statistics come from its own test clips, unlabelled: a transductive figure, marked so in run.json and report.txt.
    /// Every clip needs a speaker. An exported model of such a run labels with the speaker's statistics measured by
    /// Measure-SerSpeaker (Get-SpeechEmotion -SpeakerStatistics).
    /// </summary>
    [Parameter]
    public FeatureNormalization Normalization { get; set; }

    /// <summary>Continue the run in -OutputPath from its checkpoints.</summary>
    [Parameter]
    public SwitchParameter Resume { get; set; }

    /// <summary>Delete a run already in -OutputPath and start over.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        // Before any input arrives: a corpus's worth of Get-Mfcc would otherwise run for nothing.
        var audioLevel = (Augment ?? []).Where(k => k != AugmentationKind.SpecAugment).Distinct().ToList();
        if (ParameterSetName != "Dataset" && audioLevel.Count > 0)
        {
            ThrowTerminatingError(SerErrors.Create(
                $"-Augment {string.Join(", ", audioLevel)} changes the audio before features are computed, so it cannot apply to input from the pipeline; train from audio with -Dataset and -Path, or use -Augment SpecAugment alone on computed features.",
                SerErrors.AugmentationNeedsAudio, ErrorCategory.InvalidArgument, nameof(Augment)));
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case "Features":
                _features.AddRange(InputObject);
                break;
            case "Segment":
                // Made on first input: with pipeline input the parameter set is known only once something arrives.
                _featuresFromAudio ??= FeaturesFromAudio.For(this, Architecture);
                _features.AddRange(_featuresFromAudio.FromSegments(Segment));
                break;
            case "Audio":
                _featuresFromAudio ??= FeaturesFromAudio.For(this, Architecture);
                _features.AddRange(_featuresFromAudio.FromAudio(Audio));
                break;
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        string output = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutputPath);
        if (!ShouldProcess(output, "Train a model and write checkpoints and reports"))
            return;
        var request = new TrainingRequest
        {
            Features = _features,
            Dataset = ParameterSetName == "Dataset" ? Dataset : null,
            DatasetPath = ParameterSetName == "Dataset" ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path) : null,
            AudioType = AudioType,
            OutputPath = output,
            Architecture = Architecture,
            LabelSet = LabelSet,
            Loss = Loss,
            Gamma = Gamma,
            Protocol = Protocol,
            KFolds = KFolds,
            Folds = Fold,
            Epochs = Epochs,
            BatchSize = BatchSize,
            LearningRate = LearningRate,
            Schedule = Schedule,
            Selections = Selection,
            PreciseBatchNorm = !RunningBatchNorm,
            Seed = Seed,
            ParallelFolds = ThrottleLimit,
            Augment = Augment,
            Normalization = Normalization,
            Resume = Resume,
            Force = Force,
        };
        try
        {
            var result = TrainingHost.Run(request, this, _stop.Token, WriteProgress);
            WriteProgress(new ProgressRecord(TrainingHost.RunActivity, "Invoke-SerTraining", "Done") { RecordType = ProgressRecordType.Completed });
            WriteObject(result);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException && e.Message.Contains("LightSerNet.Training", StringComparison.Ordinal))
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException("This is the inference-only LightSerNet module, which has no TorchSharp; training needs the full module (out/LightSerNet).", e),
                SerErrors.TrainingUnavailable, ErrorCategory.NotInstalled, null));
        }
        catch (OperationCanceledException)
        {
            WriteWarning($"Training stopped after the current batch; completed epochs are checkpointed in '{output}'. Run again with -Resume to continue.");
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or InvalidDataException)
        {
            ThrowTerminatingError(new ErrorRecord(e, SerErrors.TrainingFailed, ErrorCategory.InvalidOperation, output));
        }
    }

    /// <inheritdoc />
    protected override void StopProcessing() => _stop.Cancel();
}
