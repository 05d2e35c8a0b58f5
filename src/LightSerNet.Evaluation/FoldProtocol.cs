namespace LightSerNet.Evaluation;

/// <summary>How a dataset is split into training and test folds.</summary>
public enum FoldProtocol
{
    /// <summary>
    /// The reference code's effective protocol: speaker ids shuffled among the files of each emotion, then one fold per
    /// id. Speaker-dependent (random folds with per-speaker, per-emotion sizes); what the paper's numbers measure.
    /// </summary>
    ReferenceFolds,

    /// <summary>One fold per real speaker: speaker-independent.</summary>
    LeaveOneSpeakerOut,

    /// <summary>Stratified k-fold over items, ignoring speakers.</summary>
    KFold,

    /// <summary>One fold that trains on everything and tests on nothing (a final model).</summary>
    None,
}
