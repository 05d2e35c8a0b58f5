namespace LightSerNet.Evaluation;

/// <summary>The training objective.</summary>
public enum LossKind
{
    /// <summary>Sparse categorical cross-entropy.</summary>
    CrossEntropy,
    /// <summary>Focal loss (1 - p_t)^gamma * CE (Lin et al. 2017), gamma 2 in the paper.</summary>
    Focal,
}

/// <summary>How features are standardised before training.</summary>
public enum FeatureNormalization
{
    /// <summary>As computed: the paper's input.</summary>
    None,
    /// <summary>
    /// Each speaker's features standardised per coefficient by that speaker's own mean and standard deviation over
    /// all their clips; the test speaker's statistics come from its unlabelled test clips (transductive).
    /// </summary>
    Speaker,
}

/// <summary>Which epoch's model a fold reports.</summary>
public enum SelectionKind
{
    /// <summary>The epoch with the best accuracy on the test fold: the original's selection, optimistic (it peeks at the test data).</summary>
    BestOnTest,
    /// <summary>The last epoch: honest.</summary>
    Last,
    /// <summary>The epoch with the best accuracy on a speaker held out of the training speakers: honest.</summary>
    InnerValidation,
    /// <summary>
    /// The mean of the weights at the end of each epoch of the last quarter of the schedule (stochastic weight
    /// averaging), with batch-norm statistics measured afresh over the training fold: honest.
    /// </summary>
    Average,
}
