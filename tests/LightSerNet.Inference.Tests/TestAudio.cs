using System.Buffers.Binary;

namespace LightSerNet.Inference.Tests;

/// <summary>Speech-like test audio (two drifting tones, a formant-ish buzz and noise) and 16-bit PCM WAV files of it.</summary>
internal static class TestAudio
{
    public static float[] Voice(int seed, double seconds, int rate = 16000)
    {
        var random = new Random(seed);
        var samples = new float[(int)Math.Round(seconds * rate)];
        double f0 = 90 + random.NextDouble() * 180, f1 = 400 + random.NextDouble() * 900, f2 = 1200 + random.NextDouble() * 1800;
        double tremolo = 2 + random.NextDouble() * 6, level = 0.2 + random.NextDouble() * 0.6;
        for (int i = 0; i < samples.Length; i++)
        {
            double t = (double)i / rate;
            double envelope = 0.5 + 0.5 * Math.Sin(2 * Math.PI * tremolo * t);
            double pitch = f0 * (1 + 0.05 * Math.Sin(2 * Math.PI * 0.7 * t));
            double voice = Math.Sin(2 * Math.PI * pitch * t) + 0.5 * Math.Sin(2 * Math.PI * f1 * t) + 0.25 * Math.Sin(2 * Math.PI * f2 * t);
            samples[i] = (float)(level * (envelope * voice / 1.75 + 0.03 * (random.NextDouble() * 2 - 1)));
        }
        return samples;
    }

    public static string WriteWav(string path, float[] samples, int rate = 16000)
    {
        var bytes = new byte[44 + samples.Length * 2];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + samples.Length * 2));
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(rate * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)(samples.Length * 2));
        for (int i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + 2 * i)..], (short)Math.Round(Math.Clamp(samples[i], -1f, 1f) * 32767));
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
