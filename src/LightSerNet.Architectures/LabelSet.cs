namespace LightSerNet.Architectures;

/// <summary>An emotion as a model outputs it: canonical name and the corpus's own code for it.</summary>
/// <param name="Name">Canonical lower-case name (anger, happiness, ...).</param>
/// <param name="Code">The corpus's code (EMO-DB letter, IEMOCAP abbreviation, ...).</param>
public sealed record EmotionLabel(string Name, string Code)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Code})";
}

/// <summary>The ordered labels of one corpus: output index i of a model trained on it means Labels[i].</summary>
/// <param name="Corpus">Corpus name (EmoDb, Iemocap, ...).</param>
/// <param name="Labels">Labels in output order.</param>
public sealed record LabelSet(string Corpus, IReadOnlyList<EmotionLabel> Labels)
{
    /// <summary>Label names in output order.</summary>
    public IReadOnlyList<string> Names => Labels.Select(l => l.Name).ToArray();

    /// <summary>Output index of <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Labels.Count; i++)
        {
            if (string.Equals(Labels[i].Name, name, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Corpus}: {string.Join(", ", Names)}";
}
