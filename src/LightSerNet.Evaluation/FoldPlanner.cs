namespace LightSerNet.Evaluation;

/// <summary>
/// Splits a dataset into folds for one <see cref="FoldProtocol"/>. The plan depends only on the labels, the speakers,
/// the seed and the options (never on the .NET version or the machine): every shuffle uses <see cref="SplitMix64"/>.
/// </summary>
public static class FoldPlanner
{
    private const uint KFoldStream = 2;
    private const uint KFoldValidationStream = 3;

    /// <summary>Plans the folds of <paramref name="protocol"/> over items described by parallel label and speaker lists.</summary>
    /// <param name="protocol">The split to make.</param>
    /// <param name="labels">Emotion of each item.</param>
    /// <param name="speakers">Speaker of each item (may be null or empty for <see cref="FoldProtocol.KFold"/> and <see cref="FoldProtocol.None"/>).</param>
    /// <param name="seed">Seed of the reference relabelling and of the k-fold shuffles.</param>
    /// <param name="kFolds">Number of folds for <see cref="FoldProtocol.KFold"/>.</param>
    /// <param name="innerValidation">
    /// Hold out validation items from each fold's training items: for speaker folds the next speaker id after the test
    /// speaker in ordinal cyclic order (a pseudo-speaker for <see cref="FoldProtocol.ReferenceFolds"/>); for k-fold
    /// a stratified tenth of each class, drawn with the seed; for <see cref="FoldProtocol.None"/> the last speaker in
    /// ordinal order when there are at least two, else nothing.
    /// </param>
    /// <returns>
    /// ReferenceFolds and LeaveOneSpeakerOut: one fold per speaker id in ordinal order; KFold: <paramref name="kFolds"/>
    /// folds; None: one fold "all".
    /// </returns>
    /// <exception cref="ArgumentException">
    /// The lists differ in length or are empty, a label is missing, a speaker is missing where the protocol needs one,
    /// or there are too few speakers or items for the folds asked for.
    /// </exception>
    public static IReadOnlyList<Fold> Plan(FoldProtocol protocol, IReadOnlyList<string> labels, IReadOnlyList<string?> speakers,
        int seed, int kFolds = 10, bool innerValidation = false)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(speakers);
        if (labels.Count == 0)
            throw new ArgumentException("There are no items to split into folds.", nameof(labels));
        if (speakers.Count != labels.Count)
            throw new ArgumentException($"There are {labels.Count} labels but {speakers.Count} speakers; give one speaker (or null) per item.", nameof(speakers));
        for (int i = 0; i < labels.Count; i++)
        {
            if (string.IsNullOrEmpty(labels[i]))
                throw new ArgumentException($"Item {i} has no label; every item needs its emotion to be split into folds.", nameof(labels));
        }
        return protocol switch
        {
            FoldProtocol.ReferenceFolds => BySpeaker("reference", ReferenceSpeakers(labels, speakers, seed), innerValidation, protocol),
            FoldProtocol.LeaveOneSpeakerOut => BySpeaker("speaker", RequireSpeakers(speakers, protocol), innerValidation, protocol),
            FoldProtocol.KFold => KFold(labels, seed, kFolds, innerValidation),
            FoldProtocol.None => [All(speakers, innerValidation)],
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, $"'{protocol}' is not a fold protocol."),
        };
    }

    /// <summary>
    /// The speaker id each item carries under <see cref="FoldProtocol.ReferenceFolds"/>: for each label (in ordinal
    /// order), the speaker ids of its items in dataset order, shuffled with the seed (Fisher-Yates over
    /// <see cref="SplitMix64"/> stream 1) and handed back in the same order. Per label, every id keeps its count.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length, or an item has no label or speaker.</exception>
    public static IReadOnlyList<string> ReferenceSpeakers(IReadOnlyList<string> labels, IReadOnlyList<string?> speakers, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(speakers);
        if (speakers.Count != labels.Count)
            throw new ArgumentException($"There are {labels.Count} labels but {speakers.Count} speakers; give one speaker per item.", nameof(speakers));
        for (int i = 0; i < labels.Count; i++)
        {
            if (string.IsNullOrEmpty(labels[i]))
                throw new ArgumentException($"Item {i} has no label; the reference folds shuffle speakers within each emotion.", nameof(labels));
        }
        RequireSpeakers(speakers, FoldProtocol.ReferenceFolds);
        return ReferenceRelabelling.Assign(labels, speakers, seed);
    }

    private static string[] RequireSpeakers(IReadOnlyList<string?> speakers, FoldProtocol protocol)
    {
        var ids = new string[speakers.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = speakers[i] is { Length: > 0 } id
                ? id
                : throw new ArgumentException($"Item {i} has no speaker id; {Describe(protocol)} needs a speaker for every item.", nameof(speakers));
        }
        return ids;
    }

    private static string Describe(FoldProtocol protocol) => protocol switch
    {
        FoldProtocol.ReferenceFolds => "the ReferenceFolds protocol",
        FoldProtocol.LeaveOneSpeakerOut => "the LeaveOneSpeakerOut protocol",
        _ => $"inner validation under {protocol}",
    };

    private static List<Fold> BySpeaker(string prefix, IReadOnlyList<string> ids, bool innerValidation, FoldProtocol protocol)
    {
        string[] distinct = ids.Distinct().Order(StringComparer.Ordinal).ToArray();
        int needed = innerValidation ? 3 : 2;
        if (distinct.Length < needed)
        {
            throw new ArgumentException(
                $"The {protocol} protocol{(innerValidation ? " with inner validation" : "")} needs at least {needed} speakers; the items have {distinct.Length}.",
                "speakers");
        }
        var folds = new List<Fold>(distinct.Length);
        for (int f = 0; f < distinct.Length; f++)
        {
            string test = distinct[f];
            string? validation = innerValidation ? distinct[(f + 1) % distinct.Length] : null;
            folds.Add(new Fold(f, $"{prefix} {test}",
                Train: Where(ids, id => id != test && id != validation),
                Test: Where(ids, id => id == test),
                Validation: Where(ids, id => id == validation)));
        }
        return folds;
    }

    // Per label (ordinal order), the items are shuffled and dealt round-robin, the dealing position carried over from
    // one label to the next: every fold gets floor or ceil of each class's share, and fold sizes differ by at most one.
    private static List<Fold> KFold(IReadOnlyList<string> labels, int seed, int kFolds, bool innerValidation)
    {
        int k = kFolds;
        if (k < 2 || k > labels.Count)
            throw new ArgumentOutOfRangeException(nameof(kFolds), k, $"K-fold needs between 2 and {labels.Count} folds (one item per fold at least).");
        var byLabel = ByLabel(Enumerable.Range(0, labels.Count), labels);
        var random = SplitMix64.ForStream(seed, KFoldStream);
        var foldOf = new int[labels.Count];
        int position = 0;
        foreach (var items in byLabel)
        {
            random.Shuffle(items.AsSpan());
            foreach (int item in items)
                foldOf[item] = position++ % k;
        }
        var validationRandom = SplitMix64.ForStream(seed, KFoldValidationStream);
        var folds = new List<Fold>(k);
        for (int f = 0; f < k; f++)
        {
            int[] test = Where(foldOf, g => g == f);
            int[] rest = Where(foldOf, g => g != f);
            int[] validation = innerValidation ? StratifiedTenth(rest, labels, validationRandom) : [];
            folds.Add(new Fold(f, $"kfold {f + 1}/{k}", rest.Except(validation).ToArray(), test, validation));
        }
        return folds;
    }

    // A tenth of each class (rounded half up), drawn by shuffling the class's items.
    private static int[] StratifiedTenth(int[] items, IReadOnlyList<string> labels, SplitMix64 random)
    {
        var chosen = new List<int>();
        foreach (var group in ByLabel(items, labels))
        {
            random.Shuffle(group.AsSpan());
            chosen.AddRange(group.Take((group.Length + 5) / 10));
        }
        chosen.Sort();
        return chosen.ToArray();
    }

    private static Fold All(IReadOnlyList<string?> speakers, bool innerValidation)
    {
        int[] everything = Enumerable.Range(0, speakers.Count).ToArray();
        if (!innerValidation || speakers.All(string.IsNullOrEmpty))
            return new Fold(0, "all", everything, [], []);
        string[] ids = RequireSpeakers(speakers, FoldProtocol.None);
        string[] distinct = ids.Distinct().Order(StringComparer.Ordinal).ToArray();
        if (distinct.Length < 2)
            return new Fold(0, "all", everything, [], []);
        string last = distinct[^1];
        return new Fold(0, "all", Where(ids, id => id != last), [], Where(ids, id => id == last));
    }

    private static List<int[]> ByLabel(IEnumerable<int> items, IReadOnlyList<string> labels) =>
        items.GroupBy(i => labels[i]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Order().ToArray()).ToList();

    private static int[] Where<T>(IReadOnlyList<T> values, Func<T, bool> keep)
    {
        var result = new List<int>();
        for (int i = 0; i < values.Count; i++)
        {
            if (keep(values[i]))
                result.Add(i);
        }
        return result.ToArray();
    }
}
