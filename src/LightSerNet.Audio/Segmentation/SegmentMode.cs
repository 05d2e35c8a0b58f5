namespace LightSerNet.Audio.Segmentation;

/// <summary>How a clip becomes fixed-length segments.</summary>
public enum SegmentMode
{
    /// <summary>The paper's mode: one segment per clip, the centre of a long clip, a short one zero-padded.</summary>
    Centre,
    /// <summary>The reference's mode 0: a long clip's centre cut into as many whole segments as fit.</summary>
    Split,
    /// <summary>Windows every hop from the start; the last window reaches the end and is padded.</summary>
    Sliding,
}
