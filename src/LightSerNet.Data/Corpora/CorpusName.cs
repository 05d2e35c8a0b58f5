namespace LightSerNet.Data.Corpora;

/// <summary>The corpus layouts Import-SerDataset understands.</summary>
public enum CorpusName
{
    /// <summary>Berlin Database of Emotional Speech: SSTTTEV.wav names, 7 emotions, 10 speakers.</summary>
    EmoDb,
    /// <summary>IEMOCAP: Session1..5, labels in dialog/EmoEvaluation/*.txt, 4 classes (happy + excited merged).</summary>
    Iemocap,
    /// <summary>RAVDESS: Actor_NN/MM-VV-EE-II-SS-RR-AA.wav, 8 emotions, 24 actors.</summary>
    Ravdess,
    /// <summary>CREMA-D: AudioWAV/AAAA_SSS_EEE_LL.wav, 6 emotions, 91 actors.</summary>
    CremaD,
    /// <summary>Toronto Emotional Speech Set: OAF_/YAF_ word_emotion.wav, 7 emotions, 2 speakers.</summary>
    Tess,
    /// <summary>Any folder with one subfolder per label.</summary>
    Folder,
    /// <summary>A CSV manifest: path,label[,speaker].</summary>
    Csv,
}
