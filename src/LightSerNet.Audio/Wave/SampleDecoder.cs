using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace LightSerNet.Audio.Wave;

/// <summary>Turns interleaved sample bytes into mono floats in [-1, 1] (the mean of the channels).</summary>
internal static class SampleDecoder
{
    public static void MixToMono(ReadOnlySpan<byte> frames, WaveHeader header, Span<float> mono)
    {
        if (header.Channels == 1 && header.Encoding == WaveEncoding.Pcm && header.BitsPerSample == 16)
        {
            // The common case (EMO-DB, most corpora) is converted with SIMD; scaling by 2^-15 is exact.
            var pcm = MemoryMarshal.Cast<byte, short>(frames[..(2 * mono.Length)]);
            if (!BitConverter.IsLittleEndian)
            {
                for (int f = 0; f < mono.Length; f++)
                    mono[f] = BinaryPrimitives.ReverseEndianness(pcm[f]);
            }
            else
            {
                TensorPrimitives.ConvertChecked<short, float>(pcm, mono);
            }
            TensorPrimitives.Multiply(mono, 1f / 32768f, mono);
            return;
        }
        int channels = header.Channels;
        int width = header.BitsPerSample / 8;
        float mean = 1f / channels;
        for (int f = 0; f < mono.Length; f++)
        {
            var frame = frames.Slice(f * header.BlockAlign, header.BlockAlign);
            float sum = 0;
            for (int c = 0; c < channels; c++)
                sum += Decode(frame.Slice(c * width, width), header.Encoding);
            mono[f] = channels == 1 ? sum : sum * mean;
        }
    }

    // Scaling follows tf.audio.decode_wav / soundfile: divide by 2^(bits-1), so 16-bit -32768 is exactly -1.
    private static float Decode(ReadOnlySpan<byte> s, WaveEncoding encoding) => encoding switch
    {
        WaveEncoding.Pcm => s.Length switch
        {
            1 => (s[0] - 128) / 128f,
            2 => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768f,
            3 => ((s[2] << 24 | s[1] << 16 | s[0] << 8) >> 8) / 8388608f,
            _ => (float)(BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648.0),
        },
        WaveEncoding.IeeeFloat => s.Length == 4
            ? BinaryPrimitives.ReadSingleLittleEndian(s)
            : (float)BinaryPrimitives.ReadDoubleLittleEndian(s),
        WaveEncoding.ALaw => G711.ALawToFloat(s[0]),
        _ => G711.MuLawToFloat(s[0]),
    };
}
