using System.Buffers.Binary;
using System.Text;

namespace LightSerNet.Audio.Tests;

/// <summary>
/// Writes WAV files in memory, including the odd and broken ones real writers produce, so reader tests
/// never depend on files someone has to keep around. Defaults: 16 kHz mono 16-bit PCM, fmt then data.
/// </summary>
internal sealed class WaveFileBuilder
{
    public const int ExtensibleTag = 0xFFFE;

    private readonly List<(string Id, byte[] Body)> _beforeFormat = [];
    private readonly List<(string Id, byte[] Body)> _beforeData = [];
    private readonly List<(string Id, byte[] Body)> _afterData = [];

    public int FormatTag { get; private set; } = 1;
    public int Channels { get; private set; } = 1;
    public int SampleRate { get; private set; } = 16000;
    public int BitsPerSample { get; private set; } = 16;
    public int? BlockAlignOverride { get; private set; }
    public int? SubFormatTag { get; private set; }
    public int ValidBits { get; private set; }
    public byte[] Data { get; private set; } = [];
    public uint? DataSizeOverride { get; private set; }
    public bool DataFirst { get; private set; }
    public bool Rf64 { get; private set; }
    public bool HasFormat { get; private set; } = true;
    public bool HasData { get; private set; } = true;
    public bool PadOddChunks { get; private set; } = true;

    public int BlockAlign => BlockAlignOverride ?? Channels * (BitsPerSample / 8);

    public WaveFileBuilder Format(int tag, int channels, int sampleRate, int bitsPerSample)
    {
        FormatTag = tag;
        Channels = channels;
        SampleRate = sampleRate;
        BitsPerSample = bitsPerSample;
        return this;
    }

    /// <summary>WAVE_FORMAT_EXTENSIBLE (cbSize 22) wrapping <paramref name="subFormatTag"/> (1 PCM, 3 float, ...).</summary>
    public WaveFileBuilder Extensible(int subFormatTag, int? validBits = null)
    {
        SubFormatTag = subFormatTag;
        ValidBits = validBits ?? BitsPerSample;
        return this;
    }

    public WaveFileBuilder WithBlockAlign(int blockAlign)
    {
        BlockAlignOverride = blockAlign;
        return this;
    }

    public WaveFileBuilder WithData(byte[] data)
    {
        Data = data;
        return this;
    }

    /// <summary>Writes <paramref name="size"/> into the data chunk header whatever the real byte count is.</summary>
    public WaveFileBuilder WithDataSize(uint size)
    {
        DataSizeOverride = size;
        return this;
    }

    public WaveFileBuilder ChunkBeforeFormat(string id, byte[] body)
    {
        _beforeFormat.Add((id, body));
        return this;
    }

    public WaveFileBuilder ChunkBeforeData(string id, byte[] body)
    {
        _beforeData.Add((id, body));
        return this;
    }

    public WaveFileBuilder ChunkAfterData(string id, byte[] body)
    {
        _afterData.Add((id, body));
        return this;
    }

    public WaveFileBuilder DataBeforeFormat()
    {
        DataFirst = true;
        return this;
    }

    public WaveFileBuilder AsRf64()
    {
        Rf64 = true;
        return this;
    }

    public WaveFileBuilder WithoutFormat()
    {
        HasFormat = false;
        return this;
    }

    public WaveFileBuilder WithoutData()
    {
        HasData = false;
        return this;
    }

    /// <summary>Leaves out the pad byte after odd-sized chunks, as some writers wrongly do.</summary>
    public WaveFileBuilder WithoutPadBytes()
    {
        PadOddChunks = false;
        return this;
    }

    public byte[] Build()
    {
        using var body = new MemoryStream();
        if (Rf64)
        {
            var ds64 = new byte[28];
            // The RIFF size is patched below; the data size and frame count are known now.
            BinaryPrimitives.WriteUInt64LittleEndian(ds64.AsSpan(8), DataSizeOverride ?? (ulong)Data.Length);
            BinaryPrimitives.WriteUInt64LittleEndian(ds64.AsSpan(16), (ulong)(Data.Length / Math.Max(1, BlockAlign)));
            WriteChunk(body, "ds64", ds64);
        }
        foreach (var (id, bytes) in _beforeFormat)
            WriteChunk(body, id, bytes);
        if (DataFirst)
            WriteData(body);
        if (HasFormat)
            WriteChunk(body, "fmt ", FormatBody());
        foreach (var (id, bytes) in _beforeData)
            WriteChunk(body, id, bytes);
        if (!DataFirst)
            WriteData(body);
        foreach (var (id, bytes) in _afterData)
            WriteChunk(body, id, bytes);

        var file = new byte[12 + body.Length];
        Encoding.ASCII.GetBytes(Rf64 ? "RF64" : "RIFF").CopyTo(file, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), Rf64 ? 0xFFFFFFFF : (uint)(4 + body.Length));
        Encoding.ASCII.GetBytes("WAVE").CopyTo(file, 8);
        body.ToArray().CopyTo(file, 12);
        if (Rf64)
            BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(20), (ulong)(file.Length - 8));
        return file;
    }

    /// <summary>File offset of the first sample byte in what <see cref="Build"/> returns (fmt before data, no RF64).</summary>
    public long ExpectedDataOffset()
    {
        long offset = 12;
        if (Rf64)
            offset += 8 + 28;
        foreach (var (_, bytes) in _beforeFormat)
            offset += 8 + Padded(bytes.Length);
        if (DataFirst)
            return offset + 8;
        if (HasFormat)
            offset += 8 + FormatBody().Length;
        foreach (var (_, bytes) in _beforeData)
            offset += 8 + Padded(bytes.Length);
        return offset + 8;
    }

    private int Padded(int length) => PadOddChunks ? length + (length & 1) : length;

    private byte[] FormatBody()
    {
        bool extensible = SubFormatTag is not null;
        var fmt = new byte[extensible ? 40 : 16];
        var span = fmt.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)(extensible ? ExtensibleTag : FormatTag));
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], (ushort)Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)(SampleRate * BlockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(span[12..], (ushort)BlockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(span[14..], (ushort)BitsPerSample);
        if (extensible)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[16..], 22);
            BinaryPrimitives.WriteUInt16LittleEndian(span[18..], (ushort)ValidBits);
            uint mask = Channels switch { 1 => 0x4, 2 => 0x3, 6 => 0x3F, _ => 0 };
            BinaryPrimitives.WriteUInt32LittleEndian(span[20..], mask);
            SubFormat(SubFormatTag!.Value).CopyTo(span[24..]);
        }
        return fmt;
    }

    /// <summary>KSDATAFORMAT_SUBTYPE_xxx: the format tag followed by the fixed 0000-0010-8000-00AA00389B71 tail.</summary>
    public static byte[] SubFormat(int tag) =>
        new Guid($"{tag:x8}-0000-0010-8000-00aa00389b71").ToByteArray();

    private void WriteData(MemoryStream body)
    {
        if (!HasData)
            return;
        uint size = DataSizeOverride is { } declared && !Rf64 ? declared : Rf64 ? 0xFFFFFFFF : (uint)Data.Length;
        WriteChunk(body, "data", Data, size);
    }

    private void WriteChunk(MemoryStream body, string id, byte[] bytes, uint? declaredSize = null)
    {
        Span<byte> head = stackalloc byte[8];
        Encoding.ASCII.GetBytes(id, head);
        BinaryPrimitives.WriteUInt32LittleEndian(head[4..], declaredSize ?? (uint)bytes.Length);
        body.Write(head);
        body.Write(bytes);
        if (PadOddChunks && (bytes.Length & 1) == 1)
            body.WriteByte(0);
    }

    public static byte[] Pcm8(IEnumerable<byte> codes) => codes.ToArray();

    public static byte[] Pcm16(IEnumerable<short> values)
    {
        var v = values.ToArray();
        var bytes = new byte[2 * v.Length];
        for (int i = 0; i < v.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), v[i]);
        return bytes;
    }

    public static byte[] Pcm24(IEnumerable<int> values)
    {
        var v = values.ToArray();
        var bytes = new byte[3 * v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            bytes[3 * i] = (byte)v[i];
            bytes[3 * i + 1] = (byte)(v[i] >> 8);
            bytes[3 * i + 2] = (byte)(v[i] >> 16);
        }
        return bytes;
    }

    public static byte[] Pcm32(IEnumerable<int> values)
    {
        var v = values.ToArray();
        var bytes = new byte[4 * v.Length];
        for (int i = 0; i < v.Length; i++)
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), v[i]);
        return bytes;
    }

    public static byte[] Float32(IEnumerable<float> values)
    {
        var v = values.ToArray();
        var bytes = new byte[4 * v.Length];
        for (int i = 0; i < v.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), v[i]);
        return bytes;
    }

    public static byte[] Float64(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var bytes = new byte[8 * v.Length];
        for (int i = 0; i < v.Length; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), v[i]);
        return bytes;
    }
}
